using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Models;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Settings;

namespace Deforum.Rendering;

/// <summary>What a run produced: its output folder, the plan it executed, the Run cell's notices and the video, if made.</summary>
public sealed record RunResult(string Outdir, RenderPlan Plan, IReadOnlyList<SettingsNotice> Notices, string? Video);

/// <summary>
/// "Do the Run!" for the 2D and 3D animation modes on a loaded model: the Run cell's adjustments and validation, the
/// plan, the settings file, every frame, then the create-video cell's mp4 unless skip_video_for_run_all. The notebook's
/// Run cell and `deforum run` both call this. Port of the Run cell of deforum-stable-diffusion
/// Deforum_Stable_Diffusion.py (0.7) around helpers/render.py::render_animation.
/// </summary>
public static class DeforumRun
{
    static readonly string[] Modes = [AnimationModes.TwoD, AnimationModes.ThreeD];

    /// <exception cref="SettingsException">Every settings problem at once, before the model runs.</exception>
    /// <exception cref="OperationCanceledException">Stopped between frames; every written frame is whole, and the run resumes with resume_from_timestring.</exception>
    public static async Task<RunResult> ExecuteAsync(StableDiffusion model, LoadedSettings loaded, RunContext context,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(context);

        // 1. the Run cell's adjustments and every problem at once
        var run = Prepare(loaded.Settings, context);
        var a = run.Settings.Animation;

        // 2. the output folder, and where a resumed run continues
        var outdir = OutputPaths.BatchFolder(run.Settings.Paths.OutputPath, context.Started, run.Settings.Generation.BatchName);
        var resume = a.ResumeFromTimestring ? ResumeFinder.FindIn(outdir, a.ResumeTimestring, a.DiffusionCadence) : null;
        var plan = RenderPlanner.Plan(run, resume);

        // 3. the settings file, under this run's timestring, before any frame
        Directory.CreateDirectory(outdir);
        SettingsFile.Save(Path.Combine(outdir, OutputPaths.SettingsFile(run.Settings.Generation.Timestring)), run.Settings, loaded.UnknownKeys);

        // 4. every frame, each written atomically
        new AnimationRenderer(run, new StableDiffusionGenerator(model, run), new PngFolderSink(outdir)).Render(plan, progress, cancellationToken);

        // 5. the create-video cell
        string? video = null;
        if (!run.Settings.Video.SkipVideoForRunAll)
            video = await VideoEncoder.EncodeFramesAsync(FfmpegTool.Default, FrameSequence.ForRun(outdir, plan.Timestring),
                Path.Combine(outdir, OutputPaths.VideoFile(plan.Timestring)), new VideoEncodeSettings { Fps = run.Settings.Video.Fps },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return new RunResult(outdir, plan, run.Notices, video);
    }

    /// <summary>
    /// The Run cell's adjustments and validation, then what this engine cannot render yet — all before a model is
    /// loaded, so a settings mistake costs no GPU time.
    /// </summary>
    /// <exception cref="SettingsException">Every problem at once.</exception>
    public static PreparedRun Prepare(DeforumSettings settings, RunContext context)
    {
        var run = RunPreparation.Prepare(settings, context);
        RequireRenderable(run.Settings.Animation);
        return run;
    }

    static void RequireRenderable(AnimationSettings a)
    {
        var problems = new ProblemCollector();
        if (!Modes.Contains(a.AnimationMode))
            problems.Add("animation_mode", null, a.AnimationMode, "this engine renders only 2D and 3D runs so far",
                "use '2D' or '3D'; None, Video Input and Interpolation runs are planned (see the plan table) but not rendered yet");
        else if (a.AnimationMode == AnimationModes.ThreeD && a.UseDepthWarping)
            problems.Add("use_depth_warping", null, "true", "3D depth warping needs the MiDaS/AdaBins depth models, which this engine does not have yet",
                "set use_depth_warping to false (the 3D camera then moves over a flat scene)");
        if (a.SaveDepthMaps)
            problems.Add("save_depth_maps", null, "true", "saving depth maps needs the MiDaS/AdaBins depth models, which this engine does not have yet",
                "set save_depth_maps to false");
        problems.ThrowIfAny();
    }
}
