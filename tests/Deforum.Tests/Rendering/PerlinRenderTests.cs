using Deforum.Models;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Testing;
using Deforum.Tests.Media;
using Deforum.Tests.Models.Clip;
using Xunit;
using TinySd = Deforum.Tests.Models.TinyModel;

namespace Deforum.Tests.Rendering;

/// <summary>noise_type perlin and perlin_init through "Do the Run!" on the tiny golden model.</summary>
public sealed class PerlinRenderTests : IDisposable
{
    const int MaxFrames = 3;

    readonly TempFolder _output = new();
    readonly Lazy<StableDiffusion> _model = new(() =>
        StableDiffusion.Load(TinySd.Config(), TinySd.SafetensorsPath, ClipTestVocabulary.Tokenizer(), TestDevice.Current));
    int _runs;

    /// <summary>The frames of a 64×64 2D run with these extra settings, by index.</summary>
    async Task<byte[][]> Render(string extra)
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var loaded = SettingsFile.Read($$"""
            { "W": 64, "H": 64, "animation_mode": "2D", "max_frames": {{MaxFrames}}, "steps": 4, "sampler": "euler",
              "seed": 7, "strength": 0.5, "strength_schedule": "0: (0.5)", "noise_schedule": "0: (0.3)", "batch_name": "perlin",
              "prompts": { "0": "a red apple" } {{extra}} }
            """, new DeforumSettings { Paths = new PathSettings { OutputPath = _output.Path } });
        var result = await DeforumRun.ExecuteAsync(_model.Value, loaded, new RunContext(new DateTime(2022, 9, 3, 12, _runs++, 0), new Random(0)));
        return [.. Enumerable.Range(0, MaxFrames).Select(i => File.ReadAllBytes(Path.Combine(result.Outdir, OutputPaths.FrameFile(result.Plan.Timestring, i))))];
    }

    [SkippableFact]
    public async Task Perlin_noise_changes_every_noised_frame_and_renders_the_same_twice()
    {
        var uniform = await Render("");
        var perlin = await Render(""", "noise_type": "perlin", "perlin_w": 4, "perlin_h": 2, "perlin_octaves": 3""");
        Assert.Equal(uniform[0], perlin[0]); // frame 0 has no noise
        Assert.All(Enumerable.Range(1, MaxFrames - 1), i => Assert.NotEqual(uniform[i], perlin[i]));
        Assert.Equal(perlin, await Render(""", "noise_type": "perlin", "perlin_w": 4, "perlin_h": 2, "perlin_octaves": 3"""));
    }

    [SkippableFact]
    public async Task Perlin_init_changes_the_first_frame_and_each_mode_differs()
    {
        var plain = await Render("");
        var mixed = await Render(""", "perlin_init": true""");
        var gray = await Render(""", "perlin_init": true, "perlin_mode": "gray" """);
        Assert.NotEqual(plain[0], mixed[0]);
        Assert.NotEqual(mixed[0], gray[0]);
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
        _output.Dispose();
    }
}
