using Deforum.Models.Clip;
using Xunit;

namespace Deforum.Tests.Models.Clip;

public class ClipTokenizerTests
{
    static long[] EmptyIds()
    {
        var ids = Enumerable.Repeat((long)ClipTokenizer.EosId, ClipTokenizer.MaxLength).ToArray();
        ids[0] = ClipTokenizer.BosId;
        return ids;
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("  \t\n\r\n \u3000 ")]
    public void Empty_and_whitespace_prompts_are_bos_then_eos_padding(string prompt)
    {
        var result = ClipTestVocabulary.Tokenizer().Tokenize(prompt);
        Assert.Equal("", result.CleanedText);
        Assert.Empty(result.BpeTokens);
        Assert.Equal(EmptyIds(), result.InputIds);
    }

    [SkippableFact]
    public void Long_prompt_is_truncated_keeping_eos_last()
    {
        var tokenizer = ClipTestVocabulary.Tokenizer();
        var prompt = string.Join(", ", Enumerable.Range(0, 60).Select(i => $"detail{i}"));

        var result = tokenizer.Tokenize(prompt);

        Assert.True(result.Truncated);
        Assert.True(result.TokenIds.Count > ClipTokenizer.MaxContentTokens);
        Assert.Equal(ClipTokenizer.MaxLength, result.InputIds.Length);
        Assert.Equal(ClipTokenizer.BosId, result.InputIds[0]);
        Assert.Equal(ClipTokenizer.EosId, result.InputIds[76]);
        Assert.Equal(result.TokenIds.Take(ClipTokenizer.MaxContentTokens).Select(i => (long)i), result.InputIds[1..76]);
    }

    [SkippableTheory]
    [InlineData("富士山の風景 and 北京 🐱🌈!")]
    [InlineData("안녕하세요 👩‍👩‍👧 ελληνικά")]
    [InlineData("\U0001D400\U0001D401 bold")]
    public void Non_latin_text_round_trips_through_byte_level_bpe(string prompt)
    {
        var tokenizer = ClipTestVocabulary.Tokenizer();
        var result = tokenizer.Tokenize(prompt);
        Assert.Equal(result.CleanedText, tokenizer.Decode(result.TokenIds));
    }

    [SkippableFact]
    public void Astral_letters_form_one_word_like_python_regex()
    {
        var result = ClipTestVocabulary.Tokenizer().Tokenize("\U0001D400\U0001D401");
        Assert.EndsWith(ClipVocabulary.EndOfWord, result.BpeTokens[^1]);
        Assert.DoesNotContain(result.BpeTokens.SkipLast(1), t => t.EndsWith(ClipVocabulary.EndOfWord, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Dotted_capital_i_lowercases_to_i_and_combining_dot()
    {
        var result = ClipTestVocabulary.Tokenizer().Tokenize("\u0130");
        Assert.Equal("i\u0307", result.CleanedText);
        Assert.Equal(2, result.TokenIds.Count);
    }

    [SkippableFact]
    public void Batch_encoding_is_row_major_single_encodings()
    {
        var tokenizer = ClipTestVocabulary.Tokenizer();
        string[] prompts = ["a red apple", "", "a cute cat 🐱"];

        var batch = tokenizer.Encode(prompts);

        Assert.Equal(prompts.Length * ClipTokenizer.MaxLength, batch.Length);
        for (int i = 0; i < prompts.Length; i++)
            Assert.Equal(tokenizer.Encode(prompts[i]), batch.AsSpan(i * ClipTokenizer.MaxLength, ClipTokenizer.MaxLength).ToArray());
    }

    [SkippableFact]
    public void Special_token_text_maps_to_its_id()
    {
        var result = ClipTestVocabulary.Tokenizer().Tokenize("a <|endoftext|> b");
        Assert.Equal(ClipTokenizer.EosId, result.TokenIds[1]);
        Assert.Equal(3, result.TokenIds.Count);
    }
}
