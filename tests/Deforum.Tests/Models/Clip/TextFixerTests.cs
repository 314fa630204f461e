using Deforum.Models.Clip;
using Xunit;

namespace Deforum.Tests.Models.Clip;

public class TextFixerTests
{
    [Theory]
    [InlineData("cafÃ©", "café")]
    [InlineData("Ã©tÃ© Ã  Paris", "été à Paris")]
    [InlineData("donâ€™t", "don't")]
    [InlineData("â€œquotedâ€\u009D", "\"quoted\"")]
    [InlineData("ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "Привет мир")]
    [InlineData("Î±Î¸Î®Î½Î±", "αθήνα")]
    [InlineData("æ—¥æœ¬èªž", "日本語")]
    [InlineData("ðŸ˜€ smile", "😀 smile")]
    [InlineData("Â£5 and 10Â°C", "£5 and 10°C")]
    [InlineData("cafÃƒÂ©", "café")]
    [InlineData("ï»¿bom", "bom")]
    public void Mojibake_is_repaired(string broken, string expected) =>
        Assert.Equal(expected, TextFixer.Fix(broken));

    [Theory]
    [InlineData("café crème brûlée à la française, naïve Zoë, straße")]
    [InlineData("São Paulo, NÃO, Ãgua")]
    [InlineData("«ÉTÉ» in Île-de-France")]
    [InlineData("½ ² © ® ° ± × ÷ µ ¶ · ¿ ¡")]
    [InlineData("富士山の風景 and 北京, 안녕하세요")]
    [InlineData("a cute cat 🐱 under a rainbow 🌈!")]
    [InlineData("Ωμέγα, Москва, ירושלים, القاهرة")]
    [InlineData("plain ascii <3 & friends")]
    public void Correct_text_is_left_untouched(string text) =>
        Assert.Equal(text, TextFixer.Fix(text));

    [Theory]
    [InlineData("«Un café…»")]
    [InlineData("he said “touché’”")]
    [InlineData("É»")]
    public void Accented_letters_next_to_punctuation_are_not_mojibake(string text) =>
        Assert.Equal(text, MojibakeFixer.Fix(text));

    [Theory]
    [InlineData("salt &amp; pepper", "salt & pepper")]
    [InlineData("it&#39;s &quot;fine&quot;", "it's \"fine\"")]
    [InlineData("&#x41;&#66;", "AB")]
    [InlineData("&EACUTE;T&EACUTE; &AMP; &NBSP;", "ÉTÉ & \u00A0")]
    [InlineData("&#128; sign", "€ sign")]
    [InlineData("&bogus; &#12a; &#;", "&bogus; &#12a; &#;")]
    [InlineData("<b>salt &amp; pepper</b>", "<b>salt &amp; pepper</b>")]
    public void Html_references_are_decoded_only_outside_html(string text, string expected) =>
        Assert.Equal(expected, TextFixer.Fix(text));

    [Fact]
    public void Html_stays_encoded_from_the_first_line_with_markup_on() =>
        Assert.Equal("a & b\n<p>c &amp; d\ne &amp; f", TextFixer.Fix("a &amp; b\n<p>c &amp; d\ne &amp; f"));

    [Theory]
    [InlineData("\uFB01ne \uFB02ower \uFB03x", "fine flower ffix")]
    [InlineData("\u0149", "'n")]
    [InlineData("\uFF26\uFF35\uFF2C\uFF2C\u3000\uFF57\uFF49\uFF44\uFF54\uFF48\uFF01", "FULL width!")]
    [InlineData("\u201Ccurly\u201D \u2018single\u2019 \u201Elow\u201F", "\"curly\" 'single' \"low\"")]
    [InlineData("\u0093c1 quotes\u0094", "\"c1 quotes\"")]
    [InlineData("a\r\nb\rc\u2028d", "a\nb\nc\nd")]
    [InlineData("\u001B[31mred\u001B[0m", "red")]
    [InlineData("a\u0000b\u0007c\u007Fd\uFEFFe", "abcde")]
    [InlineData("cafe\u0301", "café")]
    public void Character_fixes_follow_ftfy(string text, string expected) =>
        Assert.Equal(expected, TextFixer.Fix(text));

    [Fact]
    public void Lone_surrogates_become_replacement_characters() =>
        Assert.Equal("a\uFFFDb\uD83D\uDC31", TextFixer.Fix("a\uD800b\uD83D\uDC31"));
}
