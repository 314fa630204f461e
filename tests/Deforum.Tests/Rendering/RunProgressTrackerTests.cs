using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Rendering;

/// <summary>The tracker behind the CLI bar and the notebook view: counts, speed, ETA, resume offsets, any-thread reports.</summary>
public class RunProgressTrackerTests
{
    const int Steps = 10;

    /// <summary>2D, no cadence: frame 0 txt2img (10 steps), frames 1–2 at strength 0.5 (5 steps each).</summary>
    static PreparedRun Run(int maxFrames = 3) => RunPreparation.Prepare(SettingsFile.Read($$"""
        { "W": 64, "H": 64, "animation_mode": "2D", "max_frames": {{maxFrames}}, "steps": {{Steps}}, "strength_schedule": "0: (0.5)", "prompts": { "0": "a" } }
        """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    static RenderProgress At(double seconds, RenderEvent kind, RenderPlan plan, int completed, PlannedFrame? frame = null) =>
        new(completed, plan.Frames.Count, frame) { Event = kind, Elapsed = TimeSpan.FromSeconds(seconds), Plan = kind is RenderEvent.RunStarted or RenderEvent.RunFinished ? plan : null };

    [Fact]
    public void Frames_steps_speed_and_eta_follow_the_reports()
    {
        var plan = RenderPlanner.Plan(Run());
        var tracker = new RunProgressTracker();
        var first = plan.Frames[0];

        tracker.Report(At(0, RenderEvent.RunStarted, plan, 0));
        Assert.Equal((0, 3, null), (tracker.Snapshot().FramesDone, tracker.Snapshot().FramesTotal, tracker.Snapshot().Eta));
        tracker.Report(At(0, RenderEvent.FrameStarted, plan, 0, first));
        // step k at 1 + 0.5 (k − 1) s: 2 it/s
        for (int k = 1; k <= Steps; k++)
            tracker.Report(At(1 + 0.5 * (k - 1), RenderEvent.SamplerStep, plan, 0, first) with { Step = k, Steps = Steps });
        var stepping = tracker.Snapshot();
        Assert.Equal((Steps, (int?)Steps), (stepping.Step, stepping.Steps));
        Assert.Equal(2.0, stepping.StepsPerSecond!.Value, 9);
        // work: 11 (frame 0) + 6 + 6; 11 done in 5.5 s → 12 left take 6 s
        Assert.Equal(6.0, stepping.Eta!.Value.TotalSeconds, 6);

        tracker.Report(At(6, RenderEvent.FrameWritten, plan, 0, first) with { Path = "/out/20220903000000_00000.png" });
        tracker.Report(At(6, RenderEvent.EntryFinished, plan, 1, first));
        var written = tracker.Snapshot();
        Assert.Equal((1, 3, 1), (written.FramesDone, written.FramesTotal, written.EntriesDone));
        Assert.Equal(6.0 * 12 / 11, written.Eta!.Value.TotalSeconds, 5);
        Assert.Equal("frame 1/3 · step 10/10 · 2.0 it/s · 0:06 · ETA 0:06 · last 20220903000000_00000.png", written.ToString());

        tracker.Report(At(9, RenderEvent.RunFinished, plan, 3));
        var done = tracker.Snapshot();
        Assert.True(done.Finished);
        Assert.Equal(TimeSpan.Zero, done.Eta);
        Assert.Null(done.Current);
        Assert.Equal("frame 1/3 · 2.0 it/s · 0:09 · done · last 20220903000000_00000.png", done.ToString());
    }

    [Fact]
    public void A_sampler_without_a_step_count_shows_steps_alone()
    {
        var plan = RenderPlanner.Plan(Run());
        var tracker = new RunProgressTracker();
        tracker.Report(At(0, RenderEvent.RunStarted, plan, 0));
        tracker.Report(At(0, RenderEvent.FrameStarted, plan, 0, plan.Frames[0]));

        tracker.Report(At(1, RenderEvent.SamplerStep, plan, 0, plan.Frames[0]) with { Step = 3, Steps = null });

        Assert.StartsWith("frame 0/3 · step 3 · 0:01", tracker.Snapshot().ToString(), StringComparison.Ordinal);
        Assert.Null(tracker.Snapshot().Eta);
    }

    [Fact]
    public void A_resumed_plan_counts_the_frames_already_on_disk()
    {
        var plan = RenderPlanner.Plan(Run(maxFrames: 5), new ResumePoint("20220903000000", 1, 2, OutputPaths.FrameFile("20220903000000", 1)));
        var tracker = new RunProgressTracker();

        tracker.Report(At(0, RenderEvent.RunStarted, plan, 0));

        Assert.Equal((2, 5), (tracker.Snapshot().FramesDone, tracker.Snapshot().FramesTotal));
    }

    [Fact]
    public void Reports_from_many_threads_are_all_counted_and_updates_never_overlap()
    {
        var plan = RenderPlanner.Plan(Run());
        int inside = 0, maxInside = 0, updates = 0;
        var tracker = new RunProgressTracker((_, _) =>
        {
            int now = Interlocked.Increment(ref inside);
            maxInside = Math.Max(maxInside, now);
            updates++;
            Interlocked.Decrement(ref inside);
        });
        tracker.Report(At(0, RenderEvent.RunStarted, plan, 0));
        const int Threads = 8, PerThread = 200;

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            for (int i = 0; i < PerThread; i++) tracker.Report(At(1, RenderEvent.FrameWritten, plan, 0, plan.Frames[0]) with { Path = "f.png" });
        });

        Assert.Equal(Threads * PerThread, tracker.Snapshot().FramesDone);
        Assert.Equal(Threads * PerThread + 1, updates);
        Assert.Equal(1, maxInside);
    }
}
