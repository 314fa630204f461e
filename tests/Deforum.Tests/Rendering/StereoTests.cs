using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Rendering;

/// <summary>vr_mode: the planned side-by-side files and eye poses, its validation, and the eye views the loop writes.</summary>
public class StereoTests
{
    const int Width = 128, Height = 64;

    static PreparedRun Run(string mode, int cadence, string extra = "") => RunPreparation.Prepare(SettingsFile.Read($$"""
        { "W": {{Width}}, "H": {{Height}}, "animation_mode": "{{mode}}", "max_frames": 5, "diffusion_cadence": "{{cadence}}",
          "use_depth_warping": false, "translation_z": "0:(4)", "zoom": "0:(1.02)", "seed": 1, "prompts": { "0": "a" }{{extra}} }
        """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    const string Vr = """, "vr_mode": true, "vr_ipd": 6, "vr_eye_angle": 2""";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_written_frame_gets_its_side_by_side_file_and_Discos_eye_poses(int cadence)
    {
        var plan = RenderPlanner.Plan(Run("3D", cadence, Vr));

        Assert.All(plan.SavedFrames, f => Assert.Equal(OutputPaths.StereoFile(plan.Timestring, f.Index), f.Stereo!.FileName));
        Assert.All(plan.Frames.Where(f => f.FileName is null), f => Assert.Null(f.Stereo));
        // disco.py::generate_eye_views: origin cos(θ)·ipd/2, left at −origin turned +θ, right at +origin turned −θ
        double origin = Math.Cos(2 * Math.PI / 180) * 6 / 2;
        var stereo = plan.SavedFrames.First().Stereo!;
        Assert.Equal(new EyePose(-origin, 2), stereo.Left);
        Assert.Equal(new EyePose(origin, -2), stereo.Right);
        Assert.Contains($"stereo: {plan.SavedFrames.Count()} side-by-side frames", plan.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_vr_mode_nothing_stereo_is_planned()
    {
        var plan = RenderPlanner.Plan(Run("3D", 1));
        Assert.All(plan.Frames, f => Assert.Null(f.Stereo));
        Assert.DoesNotContain("stereo", plan.ToTable(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("None", """, "vr_mode": true""", "vr_mode", "animation_mode")]
    [InlineData("Interpolation", """, "vr_mode": true""", "vr_mode", "animation_mode")]
    [InlineData("3D", """, "vr_mode": true, "vr_eye_angle": 90""", "vr_eye_angle", "strictly between -90 and 90")]
    [InlineData("3D", """, "vr_mode": true, "vr_ipd": -1""", "vr_ipd", "set vr_ipd to e.g. 5")]
    public void Bad_vr_settings_name_the_setting_and_the_fix(string mode, string extra, string setting, string fix)
    {
        var e = Assert.Throws<SettingsException>(() => Run(mode, 1, extra));
        var p = Assert.Single(e.Problems, x => x.Setting == setting);
        Assert.Contains(fix, p.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_vr_mode_and_no_depth_estimator_is_refused()
    {
        var run = Run("2D", 1, Vr);
        using var generator = new ReplayGenerator(Samples(1), Device.Cpu);
        using var sink = new MemorySink();

        var e = Assert.Throws<ArgumentException>(() => new AnimationRenderer(run, generator, sink).Render(RenderPlanner.Plan(run)));
        Assert.Contains("vr_mode", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2D", 1)]
    [InlineData("3D", 2)]
    public void The_eye_views_differ_and_leave_the_frames_as_they_were(string mode, int cadence)
    {
        // a depth ramp (near left, far right) so the two eyes see different parallax
        using var scope = DisposeScope.Begin();
        var ramp = Enumerable.Range(0, Height * Width).Select(p => 1f + 2f * (p % Width) / Width).ToArray();
        var depth = Tensor.From<float>(ramp, Height, Width); // [H, W]
        var plain = Render(Run(mode, cadence), depth);
        var vr = Render(Run(mode, cadence, Vr), depth);

        // vr_mode loads depth for its eyes only: 3D without use_depth_warping still warps at constant depth
        Assert.Equal(plain.Frames.Count, vr.Frames.Count);
        for (int i = 0; i < plain.Frames.Count; i++)
            Assert.True(plain.Frames[i].SequenceEqual(vr.Frames[i]), $"frame {i} changed with vr_mode");
        Assert.Equal(vr.Frames.Count, vr.Stereo.Count);
        Assert.All(vr.Stereo, pair =>
        {
            Assert.Equal([Height, 2 * Width, 3], pair.Shape);
            var left = pair.Narrow(1, 0, Width).Contiguous().ToArray<byte>();
            var right = pair.Narrow(1, Width, Width).Contiguous().ToArray<byte>();
            Assert.False(left.SequenceEqual(right), "left and right eye views are the same");
        });
    }

    /// <summary>The frames as host bytes, and the side-by-side images.</summary>
    static (List<byte[]> Frames, List<Tensor> Stereo) Render(PreparedRun run, Tensor depth)
    {
        using var generator = new ReplayGenerator(Samples(3), Device.Cpu);
        using var sink = new MemorySink();
        new AnimationRenderer(run, generator, sink, new ConstantDepth(depth)).Render(RenderPlanner.Plan(run));
        return ([.. sink.Of(OutputKind.Frame).Select(i => i.Image.ToArray<byte>())],
            [.. sink.Of(OutputKind.Stereo).Select(i => i.Image.Clone())]);
    }

    static List<Tensor> Samples(int count)
    {
        using var random = new Generator(3);
        return [.. Enumerable.Range(0, count).Select(_ => DisposeScope.Detach(Tensor.Randn([1, 3, Height, Width], random).Mul(0.5).Clamp(-1, 1)))];
    }
}
