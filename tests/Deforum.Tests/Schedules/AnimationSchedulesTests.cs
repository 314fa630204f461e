using Deforum.Schedules;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Schedules;

public class AnimationSchedulesTests
{
    [Fact]
    public void Builds_every_series_with_max_frames_values()
    {
        var s = AnimationSchedules.Build(new AnimationSettings(), 20, seed: 0);
        Assert.All(new[] { s.Angle, s.Zoom, s.TranslationX, s.TranslationY, s.TranslationZ, s.Rotation3DX, s.Rotation3DY, s.Rotation3DZ,
            s.PerspectiveFlipTheta, s.PerspectiveFlipPhi, s.PerspectiveFlipGamma, s.PerspectiveFlipFv, s.Noise, s.Strength, s.Contrast,
            s.Kernel, s.Sigma, s.Amount, s.Threshold },
            series => Assert.Equal(20, series.Length));
        Assert.Equal(1.04, s.Zoom[7]);
        Assert.Equal(2, s.PerspectiveFlipPhi[17]);
    }

    [Fact]
    public void Reports_problems_of_all_schedules_together()
    {
        var a = new AnimationSettings { Zoom = "0:(1,04)", NoiseSchedule = "0:(0.02", ContrastSchedule = "" };
        var e = Assert.Throws<SettingsException>(() => AnimationSchedules.Build(a, 10, 0));
        Assert.Equal(["zoom", "noise_schedule", "contrast_schedule"], e.Problems.Select(p => p.Setting));
    }
}
