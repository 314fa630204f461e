using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Tests.Media;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Rendering;

/// <summary>
/// A run stopped anywhere — before its first entry, inside a generation, between in-betweens, and again while
/// resuming — and resumed from its state file writes the same bytes as the run that was never stopped: 2D and 3D,
/// with and without cadence, every colour-coherence mode, with depth maps (the running depth range) and noise (the
/// CPU random stream).
/// </summary>
public class ExactResumeTests
{
    const int Width = 64, Height = 64, MaxFrames = 8;

    static PreparedRun Run(string mode, int cadence, string color, bool depth) => RunPreparation.Prepare(SettingsFile.Read($$"""
        { "W": {{Width}}, "H": {{Height}}, "animation_mode": "{{mode}}", "max_frames": {{MaxFrames}}, "diffusion_cadence": "{{cadence}}",
          "zoom": "0:(1.03)", "translation_x": "0:(1.5)", "translation_z": "0:(4)", "rotation_3d_y": "0:(1.5)",
          "noise_schedule": "0: (0.08)", "contrast_schedule": "0: (0.97)", "amount_schedule": "0: (0.1)",
          "strength_schedule": "0: (0.6)", "color_coherence": "{{color}}", "use_depth_warping": {{(depth && mode == "3D" ? "true" : "false")}},
          "save_depth_maps": {{(depth ? "true" : "false")}}, "seed": 5, "seed_behavior": "iter", "prompts": { "0": "a", "4": "b" } }
        """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    public static TheoryData<string, int, string, bool> Runs => new()
    {
        { "2D", 1, "Match Frame 0 RGB", false },
        { "2D", 3, "Match Frame 0 HSV", false },
        { "2D", 2, "Match Frame 0 LAB", true },
        { "3D", 1, "None", false },
        { "3D", 3, "Match Frame 0 RGB", false },
        { "3D", 2, "Match Frame 0 LAB", true },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_stop_and_resume_writes_the_uninterrupted_runs_bytes(string mode, int cadence, string color, bool depth)
    {
        var run = Run(mode, cadence, color, depth);
        var plan = RenderPlanner.Plan(run);
        using var reference = new TempFolder();
        Render(run, plan, reference.Path, stopAt: null);
        var expected = Files(reference.Path);
        Assert.Equal(plan.SavedFrames.Count() * (depth ? 2 : 1) + 1, expected.Count);

        for (int stop = 0; stop < plan.Frames.Count; stop++)
        {
            using var folder = new TempFolder();
            Assert.False(Render(run, plan, folder.Path, stopAt: stop), $"the first run stopped at entry {stop}");
            // resumed, stopped again two entries later, then resumed to the end
            var resumed = Resumed(run, folder.Path);
            if (!Render(run, resumed, folder.Path, stopAt: 2))
                Assert.True(Render(run, Resumed(run, folder.Path), folder.Path, stopAt: null), "the second resume finishes");

            var got = Files(folder.Path);
            Assert.Equal(expected.Keys, got.Keys);
            foreach (var (name, bytes) in expected)
                Assert.True(bytes.AsSpan().SequenceEqual(got[name]), $"{name} differs after a stop at entry {stop} ({mode}, cadence {cadence}, {color})");
        }
    }

    [Fact]
    public void A_resume_restores_the_random_stream_the_colour_reference_and_both_cadence_buffers()
    {
        var run = Run("2D", 3, "Match Frame 0 RGB", depth: false);
        var plan = RenderPlanner.Plan(run);
        using var folder = new TempFolder();
        int secondDiffused = plan.Frames.ToList().FindIndex(f => f.Kind == FrameKind.Diffused && f.Index == 3);
        Render(run, plan, folder.Path, stopAt: secondDiffused + 1);

        using var state = new PngFolderSink(folder.Path).LoadState(plan.Timestring);

        Assert.Equal(new ResumeStateInfo(plan.Timestring, "2D", Width, Height, 3, 3, 5), state.Info);
        Assert.Null(state.PreviousSample);
        Assert.Equal([Height, Width, 3], state.ColorReference!.Shape);
        Assert.Equal(DType.UInt8, state.ColorReference.DType);
        Assert.Equal((2, 3), (state.CadencePreviousIndex, state.CadenceNextIndex));
        Assert.Equal(DType.Float32, state.CadenceNext!.DType);
        Assert.NotNull(state.CadencePrevious);
        Assert.Equal((1000f, -1000f), (state.DepthMin, state.DepthMax));
        // the stream after frame 3's generation, not a fresh seed: the next init's noise continues it
        using var seeded = new Generator(0).ManualSeed(5 + 1);
        Assert.NotEqual(seeded.GetState().ToBytes(), state.HostRandom.ToBytes());
    }

    [Fact]
    public void A_run_whose_state_was_deleted_resumes_as_the_original()
    {
        var run = Run("2D", 1, "Match Frame 0 RGB", depth: false);
        var plan = RenderPlanner.Plan(run);
        using var folder = new TempFolder();
        Render(run, plan, folder.Path, stopAt: 4);
        File.Delete(folder.File(OutputPaths.ResumeStateFile(plan.Timestring)));

        var resumed = Resumed(run, folder.Path);

        Assert.Equal(ResumeKind.Original, resumed.Resume!.Kind);
        Assert.Equal(4, resumed.Frames[0].Index);
        Render(run, resumed, folder.Path, stopAt: null);
        Assert.Equal(RenderTests.FilesOf(plan), folder.Entries());
    }

    static RenderPlan Resumed(PreparedRun run, string folder) =>
        RenderPlanner.Plan(run, ResumeFinder.FindIn(folder, run.Settings.Generation.Timestring, run.Settings.Animation.DiffusionCadence));

    /// <summary>
    /// Renders <paramref name="plan"/> and stops at entry <paramref name="stopAt"/>: inside its generation for a diffused
    /// frame, before it for an in-between. True when the plan finished.
    /// </summary>
    static bool Render(PreparedRun run, RenderPlan plan, string folder, int? stopAt)
    {
        using var cts = new CancellationTokenSource();
        bool inside = stopAt is { } k && k < plan.Frames.Count && plan.Frames[k].Kind != FrameKind.InBetween;
        if (stopAt == 0 && !inside) cts.Cancel();
        var stop = new InlineProgress<RenderProgress>(p =>
        {
            if (p.Completed == stopAt && p.Event == (inside ? RenderEvent.FrameStarted : RenderEvent.EntryFinished)) cts.Cancel();
        });
        var generator = new StreamGenerator();
        bool depth = run.Settings.Animation.SaveDepthMaps || run.Settings.Animation.UseDepthWarping;
        try
        {
            new AnimationRenderer(run, generator, new PngFolderSink(folder), depth ? new FrameDepth() : null).Render(plan, stop, cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    static Dictionary<string, byte[]> Files(string folder) => Directory.EnumerateFiles(folder)
        .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>
    /// A pure function of the request, like the real generation: the seeded CPU stream's draw (the VAE posterior's)
    /// blended into the init, so a wrong random state, init or reference shows in the bytes.
    /// </summary>
    sealed class StreamGenerator : IFrameGenerator
    {
        public Device Device => Device.Cpu;

        public Tensor Generate(GenerationRequest request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = DisposeScope.Begin();
            var noise = Tensor.Randn([1, 3, Height, Width], request.HostRandom); // [1, 3, H, W]
            var sample = request.InitSample is { } init ? init.To(DType.Float32).Mul(0.75).Add(noise.Mul(0.25)) : noise.Mul(0.5);
            return scope.MoveToOuter(sample.Clamp(-1, 1));
        }

        public Tensor EncodePrompt(FramePrompt prompt) => Tensor.Zeros([1, 77, 4]);
    }

    /// <summary>Depth from the red channel scaled by one green pixel, so each frame's range differs and the running range matters.</summary>
    sealed class FrameDepth : IDepthEstimator
    {
        public IReadOnlyList<Deforum.Torch.Modules.Module> Networks => [];

        public Tensor Predict(Tensor frame)
        {
            using var scope = DisposeScope.Begin();
            var rgb = frame.To(DType.Float32); // [H, W, 3]
            double scale = 1 + rgb.Select(0, 0).Select(0, 0).Select(0, 1).Item() / 16;
            return scope.MoveToOuter(rgb.Select(2, 0).Div(255).Mul(scale).Add(0.5)); // [H, W]
        }

        public void Dispose()
        {
            // no network
        }
    }
}
