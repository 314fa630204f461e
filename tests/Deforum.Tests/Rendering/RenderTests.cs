using Deforum.Animation;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Tests.Animation;
using Deforum.Tests.Media;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Rendering;

/// <summary>The render loop's contract beyond parity: files, the cadence tail, cancellation, progress and ownership.</summary>
public class RenderTests
{
    const int Width = 128, Height = 64, MaxFrames = 7, DiffusionCadence = 3;

    /// <summary>A still camera (zoom 1), so in-betweens are pure cross-fades of the diffused frames.</summary>
    static PreparedRun StillCameraRun() => RunPreparation.Prepare(SettingsFile.Read($$"""
        { "W": {{Width}}, "H": {{Height}}, "animation_mode": "2D", "max_frames": {{MaxFrames}}, "diffusion_cadence": "{{DiffusionCadence}}",
          "zoom": "0:(1)", "amount_schedule": "0: (0.2)", "seed": 1, "seed_behavior": "iter", "prompts": { "0": "a" } }
        """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    /// <summary>What a 2D/3D render leaves in its folder: every planned frame and the resume state.</summary>
    internal static IEnumerable<string> FilesOf(RenderPlan plan) =>
        plan.SavedFrames.Select(f => f.FileName!).Append(OutputPaths.ResumeStateFile(plan.Timestring)).Order(StringComparer.Ordinal);

    static List<Tensor> Samples(int count)
    {
        using var random = new Generator(7);
        return [.. Enumerable.Range(0, count).Select(_ => DisposeScope.Detach(Tensor.Randn([1, 3, Height, Width], random).Mul(0.5).Clamp(-1, 1)))];
    }

    [Fact]
    public void Png_sink_writes_every_planned_frame_under_its_planned_name()
    {
        var run = StillCameraRun();
        var plan = RenderPlanner.Plan(run);
        using var folder = new TempFolder();
        using var generator = new ReplayGenerator(Samples(3), Device.Cpu);

        new AnimationRenderer(run, generator, new PngFolderSink(folder.Path)).Render(plan);

        Assert.Equal(FilesOf(plan), folder.Entries());
        Assert.Equal(plan.Generations.Select(f => f.Seed!.Value), generator.Requests.Select(r => r.Seed));
    }

    [Fact]
    public void Cadence_tail_frames_fade_toward_the_last_diffused_frame()
    {
        var run = StillCameraRun();
        var plan = RenderPlanner.Plan(run);
        var samples = Samples(3);
        using var generator = new ReplayGenerator(samples, Device.Cpu);
        using var sink = new MemorySink();

        new AnimationRenderer(run, generator, sink).Render(plan);

        int lastDiffused = plan.Generations.Last().Index;
        var tail = sink.Of(OutputKind.Frame).Where(f => f.Info.Index >= lastDiffused).ToList();
        Assert.Equal(Enumerable.Range(lastDiffused, MaxFrames - lastDiffused), tail.Select(f => f.Info.Index));
        using var scope = DisposeScope.Begin();
        var (before, last) = (FrameConversions.FrameFromSample(samples[^2], asFloat: true), FrameConversions.FrameFromSample(samples[^1], asFloat: true));
        foreach (var (info, image) in tail)
        {
            var weight = plan.Frames.Single(f => f.Kind == FrameKind.InBetween && f.Index == info.Index).Blend!.Weight;
            var expected = Cadence.ToImage(Cadence.Blend(before, last, weight));
            Assert.True(image.To(DType.Int32).Sub(expected.To(DType.Int32)).Abs().Max().Item() <= 1, $"tail frame {info.Index}");
        }
    }

    [Fact]
    public void Cancellation_stops_between_frames_and_leaves_only_whole_files()
    {
        var run = StillCameraRun();
        var plan = RenderPlanner.Plan(run);
        using var folder = new TempFolder();
        using var generator = new ReplayGenerator(Samples(3), Device.Cpu);
        using var cts = new CancellationTokenSource();
        const int stopAfter = 3;
        var progress = new InlineProgress<RenderProgress>(p => { if (p.Completed == stopAfter) cts.Cancel(); });

        Assert.Throws<OperationCanceledException>(() =>
            new AnimationRenderer(run, generator, new PngFolderSink(folder.Path)).Render(plan, progress, cts.Token));

        var written = plan.Frames.Take(stopAfter).Where(f => f.FileName is not null).Select(f => f.FileName!);
        Assert.Equal(written.Append(OutputPaths.ResumeStateFile(plan.Timestring)).Order(StringComparer.Ordinal), folder.Entries());
    }

    [Fact]
    public void Progress_reports_the_run_then_each_entry_started_stepped_written_and_finished()
    {
        var run = StillCameraRun();
        var plan = RenderPlanner.Plan(run);
        using var generator = new ReplayGenerator(Samples(3), Device.Cpu);
        using var sink = new MemorySink();
        var reports = new List<RenderProgress>();

        new AnimationRenderer(run, generator, sink).Render(plan, new InlineProgress<RenderProgress>(reports.Add));

        var expected = new List<(RenderEvent, PlannedFrame?, int Step)> { (RenderEvent.RunStarted, null, 0) };
        foreach (var f in plan.Frames)
        {
            expected.Add((RenderEvent.FrameStarted, f, 0));
            if (f.Kind != FrameKind.InBetween)
                expected.AddRange(Enumerable.Range(1, f.Steps!.Value).Select(k => (RenderEvent.SamplerStep, (PlannedFrame?)f, k)));
            if (f.FileName is not null) expected.Add((RenderEvent.FrameWritten, f, 0));
            expected.Add((RenderEvent.EntryFinished, f, 0));
        }
        expected.Add((RenderEvent.RunFinished, null, 0));
        Assert.Equal(expected, reports.Select(r => (r.Event, r.Frame, r.Step)));
        Assert.Same(plan, reports[0].Plan);
        Assert.Same(plan, reports[^1].Plan);
        Assert.All(reports, r => Assert.Equal(plan.Frames.Count, r.Total));
        var finished = reports.Where(r => r.Event == RenderEvent.EntryFinished).ToList();
        Assert.Equal(Enumerable.Range(1, plan.Frames.Count), finished.Select(r => r.Completed));
        Assert.Equal(plan.SavedFrames.Select(f => f.FileName), reports.Where(r => r.Event == RenderEvent.FrameWritten).Select(r => r.Path));
        Assert.All(reports.Where(r => r.Event == RenderEvent.SamplerStep), r => Assert.Equal(r.Frame!.Steps, r.Steps));
        Assert.Equal(reports.Select(r => r.Elapsed).Order(), reports.Select(r => r.Elapsed));
    }

    [Fact]
    public void Png_sink_reports_the_full_path_of_each_frame_it_wrote()
    {
        var run = StillCameraRun();
        var plan = RenderPlanner.Plan(run);
        using var folder = new TempFolder();
        using var generator = new ReplayGenerator(Samples(3), Device.Cpu);
        var written = new List<string>();

        new AnimationRenderer(run, generator, new PngFolderSink(folder.Path))
            .Render(plan, new InlineProgress<RenderProgress>(r => { if (r.Event == RenderEvent.FrameWritten) written.Add(r.Path!); }));

        Assert.Equal(plan.SavedFrames.Select(f => folder.File(f.FileName!)), written);
        Assert.All(written, p => Assert.True(File.Exists(p), p));
    }

    [Fact]
    public void Video_input_diffuses_every_frame_from_its_own_input_frame()
    {
        var run = RunPreparation.Prepare(SettingsFile.Read($$"""
            { "W": {{Width}}, "H": {{Height}}, "animation_mode": "Video Input", "diffusion_cadence": "3", "strength": 0.5, "prompts": { "0": "a" } }
            """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0), ExtractedVideoFrames: 4));
        var plan = RenderPlanner.Plan(run);
        using var generator = new ReplayGenerator(Samples(2), Device.Cpu);
        using var sink = new MemorySink();

        new AnimationRenderer(run, generator, sink).Render(plan);

        Assert.All(generator.InitSamples, Assert.Null);
        Assert.Equal(plan.Generations.Select(f => f.InitImage), generator.Requests.Select(r => r.InitImage));
        Assert.Equal(plan.SavedFrames.Select(f => f.FileName!), sink.Of(OutputKind.Frame).Select(f => f.Info.FileName));
    }

    /// <summary>Still camera, no noise: a frame's init is the frame before it, colour-matched to the reference.</summary>
    static PreparedRun ResumableRun(int cadence) => RunPreparation.Prepare(SettingsFile.Read($$"""
        { "W": {{Width}}, "H": {{Height}}, "animation_mode": "2D", "max_frames": {{MaxFrames}}, "diffusion_cadence": "{{cadence}}",
          "zoom": "0:(1)", "noise_schedule": "0: (0)", "color_coherence": "Match Frame 0 RGB", "seed": 1, "seed_behavior": "iter", "prompts": { "0": "a" } }
        """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    /// <summary>Frame ↔ sample round trips on the way to the init (each may move a value by one 8-bit level) and float16.</summary>
    const double RoundTripTolerance = 1.5 / 127.5;

    /// <summary>A run without a resume state (as the Python notebook leaves one) resumes with the original's start-up.</summary>
    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 5)]
    public void A_run_without_resume_state_resumes_from_its_last_saved_frame(int cadence, int stopAfter)
    {
        var run = ResumableRun(cadence);
        var plan = RenderPlanner.Plan(run);
        var samples = Samples(3);
        using var folder = new TempFolder();
        using var first = new ReplayGenerator(samples, Device.Cpu);
        using var cts = new CancellationTokenSource();
        var stop = new InlineProgress<RenderProgress>(p => { if (p.Completed == stopAfter) cts.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => new AnimationRenderer(run, first, new PngFolderSink(folder.Path)).Render(plan, stop, cts.Token));

        File.Delete(folder.File(OutputPaths.ResumeStateFile(plan.Timestring)));
        var resume = ResumeFinder.FindIn(folder.Path, plan.Timestring, cadence);
        Assert.Equal(ResumeKind.Original, resume.Kind);
        // With cadence the original's first in-between range starts at the loaded frame, so it rewrites that one frame
        // from its own buffers (possibly one level off); every frame before it stays as written.
        int untouched = cadence > 1 ? resume.LastFrame : resume.LastFrame + 1;
        var kept = Enumerable.Range(0, untouched).Select(i => File.ReadAllBytes(folder.File(OutputPaths.FrameFile(plan.Timestring, i)))).ToList();
        using var scope = DisposeScope.Begin();
        var loaded = FrameConversions.SampleFromFrame(new PngFolderSink(folder.Path).Read(resume.LastFrameFile)).To(DType.Float32);
        var resumed = RenderPlanner.Plan(run, resume);
        using var second = new ReplayGenerator(samples, Device.Cpu);
        new AnimationRenderer(run, second, new PngFolderSink(folder.Path)).Render(resumed);

        Assert.Equal(FilesOf(plan), folder.Entries());
        for (int i = 0; i < kept.Count; i++) Assert.Equal(kept[i], File.ReadAllBytes(folder.File(OutputPaths.FrameFile(plan.Timestring, i))));
        // Still camera, no noise, contrast 1, matched to itself (the loaded frame is the new reference): the saved frame.
        var difference = second.InitSamples[0]!.Sub(loaded).Abs().Max().Item();
        Assert.True(difference <= RoundTripTolerance, $"resumed init differs from the saved frame by {difference}");
        Assert.Equal(resumed.Generations.Select(f => f.Seed!.Value), second.Requests.Select(r => r.Seed));
    }

    [Fact]
    public void Resuming_from_a_missing_frame_fails_before_anything_is_written()
    {
        var run = StillCameraRun();
        var plan = RenderPlanner.Plan(run, new ResumePoint(run.Settings.Generation.Timestring, 3, 4, "missing.png"));
        using var folder = new TempFolder();
        using var generator = new ReplayGenerator(Samples(1), Device.Cpu);

        var e = Assert.Throws<FileNotFoundException>(() => new AnimationRenderer(run, generator, new PngFolderSink(folder.Path)).Render(plan));
        Assert.Contains("missing.png", e.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
        Assert.Empty(generator.Requests);
    }

    [Fact]
    public void Depth_settings_without_an_estimator_are_refused()
    {
        var run = StillCameraRun();
        run = run with { Settings = run.Settings with { Animation = run.Settings.Animation with { SaveDepthMaps = true } } };
        using var generator = new ReplayGenerator(Samples(1), Device.Cpu);
        using var sink = new MemorySink();

        var e = Assert.Throws<ArgumentException>(() => new AnimationRenderer(run, generator, sink).Render(RenderPlanner.Plan(run)));
        Assert.Contains("depth estimator", e.Message);
    }
}

[Collection(nameof(LeakCollection))]
public class RenderLeakTests
{
    [Fact]
    public void A_render_leaves_no_native_tensors_behind()
    {
        var run = RunPreparation.Prepare(SettingsFile.Read("""
            { "W": 128, "H": 64, "animation_mode": "3D", "max_frames": 5, "diffusion_cadence": "2", "save_depth_maps": true, "vr_mode": true,
              "amount_schedule": "0: (0.2)", "color_coherence": "Match Frame 0 RGB", "prompts": { "0": "a" } }
            """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));
        var plan = RenderPlanner.Plan(run);
        using var samples = DisposeScope.Begin();
        var sample = Tensor.Zeros([1, 3, 64, 128]);
        var depth = Tensor.Ones([64, 128]);
        Settle();
        long baseline = Tensor.LiveCount;

        using (var generator = new ReplayGenerator([sample], Device.Cpu))
        using (var sink = new MemorySink())
            new AnimationRenderer(run, generator, sink, new ConstantDepth(depth)).Render(plan);

        Settle();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var drain = Tensor.Zeros([1]);
    }
}
