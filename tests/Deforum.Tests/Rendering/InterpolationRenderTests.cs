using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Rendering;

/// <summary>Interpolation mode's loop on a stand-in generator: which conditioning each saved frame gets, and its seed.</summary>
public class InterpolationRenderTests
{
    static PreparedRun Run(string extra) => RunPreparation.Prepare(SettingsFile.Read($$"""
        { "W": 64, "H": 64, "animation_mode": "Interpolation", "seed": 5, "prompts": { "0": "ab", "4": "abcdef" } {{extra}} }
        """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    static List<Tensor> Samples() => [DisposeScope.Detach(Tensor.Zeros([1, 3, 64, 64]))];

    [Theory]
    [InlineData(", \"interpolate_x_frames\": 3", new float[] { 2, 3, 4, 5, 6 })]       // j/(x+1) for j = 0…3, then the last key
    [InlineData(", \"interpolate_key_frames\": true", new float[] { 2, 3, 4, 5, 6 })]   // key difference 4 → j/4
    public void Each_frame_is_conditioned_on_the_linear_blend_of_its_two_keys(string extra, float[] expected)
    {
        var run = Run(extra);
        var plan = RenderPlanner.Plan(run);
        using var generator = new ReplayGenerator(Samples(), Device.Cpu);
        using var sink = new MemorySink();

        new InterpolationRenderer(run, generator, sink).Render(plan);

        // the stand-in's c of a prompt is its text length: "ab" → 2, "abcdef" → 6
        Assert.Equal(expected.Select(v => (float?)v), generator.InitCs);
        Assert.All(generator.Requests, r => Assert.Equal(5, r.Seed));
        Assert.Equal(plan.SavedFrames.Select(f => f.FileName!), sink.Of(OutputKind.Frame).Select(f => f.Info.FileName));
    }

    [Fact]
    public void A_plan_of_another_mode_is_refused()
    {
        var run = Run("");
        using var generator = new ReplayGenerator(Samples(), Device.Cpu);
        using var sink = new MemorySink();
        var still = RenderPlanner.Plan(RunPreparation.Prepare(SettingsFile.Read("""{ "animation_mode": "None" }""").Settings,
            new RunContext(new DateTime(2022, 9, 3), new Random(0))));

        Assert.Throws<ArgumentException>(() => new InterpolationRenderer(run, generator, sink).Render(still));
    }
}
