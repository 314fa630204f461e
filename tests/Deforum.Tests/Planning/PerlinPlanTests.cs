using Deforum.Animation.Perlin;
using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Planning;

/// <summary>Where the plan puts noise_type perlin and perlin_init, and how the table shows them.</summary>
public class PerlinPlanTests
{
    static RenderPlan Plan(string mode, Func<GenerationSettings, GenerationSettings>? g = null, Func<AnimationSettings, AnimationSettings>? a = null,
        int cadence = 1)
    {
        var s = new DeforumSettings();
        var gen = s.Generation with { Seed = 10, Strength = 0.4 };
        var anim = s.Animation with { AnimationMode = mode, MaxFrames = 5, DiffusionCadence = cadence };
        var prompts = new PromptSettings { AnimationPrompts = new() { [0] = "a lake", [2] = "a hill" } };
        s = s with { Generation = g?.Invoke(gen) ?? gen, Animation = a?.Invoke(anim) ?? anim, Prompts = mode == AnimationModes.None ? s.Prompts : prompts };
        var run = RunPreparation.Prepare(s, new RunContext(new DateTime(2024, 1, 1, 12, 0, 0), new Random(1), ExtractedVideoFrames: 3));
        return RenderPlanner.Plan(run);
    }

    static AnimationSettings PerlinNoise(AnimationSettings a) => a with { NoiseType = NoiseTypes.Perlin, PerlinW = 4, PerlinH = 2, PerlinOctaves = 3, PerlinPersistence = 0.7 };

    [Theory]
    [InlineData(AnimationModes.None)]
    [InlineData(AnimationModes.TwoD)]
    [InlineData(AnimationModes.Interpolation)]
    [InlineData(AnimationModes.VideoInput)]
    public void By_default_no_entry_uses_either(string mode) =>
        Assert.All(Plan(mode).Frames, f => Assert.True(f.PerlinNoise is null && f.PerlinInit is null));

    [Fact]
    public void Perlin_noise_replaces_the_gaussian_on_every_noised_frame_with_the_frames_seed()
    {
        var plan = Plan(AnimationModes.TwoD, a: PerlinNoise);
        Assert.Null(plan.Frames[0].PerlinNoise); // frame 0 has no previous frame to noise
        Assert.All(plan.Frames.Skip(1), f =>
        {
            Assert.Equal(new PerlinNoiseShape(4, 2, 3, 0.7), f.PerlinNoise!.Shape);
            Assert.Equal(f.Seed, f.PerlinNoise.Seed);
        });
        Assert.Contains("0.02 perlin", plan.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_seed_schedule_the_noise_takes_the_previous_generations_seed_as_the_extension_does()
    {
        var plan = Plan(AnimationModes.TwoD, g => g with { SeedBehavior = "schedule", SeedSchedule = "0:(5), 2:(50), 4:(500)" }, PerlinNoise, cadence: 2);
        var diffused = plan.Generations.ToList();
        Assert.Equal([5L, 50, 500], diffused.Select(f => f.Seed!.Value));
        Assert.Equal([5L, 50], diffused.Skip(1).Select(f => f.PerlinNoise!.Seed));
    }

    [Fact]
    public void Perlin_init_starts_the_first_frame_of_an_animation_instead_of_init_image_with_the_init_strength()
    {
        var plan = Plan(AnimationModes.TwoD, g => g with { PerlinInit = true, PerlinMode = "color", UseInit = true, InitImage = "start.png" });
        var first = plan.Frames[0];
        Assert.Equal(PerlinMode.Color, first.PerlinInit);
        Assert.Null(first.InitImage);
        Assert.Equal(0.4, first.Strength); // an init: strength_0_no_init does not zero it
        Assert.All(plan.Frames.Skip(1), f => Assert.Null(f.PerlinInit));
        Assert.Contains("perlin init (color)", plan.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_use_init_perlin_init_is_the_init()
    {
        var plan = Plan(AnimationModes.TwoD, g => g with { PerlinInit = true });
        Assert.Equal((PerlinMode.Mixed, 0.4), (plan.Frames[0].PerlinInit, plan.Frames[0].Strength));
    }

    [Theory]
    [InlineData(AnimationModes.None)]
    [InlineData(AnimationModes.Interpolation)]
    public void Every_generation_that_would_take_init_image_takes_the_perlin_init(string mode)
    {
        var plan = Plan(mode, g => g with { PerlinInit = true, PerlinMode = "gray" });
        Assert.All(plan.Generations, f => Assert.True(f.PerlinInit == PerlinMode.Gray && f.InitImage is null && f.Strength == 0.4));
    }

    [Fact]
    public void Video_input_frames_keep_their_video_frames() =>
        Assert.All(Plan(AnimationModes.VideoInput, g => g with { PerlinInit = true }, PerlinNoise).Frames,
            f => Assert.True(f.PerlinInit is null && f.PerlinNoise is null && f.InitImage is not null));
}
