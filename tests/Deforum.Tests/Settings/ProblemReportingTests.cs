using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Settings;

public class ProblemReportingTests
{
    [Fact]
    public void Collector_keeps_problems_from_failed_actions_and_throws_them_together()
    {
        var problems = new ProblemCollector();
        Assert.Equal(3, problems.Try(() => 3));
        Assert.Equal(0, problems.Try<int>(() => throw new SettingsException(new SettingProblem("zoom", 4, "x", "bad", "fix it"))));
        problems.Add("W", null, "10", "too small", "use 64 or more");
        problems.Add(new SettingProblem("H", null, "20", "too small", "use 64 or more"));
        var e = Assert.Throws<SettingsException>(problems.ThrowIfAny);
        Assert.Equal(["zoom", "W", "H"], e.Problems.Select(p => p.Setting));
        Assert.StartsWith("3 problems in the settings:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collector_without_problems_does_not_throw()
    {
        var problems = new ProblemCollector();
        problems.ThrowIfAny();
        Assert.False(problems.HasProblems);
    }

    [Fact]
    public void A_problem_reads_as_setting_position_text_and_fix() =>
        Assert.Equal("zoom at position 4: ',' is not a decimal separator (found '1,02'); fix: use '.'",
            new SettingProblem("zoom", 4, "1,02", "',' is not a decimal separator", "use '.'").ToString());
}
