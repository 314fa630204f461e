using Deforum.Animation.Perlin;
using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Settings;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

/// <summary>The cases of tests/golden/perlin (tools/reference/perlin/make_perlin_cases.py): the originals run on drawn inputs.</summary>
public class PerlinParityTests
{
    public static IEnumerable<object[]> NoiseCases => Golden.PerlinCases("perlin_noise");
    public static IEnumerable<object[]> InitCases => Golden.PerlinCases("perlin_init");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(NoiseCases))]
    public void Perlin_frame_noise_matches_the_extension(string id)
    {
        var c = Golden.PerlinCase(id);
        if (c.Raw.TryGetProperty("raises", out _))
        {
            Crashing_parameters_are_refused_naming_the_setting(c);
            return;
        }
        using var g = new ImageGolden(c);
        using var scope = DisposeScope.Begin();
        long seed = g.P.GetProperty("seed").GetInt64();
        var shape = new PerlinNoiseShape(g.Double("perlin_w"), g.Double("perlin_h"), g.P.GetProperty("perlin_octaves").GetInt32(), g.Double("perlin_persistence"));
        var white = g.Case.Tensors["white_randn"].Shape; // [3, rows, cols]: the frame rounded down to multiples of 64
        using (var generator = new Generator(0).ManualSeed(seed))
        {
            g.AssertIntermediate(Tensor.Randn(white, generator), "white_randn");
            g.AssertIntermediate(PerlinField.Octaves((white[1], white[2]), (shape.CellsDown, shape.CellsAcross), shape.Octaves, shape.Persistence, generator), "perlin");
        }
        g.AssertClose(PerlinFrameNoise.Add(g.Load("in_image"), g.Double("noise"), seed, shape), "out_noised");
    }

    /// <summary>Where the original crashes, a 2D run with the case's settings is refused with a problem naming the culprit.</summary>
    static void Crashing_parameters_are_refused_naming_the_setting(GoldenCase c)
    {
        var p = c.Params;
        var settings = new DeforumSettings
        {
            Generation = new GenerationSettings { W = p.GetProperty("W").GetInt32(), H = p.GetProperty("H").GetInt32(), Seed = p.GetProperty("seed").GetInt64() },
            Animation = new AnimationSettings
            {
                AnimationMode = AnimationModes.TwoD, MaxFrames = 2, NoiseType = NoiseTypes.Perlin,
                PerlinW = p.GetProperty("perlin_w").GetDouble(), PerlinH = p.GetProperty("perlin_h").GetDouble(),
                PerlinOctaves = p.GetProperty("perlin_octaves").GetInt32(), PerlinPersistence = p.GetProperty("perlin_persistence").GetDouble(),
            },
            Prompts = new PromptSettings { AnimationPrompts = new() { [0] = "a lake" } },
        };
        var e = Assert.Throws<SettingsException>(() => RunPreparation.Prepare(settings, RunContext.Now()));
        var blame = c.Raw.GetProperty("blame").GetString();
        Assert.True(e.Problems.Any(problem => problem.Setting == blame), $"{c.Id}: the original raised {c.Raw.GetProperty("raises")}; expected a problem naming {blame}, got: {e.Message}");
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(InitCases))]
    public void Perlin_init_matches_disco(string id)
    {
        using var g = new ImageGolden(Golden.PerlinCase(id));
        using var scope = DisposeScope.Begin();
        var mode = Enum.Parse<PerlinMode>(g.String("perlin_mode"), ignoreCase: true);
        int w = g.P.GetProperty("W").GetInt32(), h = g.P.GetProperty("H").GetInt32();
        long seed = g.P.GetProperty("seed").GetInt64();
        var (coarse, fine) = PerlinInit.Pictures(mode, w, h, seed);
        g.AssertIntermediate(coarse, "init_image");
        g.AssertIntermediate(fine, "init2_image");
        g.AssertClose(PerlinInit.Create(mode, w, h, seed), "out_init");
    }
}
