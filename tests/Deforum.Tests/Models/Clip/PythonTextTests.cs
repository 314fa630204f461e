using Deforum.Models.Clip;
using Xunit;

namespace Deforum.Tests.Models.Clip;

public class PythonTextTests
{
    [Theory]
    [InlineData("\u0130stanbul D\u0130YARBAKIR", "i\u0307stanbul di\u0307yarbakir")]
    [InlineData("ΟΔΟΣ ΣΑΣ", "οδος σας")]
    [InlineData("Σ", "σ")]
    [InlineData("ΑΣ.", "ας.")]
    [InlineData("ΑΣΑ", "ασα")]
    [InlineData("ǅ Ⅻ Ａ \U00010400", "ǆ ⅻ ａ \U00010428")]
    [InlineData("MiXeD", "mixed")]
    public void Lower_matches_python_str_lower(string text, string expected) =>
        Assert.Equal(expected, PythonText.Lower(text));

    [Theory]
    [InlineData("   extra    spaces\tand\ttabs\nand\r\nnewlines   ", "extra spaces and tabs and newlines")]
    [InlineData(" \u00A0\u3000\u2003 ", "")]
    [InlineData("a\u00A0b", "a b")]
    [InlineData("", "")]
    public void CollapseWhitespace_matches_python_whitespace_clean(string text, string expected) =>
        Assert.Equal(expected, PythonText.CollapseWhitespace(text));
}
