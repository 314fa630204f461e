using Deforum.Testing;
using Xunit;

namespace Deforum.Tests.Models.Clip;

public class ClipTokenizerGoldenTests
{
    public static IEnumerable<object[]> Cases => Golden.Cases("tokenizer");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Matches_reference_tokenizer(string id)
    {
        var c = Golden.Case(id);
        var tokenizer = ClipTestVocabulary.Tokenizer();
        var p = c.Params;

        var result = tokenizer.Tokenize(p.GetProperty("prompt").GetString()!);

        Assert.Equal(p.GetProperty("cleaned_text").GetString(), result.CleanedText);
        var expectedTokens = p.GetProperty("bpe_tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(expectedTokens, result.BpeTokens);
        Assert.Equal(p.GetProperty("num_bpe_tokens_before_truncation").GetInt32(), result.TokenIds.Count);
        Assert.Equal(p.GetProperty("truncated").GetBoolean(), result.Truncated);
        Assert.Equal(p.GetProperty("max_length").GetInt32(), result.InputIds.Length);

        using var file = c.Open();
        var expectedIds = file.Read<long>(c.Outputs["input_ids"].Tensor);
        Assert.Equal(expectedIds, result.InputIds);
    }
}
