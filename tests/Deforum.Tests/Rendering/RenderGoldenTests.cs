using Deforum.Animation.Depth;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Testing;
using Deforum.Tests.Animation;
using Deforum.Tests.Planning;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Rendering;

/// <summary>
/// Render parity with the golden "render_animation" group: a real helpers/render.py::render_animation run whose
/// generate() (and, in 3D, depth networks) replayed stored outputs. We replay the same outputs and compare the frames
/// the original wrote, the init samples it passed to generate and the noise it drew.
/// </summary>
public class RenderGoldenTests
{
    /// <summary>The manifest's reason: init samples are float16 in the reference, compared with atol 1/128.</summary>
    const double InitSampleAtol = 1.0 / 128;

    public static IEnumerable<object[]> Cases() => Golden.ImageCases("render_animation");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Render_matches_the_original_loop(string id)
    {
        using var g = new ImageGolden(id);
        using var scope = DisposeScope.Begin();
        var run = GoldenRun.Prepare(g.P);
        var plan = RenderPlanner.Plan(run);
        var calls = g.Case.Raw.GetProperty("generate_calls").EnumerateArray().ToList();
        var stubs = calls.Select(c => g.Load(c.GetProperty("stub_sample").GetString()!)).ToList();
        using var generator = new ReplayGenerator(stubs, TestDevice.Current);
        using var sink = new MemorySink();

        var depth = StubDepth(g, run);
        // The original stops after its last generation; our cadence tail predicts more depth after that.
        int depthCallsAtLastGeneration = 0;
        var lastGeneration = plan.Generations.Last();
        var progress = new InlineProgress<RenderProgress>(p => { if (p.Frame == lastGeneration) depthCallsAtLastGeneration = depth?.Calls ?? 0; });

        new AnimationRenderer(run, generator, sink, depth).Render(plan, progress);

        // Generate calls: frames, seeds and the init samples the warped previous frames became.
        Assert.Equal(calls.Select(c => c.GetProperty("seed").GetInt64()), generator.Requests.Take(calls.Count).Select(r => r.Seed));
        Assert.Equal(calls.Select(c => c.GetProperty("frame").GetInt32()), generator.Requests.Take(calls.Count).Select(r => r.FrameIndex));
        foreach (var (call, init) in calls.Zip(generator.InitSamples))
        {
            var name = call.GetProperty("init_sample").GetString();
            Assert.Equal(name is null, init is null);
            if (name is not null) AssertInitClose(g, init!.ToArray<float>(), name);
        }

        // Noise: add_noise's draw after call k comes from the CPU stream as generate k left it.
        var noise = g.Case.Raw.GetProperty("noise_calls").EnumerateArray().Select(n => n.GetProperty("tensor").GetString()!).ToList();
        var shape = stubs[0].Shape;
        for (int i = 0; i < noise.Count; i++)
        {
            using var stream = new Generator(0);
            stream.SetState(generator.RandomStates[i]);
            Assert.Equal(g.Expected(noise[i]), Tensor.Randn(shape, stream).ToArray<float>());
        }

        // Frames: the ones the original wrote, in its order; our extra cadence tail is checked in RenderTests.
        var saved = g.Case.Raw.GetProperty("saved_frames").EnumerateArray().Select(f => f.GetInt32()).ToList();
        var frames = sink.Of(OutputKind.Frame).Take(saved.Count).ToList();
        Assert.Equal(saved, frames.Select(f => f.Info.Index));
        Assert.Equal(plan.SavedFrames.Take(saved.Count).Select(f => f.FileName), frames.Select(f => f.Info.FileName));
        g.AssertClose(Tensor.Stack([.. frames.Select(f => f.Image)]), "out_frames"); // [n, H, W, 3]

        if (g.Case.Raw.TryGetProperty("depth_predict_calls", out var predictCalls))
            Assert.Equal(predictCalls.GetInt32(), depthCallsAtLastGeneration);
        var depthMaps = sink.Of(OutputKind.DepthMap).ToList();
        for (int i = 0; g.Has($"out_depth_png_{i}"); i++)
            g.AssertClose(depthMaps[i].Image, $"out_depth_png_{i}");
    }

    /// <summary>
    /// Within atol except on at most the case's max_frac_mismatch of elements: those are the boundary pixels the warps
    /// may move by one level, which colour matching can then map several levels apart (a histogram step), so they are
    /// counted rather than bounded, like the frames' mismatches.
    /// </summary>
    static void AssertInitClose(ImageGolden g, float[] got, string name)
    {
        var expected = g.Expected(name);
        Assert.Equal(expected.Length, got.Length);
        double fraction = g.Case.Raw.GetProperty("tolerance").GetProperty("max_frac_mismatch").GetDouble();
        int mismatched = got.Zip(expected).Count(p => Math.Abs(p.First - p.Second) > InitSampleAtol);
        Assert.True(mismatched <= fraction * got.Length, $"{g.Case.Id}/{name}: {mismatched} of {got.Length} elements beyond {InitSampleAtol}");
    }

    /// <summary>The stub networks' constant maps through the real depth arithmetic, when the run loads a depth model.</summary>
    static ConstantDepth? StubDepth(ImageGolden g, PreparedRun run)
    {
        if (!g.Has("stub_midas_raw")) return null;
        var a = run.Settings.Animation;
        int width = run.Settings.Generation.W, height = run.Settings.Generation.H;
        var midas = DepthArithmetic.MidasDepth(g.Load("stub_midas_raw"), width, height);
        var adabins = DepthArithmetic.UsesAdaBins(a.MidasWeight) ? DepthArithmetic.AdaBinsDepth(g.Load("stub_adabins_raw"), width, height) : null;
        return new ConstantDepth(DepthArithmetic.Blend(midas, adabins, a.MidasWeight));
    }
}
