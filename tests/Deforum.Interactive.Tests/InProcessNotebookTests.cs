using Deforum.Cli.Notebooks;
using Deforum.Testing;
using Microsoft.DotNet.Interactive.Documents;
using Xunit;

namespace Deforum.Interactive.Tests;

/// <summary>Every notebook, top to bottom, in the in-process C# kernel (`deforum notebook run`) on the tiny model.</summary>
public class InProcessNotebookTests
{
    const int StopFrames = 16;
    const int StopAttempts = 3;

    [SkippableTheory]
    [MemberData(nameof(NotebookCases.All), MemberType = typeof(NotebookCases))]
    public async Task Notebook_runs_top_to_bottom_with_plan_schedules_live_frames(string notebook)
    {
        using var run = NotebookCases.Prepare(notebook);
        var result = await NotebookRunner.RunAsync(run.Document());

        Assert.True(result.Succeeded, $"cell {result.FailedCell} failed: {result.Failure}");
        var outputs = TinyNotebookRun.OutputsText(result.Notebook);
        Assert.DoesNotContain("ERROR", outputs, StringComparison.Ordinal);
        Assert.Contains("plan, timestring", outputs, StringComparison.Ordinal);
        Assert.Contains("frame-by-frame plan", outputs, StringComparison.Ordinal);
        var frames = run.Frames().ToList();
        Assert.NotEmpty(frames);
        Assert.Contains("data:image/png;base64,", outputs, StringComparison.Ordinal);
        if (!outputs.Contains("no keyframed schedules", StringComparison.Ordinal))
            Assert.Contains("deforum-schedules", outputs, StringComparison.Ordinal);
        // the live view is one display, redrawn at least once per frame written
        Assert.True(result.DisplayUpdates.Values.DefaultIfEmpty(0).Max() >= frames.Count,
            $"live view updated {result.DisplayUpdates.Values.DefaultIfEmpty(0).Max()} times for {frames.Count} frames");
        Assert.Contains("Run finished", outputs, StringComparison.Ordinal);
        if (notebook == "Deforum.ipynb") Assert.Contains("data:video/mp4;base64,", outputs, StringComparison.Ordinal);
        // a notebook with depth writes each frame's depth map beside it
        if (run.Parameters.Any(p => p.Name == "midas_checkpoint"))
            Assert.Equal(frames.Count(f => !Path.GetFileName(f).Contains("depth", StringComparison.Ordinal)),
                frames.Count(f => Path.GetFileName(f).Contains("depth", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task The_main_notebook_declares_the_parameters_every_later_cell_reads()
    {
        using var run = new TinyNotebookRun("Deforum.ipynb");
        var document = run.Document();
        var tagged = document.Elements.Single(e => e.Metadata?.ContainsKey("tags") == true && e.Contents.Contains("var models_path", StringComparison.Ordinal)
            && !e.Contents.Contains("@\"", StringComparison.Ordinal));
        foreach (var name in new[] { "models_path", "output_path", "model_checkpoint", "custom_checkpoint_path", "model_config", "custom_config_path", "W", "H", "max_frames", "steps" })
            Assert.Contains($"var {name} =", tagged.Contents, StringComparison.Ordinal);
        // the injected values, not the notebook's, reach the run: 64×64 frames from the custom tiny checkpoint
        var result = await NotebookRunner.RunAsync(document);
        Assert.True(result.Succeeded, result.Failure);
        var png = Deforum.Media.Png.PngDecoder.ReadHeader(File.ReadAllBytes(run.Frames().First()));
        Assert.Equal((64, 64), ((int)png.Width, (int)png.Height));
    }

    [SkippableFact]
    public async Task A_bad_setting_shows_the_teaching_message_as_the_cells_output()
    {
        using var run = new TinyNotebookRun("Deforum.ipynb");
        var document = run.Document();
        var settings = document.Elements.First(e => e.Contents.Contains("StrengthSchedule = ", StringComparison.Ordinal));
        settings.Contents = settings.Contents.Replace("StrengthSchedule = \"0: (0.65)\"", "StrengthSchedule = \"0: (0.65\"", StringComparison.Ordinal);

        var result = await NotebookRunner.RunAsync(document);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Notebook.Elements.SelectMany(e => e.Outputs).OfType<ErrorElement>());
        Assert.Contains("strength_schedule", error.ErrorValue, StringComparison.Ordinal);
        Assert.Contains("fix:", error.ErrorValue, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ErrorValue, StringComparison.Ordinal); // a message, not a stack trace
    }

    [SkippableFact]
    public async Task Stopping_a_run_from_the_kernel_leaves_whole_frames_that_resume()
    {
        // Stop as soon as the first frame is on disk: the kernel's Cancel reaches the run between frames. The tiny model
        // can finish every frame before the stop lands (it did once on a quiet CI machine); then that attempt did not
        // reach the state under test, and a fresh run with more frames tries again.
        TinyNotebookRun? run = null;
        int frameCount = 0;
        for (int attempt = 0; attempt < StopAttempts; attempt++)
        {
            run?.Dispose();
            frameCount = StopFrames << (2 * attempt);
            run = new TinyNotebookRun("Deforum.ipynb", maxFrames: frameCount, steps: 10);
            var result = await StopAfterFirstFrameAsync(run);
            Assert.False(result.Succeeded && run.Frames().Count() < frameCount, "the run neither finished nor stopped");
            if (run.Frames().Count() < frameCount) break;
        }
        using var stopped = run!;
        var frames = run!.Frames().ToList();
        Assert.InRange(frames.Count, 1, frameCount - 1);
        foreach (var frame in frames) Deforum.Media.Png.PngDecoder.Decode(File.ReadAllBytes(frame)); // each one whole
        Assert.Empty(Directory.EnumerateFiles(run.OutputPath, "*.tmp", SearchOption.AllDirectories));

        // resume as the message teaches: the same settings file, resume_from_timestring
        var settingsFile = Directory.EnumerateFiles(run.OutputPath, "*_settings.txt", SearchOption.AllDirectories).Single();
        var loaded = Deforum.Settings.SettingsFile.Load(settingsFile);
        var timestring = Path.GetFileName(settingsFile)[..^"_settings.txt".Length];
        var resumed = loaded.Settings with
        {
            Animation = loaded.Settings.Animation with { ResumeFromTimestring = true, ResumeTimestring = timestring },
            Paths = loaded.Settings.Paths with { OutputPath = run.OutputPath },
        };
        var model = await Deforum.Models.StableDiffusion.LoadAsync(new Deforum.Models.ModelLoadOptions
        {
            ModelsPath = run.Parameters.Single(p => p.Name == "models_path").Value,
            ModelConfig = "custom", CustomConfigPath = run.Parameters.Single(p => p.Name == "custom_config_path").Value,
            ModelCheckpoint = "custom", CustomCheckpointPath = run.Parameters.Single(p => p.Name == "custom_checkpoint_path").Value,
            Device = Deforum.Torch.Device.Cpu,
        });
        using (model)
        {
            var planned = await Deforum.Rendering.DeforumRun.PlanAsync(resumed, Deforum.Planning.RunContext.Now());
            await Deforum.Rendering.DeforumRun.ExecuteAsync(model, planned);
        }
        Assert.Equal(frameCount, run.Frames().Count(f => Path.GetFileName(f).StartsWith(timestring, StringComparison.Ordinal)));
    }

    /// <summary>Runs the notebook and cancels it from a thread of its own as soon as a frame is on disk.</summary>
    static async Task<NotebookRunResult> StopAfterFirstFrameAsync(TinyNotebookRun run)
    {
        using var stop = new CancellationTokenSource();
        var watcher = new Thread(() =>
        {
            while (!stop.IsCancellationRequested && !run.Frames().Any()) Thread.Sleep(5);
            stop.Cancel();
        }) { IsBackground = true };
        watcher.Start();
        var result = await NotebookRunner.RunAsync(run.Document(), cancellationToken: stop.Token);
        if (!stop.IsCancellationRequested) await stop.CancelAsync();
        watcher.Join();
        return result;
    }
}
