using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Models;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Settings;

namespace Deforum.Rendering;

/// <summary>What a run produced: its output folder, the plan it executed, the Run cell's notices and the video, if made.</summary>
public sealed record RunResult(string Outdir, RenderPlan Plan, IReadOnlyList<SettingsNotice> Notices, string? Video);

/// <summary>A validated run and its plan, before any model is loaded.</summary>
public sealed record PlannedRun(PreparedRun Run, RenderPlan Plan, string Outdir);

/// <summary>
/// "Do the Run!" on a loaded model for still batches (None) and 2D/3D animations: the Run cell's adjustments and
/// validation, the plan, the settings file, every image, then the create-video cell's mp4 unless
/// skip_video_for_run_all. The notebook's Run cell and `deforum run` both call this. Port of the Run cell of
/// deforum-stable-diffusion Deforum_Stable_Diffusion.py (0.7) around helpers/render.py::render_animation and
/// render_image_batch.
/// </summary>
public static class DeforumRun
{
    static readonly string[] Modes = [AnimationModes.None, AnimationModes.TwoD, AnimationModes.ThreeD];

    /// <summary>
    /// Everything up to the first generation — the Run cell's adjustments and validation, what this engine cannot
    /// render yet, the output folder, the resume point, a still batch's init images, the plan — so that a settings
    /// mistake costs no model loading.
    /// </summary>
    /// <exception cref="SettingsException">Every problem at once.</exception>
    public static PlannedRun Plan(DeforumSettings settings, RunContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        // 1. what this engine cannot render yet, then the Run cell's adjustments and every problem at once
        RequireRenderable(settings.Animation);
        var run = RunPreparation.Prepare(settings, context);
        var (a, g) = (run.Settings.Animation, run.Settings.Generation);
        // 2. the output folder, where a resumed run continues, and a still batch's init images
        var outdir = OutputPaths.BatchFolder(run.Settings.Paths.OutputPath, context.Started, g.BatchName);
        var resume = a.ResumeFromTimestring ? ResumeFinder.FindIn(outdir, a.ResumeTimestring, a.DiffusionCadence) : null;
        var inits = a.AnimationMode == AnimationModes.None && g.UseInit ? InitImages.Resolve(g.InitImage) : null;
        return new PlannedRun(run, RenderPlanner.Plan(run, resume, inits), outdir);
    }

    /// <exception cref="SettingsException">Every settings problem at once, before the model runs.</exception>
    /// <exception cref="OperationCanceledException">Stopped between images; every written image is whole, and an animation resumes with resume_from_timestring.</exception>
    public static async Task<RunResult> ExecuteAsync(StableDiffusion model, LoadedSettings loaded, RunContext context,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loaded);
        var (run, plan, outdir) = Plan(loaded.Settings, context);
        bool still = plan.Mode == AnimationModes.None;

        // 3. the settings file under this run's timestring, before any image (a still batch only with save_settings)
        Directory.CreateDirectory(outdir);
        if (!still || run.Settings.Generation.SaveSettings)
            SettingsFile.Save(Path.Combine(outdir, OutputPaths.SettingsFile(run.Settings.Generation.Timestring)), run.Settings, loaded.UnknownKeys);

        // 4. every image, each written atomically
        var generator = new StableDiffusionGenerator(model, run);
        var sink = new PngFolderSink(outdir);
        if (still) new StillRenderer(run, generator, sink).Render(plan, progress, cancellationToken);
        else new AnimationRenderer(run, generator, sink).Render(plan, progress, cancellationToken);

        // 5. the create-video cell, for animations
        string? video = null;
        if (!still && !run.Settings.Video.SkipVideoForRunAll)
            video = await VideoEncoder.EncodeFramesAsync(FfmpegTool.Default, FrameSequence.ForRun(outdir, plan.Timestring),
                Path.Combine(outdir, OutputPaths.VideoFile(plan.Timestring)), new VideoEncodeSettings { Fps = run.Settings.Video.Fps },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return new RunResult(outdir, plan, run.Notices, video);
    }

    static void RequireRenderable(AnimationSettings a)
    {
        var problems = new ProblemCollector();
        if (!Modes.Contains(a.AnimationMode))
            problems.Add("animation_mode", null, a.AnimationMode, "this engine renders None, 2D and 3D runs so far",
                "use 'None', '2D' or '3D'; Video Input and Interpolation runs are planned (see the plan table) but not rendered yet");
        else if (a.AnimationMode == AnimationModes.ThreeD && a.UseDepthWarping)
            problems.Add("use_depth_warping", null, "true", "3D depth warping needs the MiDaS/AdaBins depth models, which this engine does not have yet",
                "set use_depth_warping to false (the 3D camera then moves over a flat scene)");
        if (a.SaveDepthMaps && a.AnimationMode != AnimationModes.None)
            problems.Add("save_depth_maps", null, "true", "saving depth maps needs the MiDaS/AdaBins depth models, which this engine does not have yet",
                "set save_depth_maps to false");
        problems.ThrowIfAny();
    }
}
