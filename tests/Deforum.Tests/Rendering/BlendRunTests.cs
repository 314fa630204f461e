using Deforum.Models;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Testing;
using Deforum.Tests.Media;
using Deforum.Tests.Models.Clip;
using Xunit;
using TinySd = Deforum.Tests.Models.TinyModel;

namespace Deforum.Tests.Rendering;

/// <summary>
/// The frames each issue 15 setting changes, rendered end to end on the tiny golden model: the same settings with the
/// feature off and on write the same files until the feature first acts, and different ones from there.
/// </summary>
public sealed class BlendRunTests : IDisposable
{
    readonly TempFolder _output = new();
    readonly Lazy<StableDiffusion> _model = new(() =>
        StableDiffusion.Load(TinySd.Config(), TinySd.SafetensorsPath, ClipTestVocabulary.Tokenizer(), TestDevice.Current));

    async Task<byte[][]> Render(string settings, int minute)
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var loaded = SettingsFile.Read($$"""
            { "W": 64, "H": 64, "steps": 3, "sampler": "euler", "seed": 9, "batch_name": "blend", {{settings}} }
            """, new DeforumSettings { Paths = new PathSettings { OutputPath = _output.Path } });
        var result = await DeforumRun.ExecuteAsync(_model.Value, loaded, new RunContext(new DateTime(2022, 9, 3, 12, minute, 0), new Random(0)));
        return [.. result.Plan.SavedFrames.Select(f => File.ReadAllBytes(Path.Combine(result.Outdir, f.FileName!)))];
    }

    static void AssertSameUntil(byte[][] off, byte[][] on, int firstChanged)
    {
        Assert.Equal(off.Length, on.Length);
        Assert.Equal(off[..firstChanged], on[..firstChanged]);
        Assert.NotEqual(off[firstChanged], on[firstChanged]);
    }

    [SkippableFact]
    public async Task Cubic_keyframes_change_the_frames_between_the_keys()
    {
        const string run = """ "animation_mode": "2D", "max_frames": 5, "zoom": "0:(1), 2:(1.3), 4:(1)", "angle": "0:(0), 2:(20), 4:(0)" """;

        var linear = await Render(run, 0);
        var cubic = await Render(run + """, "keyframe_interpolation": "Cubic" """, 1);

        AssertSameUntil(linear, cubic, 1);
    }

    [SkippableFact]
    public async Task A_blend_window_changes_the_frames_from_its_first_frame()
    {
        const string run = """
            "animation_mode": "2D", "max_frames": 6, "zoom": "0:(1)", "strength_schedule": "0:(0.3)",
            "prompts": { "0": "a red apple", "4": "a green pear --neg blurry" }
            """;

        var hardSwitch = await Render(run, 2);
        var blended = await Render(run + """, "prompt_blend_window": 2""", 3);
        var slerped = await Render(run + """, "prompt_blend_window": 2, "prompt_blend_method": "Slerp" """, 4);

        AssertSameUntil(hardSwitch, blended, 2);
        AssertSameUntil(hardSwitch, slerped, 2);
    }

    [SkippableFact]
    public async Task Slerp_changes_interpolation_modes_in_between_frames_only()
    {
        const string run = """ "animation_mode": "Interpolation", "interpolate_x_frames": 2, "prompts": { "0": "a red apple", "3": "a green pear" } """;

        var linear = await Render(run, 5);
        var slerp = await Render(run + """, "prompt_blend_method": "Slerp" """, 6);

        // frame 0 is the first key's c (weight 0), the last frame the last key's c, both taken as they are
        Assert.Equal(linear[^1], slerp[^1]);
        Assert.Contains(Enumerable.Range(1, 2), i => !linear[i].SequenceEqual(slerp[i]));
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
        _output.Dispose();
    }
}
