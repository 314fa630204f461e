using Deforum.Sampling;
using Deforum.Schedules;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Schedules;

/// <summary>sampler_schedule (0.7.1): quoted sampler names, carried forward per frame.</summary>
public class SamplerScheduleTests
{
    [Fact]
    public void Names_are_carried_forward_and_frames_before_the_first_key_take_it()
    {
        var series = SamplerSchedule.Parse("""5:('heun'), 2:("euler"), 8:( 'ddim' )""").Expand(10);
        Assert.Equal(
            [SamplerName.Euler, SamplerName.Euler, SamplerName.Euler, SamplerName.Euler, SamplerName.Euler,
             SamplerName.Heun, SamplerName.Heun, SamplerName.Heun, SamplerName.Ddim, SamplerName.Ddim], series);
    }

    [Fact]
    public void Default_schedule_is_0_7_1s_with_the_dpm_solver_keys()
    {
        var series = SamplerSchedule.Parse(new AnimationSettings().SamplerSchedule).Expand(100);
        Assert.Equal((SamplerName.Euler, SamplerName.Dpm2, SamplerName.EulerAncestral, SamplerName.DpmFast, SamplerName.DpmAdaptive, SamplerName.DpmPlusPlus2SAncestral, SamplerName.DpmPlusPlus2M),
            (series[0], series[10], series[59], series[60], series[79], series[80], series[99]));
    }

    [Fact]
    public void Every_unknown_name_is_reported_with_its_position()
    {
        var e = Assert.Throws<SettingsException>(() => SamplerSchedule.Parse("0:('Euler a'), 10:('dpmpp_sde')"));
        Assert.Equal([3, 19], e.Problems.Select(p => p.Position));
        Assert.All(e.Problems, p => Assert.Equal("sampler_schedule", p.Setting));
        Assert.Contains("'Euler a'", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("10:('euler')", e.Problems[1].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_name_is_an_error() =>
        Assert.Equal("sampler_schedule", Assert.Single(Assert.Throws<SettingsException>(() => SamplerSchedule.Parse("0:('')")).Problems).Setting);
}
