using Deforum.Schedules;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Schedules;

public class MathExpressionTests
{
    static double Eval(string text, double t = 0, double maxF = 0, double s = 0) =>
        MathExpression.Parse(text, "angle").Evaluate(new ScheduleVariables(t, maxF, s));

    [Theory]
    [InlineData("1+2*3", 7)]
    [InlineData("(1+2)*3", 9)]
    [InlineData("2**3**2", 512)]
    [InlineData("-2**2", -4)]
    [InlineData("2**-1", 0.5)]
    [InlineData("7%3", 1)]
    [InlineData("-7%3", 2)]
    [InlineData("7/2", 3.5)]
    [InlineData("1e-3*1000", 1)]
    [InlineData(".5+.5", 1)]
    [InlineData("abs(-3)+sqrt(16)", 7)]
    [InlineData("min(3,4)+max(3,4)+pow(2,10)", 1031)]
    [InlineData("floor(2.7)+ceil(2.1)", 5)]
    [InlineData("round(2.5)+round(3.5)", 6)]
    [InlineData("exp(0)+log(1)+log10(100)", 3)]
    [InlineData("where(3>2, 10, 20)", 10)]
    [InlineData("(1<2)&(2<3)", 1)]
    [InlineData("(1>2)|(2>3)", 0)]
    [InlineData("~(1==1)", 0)]
    [InlineData("3!=3", 0)]
    [InlineData("cos(pi)", -1)]
    [InlineData("log(e)", 1)]
    [InlineData("arctan2(1,1)*4", Math.PI)]
    [InlineData("expm1(1e-8)*1e8", 1.000000005)]
    [InlineData("log1p(1e-6)*1e6", 0.9999995000003334)]
    [InlineData("sinh(0)+cosh(0)+tanh(0)", 1)]
    public void Evaluates_like_numexpr(string text, double expected) =>
        Assert.Equal(expected, Eval(text), 12);

    [Fact]
    public void Reads_t_max_f_and_s() => Assert.Equal(2 + 10 + 300, Eval("t + max_f*10 + s*100", 2, 1, 3));

    [Theory]
    [InlineData("2t", 0, "operator")]
    [InlineData("sin(t", 3, "')'")]
    [InlineData("foo(t)", 0, "use one of")]
    [InlineData("x+1", 0, "t (frame)")]
    [InlineData("1 +", 3, "complete the expression")]
    [InlineData("sin", 0, "sin(...)")]
    [InlineData("pow(2)", 0, "exactly 2")]
    [InlineData("1 $ 2", 2, "use numbers")]
    [InlineData("", 0, "write a number")]
    [InlineData("1 2", 2, "math expression")]
    public void Errors_name_setting_position_and_fix(string text, int position, string fixPart)
    {
        var e = Assert.Throws<SettingsException>(() => MathExpression.Parse(text, "angle", 10));
        var p = Assert.Single(e.Problems);
        Assert.Equal("angle", p.Setting);
        Assert.Equal(10 + position, p.Position);
        Assert.Contains(fixPart, p.Fix);
    }

    [Theory]
    [InlineData(100000, "(", "")]
    [InlineData(100000, "-", "1")]
    [InlineData(100000, "~", "1")]
    [InlineData(5000, "1+", "1")]
    public void Hostile_nesting_and_length_are_rejected_not_overflowed(int count, string repeated, string tail)
    {
        var text = string.Concat(Enumerable.Repeat(repeated, count)) + tail;
        var e = Assert.Throws<SettingsException>(() => MathExpression.Parse(text, "zoom"));
        Assert.Matches("nests deeper than 100 levels|longer than 2000 tokens", e.Problems[0].Message);
        Assert.Equal("zoom", e.Problems[0].Setting);
    }

    [Fact]
    public void Moderate_nesting_still_works() =>
        Assert.Equal(3, Eval(new string('(', 50) + "3" + new string(')', 50)));
}
