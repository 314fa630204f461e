using System.Text.Json;
using Deforum.Animation.Depth;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Models;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Settings;

namespace Deforum.Rendering;

/// <summary>What a run produced: its output folder, the plan it executed, the Run cell's notices and the videos, if made (the side-by-side one with vr_mode).</summary>
public sealed record RunResult(string Outdir, RenderPlan Plan, IReadOnlyList<SettingsNotice> Notices, string? Video, string? StereoVideo = null);

/// <summary>A validated run and its plan, before any model is loaded.</summary>
public sealed record PlannedRun(PreparedRun Run, RenderPlan Plan, string Outdir);

/// <summary>
/// "Do the Run!" on a loaded model in every animation mode (None, 2D, 3D, Video Input, Interpolation): the Run cell's adjustments and
/// validation, the plan, the settings file, every image, then the create-video cell's mp4 unless
/// skip_video_for_run_all. The notebook's Run cell and `deforum run` both call this. Port of the Run cell of
/// deforum-stable-diffusion Deforum_Stable_Diffusion.py (0.7) around helpers/render.py::render_animation,
/// render_image_batch and render_interpolation.
/// </summary>
public static class DeforumRun
{

    /// <summary>
    /// Everything up to the first generation — what this engine cannot render yet, Video Input's frame extraction,
    /// the Run cell's adjustments and validation, the resume point, a still batch's init images, the plan — so that a
    /// settings mistake costs no model loading.
    /// </summary>
    /// <exception cref="SettingsException">Every problem at once.</exception>
    public static async Task<PlannedRun> PlanAsync(DeforumSettings settings, RunContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        // 1. what this engine cannot render yet
        RequireRenderable(settings.Animation, settings.Guidance, settings.Generation);
        // 2. outdir from output_path and batch_name (a settings file carries the outdir of the machine it came from),
        // unless the caller knows the run's folder
        var a = settings.Animation;
        var outdir = context.Outdir ?? OutputPaths.BatchFolder(settings.Paths.OutputPath, context.Started, settings.Generation.BatchName);
        settings = settings with { Generation = settings.Generation with { Outdir = outdir } };
        // a stopped 2D/3D run's seeds (and the schedules' s) continue from its own first seed
        var state = a.ResumeFromTimestring && Directory.Exists(outdir) ? ResumeStateInfo.TryRead(outdir, a.ResumeTimestring) : null;
        var seedNotice = state is null || state.Seed == settings.Generation.Seed ? null
            : new SettingsNotice("seed", $"{settings.Generation.Seed} replaced by {state.Seed}, the first seed of the stopped run {state.Timestring}, so its seeds continue");
        if (state is not null) settings = settings with { Generation = settings.Generation with { Seed = state.Seed } };
        // 3. Video Input: every nth frame (and the mask video's) into outdir, their count is max_frames (§16)
        if (a.AnimationMode == AnimationModes.VideoInput)
            context = context with { ExtractedVideoFrames = await ExtractAsync(a, outdir, cancellationToken).ConfigureAwait(false) };
        // 4. the Run cell's adjustments and every problem at once; the resume point; a still batch's init images
        var run = RunPreparation.Prepare(settings, context);
        var g = run.Settings.Generation;
        if (g.BitDepthOutput != 8) // 0.7 shipped 32: refusing would turn away every 0.7 settings file for the file format alone
            run = run with { Notices = [.. run.Notices, new SettingsNotice("bit_depth_output",
                $"{g.BitDepthOutput}-bit output (16-bit PNG / OpenEXR) is not in this engine yet; frames are written as 8-bit PNG")] };
        if (g.LowVram)
            run = run with { Notices = [.. run.Notices, new SettingsNotice("low_vram",
                "on: the text encoder, VAE and depth model wait on the CPU and visit the GPU for each use (the UNet stays there); same images, a copy per use")] };
        var resume = a.ResumeFromTimestring ? ResumeFinder.FindIn(outdir, a.ResumeTimestring, a.DiffusionCadence) : null;
        var inits = a.AnimationMode == AnimationModes.None && g.UseInit && !g.PerlinInit ? InitImages.Resolve(g.InitImage) : null;
        var plan = RenderPlanner.Plan(run, resume, inits);
        if (plan.Resume is not null)
            run = run with { Notices = [.. run.Notices, .. seedNotice is null ? Array.Empty<SettingsNotice>() : [seedNotice], ResumeNotices.For(plan, outdir)] };
        if (run.Settings.Video.PingPong && a.AnimationMode != AnimationModes.None)
            run = run with { Notices = [.. run.Notices, PingPongNotice(plan, run.Settings.Video.Fps)] };
        return new PlannedRun(run, plan, outdir);
    }

    /// <summary>The ping-pong video's length: the frames the run leaves on disk (those before a resume included), there and back.</summary>
    static SettingsNotice PingPongNotice(RenderPlan plan, double fps)
    {
        int frames = plan.SavedFrames.Select(f => f.Index + 1).Append(plan.Resume?.FramesOnDisk ?? 0).Max();
        int length = PingPongOrder.Length(frames);
        return new SettingsNotice("ping_pong", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the video plays the {frames} frames forward, then {Math.Max(0, frames - 2)} back: {length} frames, {length / fps:0.##} s at {fps} fps, looping seamlessly"));
    }

    static async Task<int> ExtractAsync(AnimationSettings a, string outdir, CancellationToken cancellationToken)
    {
        var options = new FrameExtractionOptions { EveryNth = Math.Max(1, a.ExtractNthFrame), Overwrite = a.OverwriteExtractedFrames };
        var inputFrames = Path.Combine(outdir, Path.GetDirectoryName(OutputPaths.InputFrame(1))!);
        int count = await Extract(a.VideoInitPath, "video_init_path", inputFrames).ConfigureAwait(false);
        if (a.UseMaskVideo)
            await Extract(a.VideoMaskPath, "video_mask_path", Path.Combine(outdir, Path.GetDirectoryName(OutputPaths.MaskFrame(1))!)).ConfigureAwait(false);
        return count;

        async Task<int> Extract(string video, string setting, string folder)
        {
            try
            {
                return await FrameExtractor.ExtractAsync(FfmpegTool.Default, video, folder, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FileNotFoundException or FfmpegException)
            {
                throw new SettingsException(new SettingProblem(setting, null, video, $"cannot extract frames: {e.Message}",
                    "point it at a video file ffmpeg can decode"));
            }
        }
    }

    /// <exception cref="SettingsException">Every settings problem at once, before the model runs.</exception>
    /// <exception cref="OperationCanceledException">Stopped between images; every written image is whole, and an animation resumes with resume_from_timestring.</exception>
    public static async Task<RunResult> ExecuteAsync(StableDiffusion? model, LoadedSettings loaded, RunContext context,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var planned = await PlanAsync(loaded.Settings, context, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(model, planned, loaded.UnknownKeys, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Executes a run already planned (and shown) with <see cref="PlanAsync"/>: the same timestring, seeds and extracted frames.</summary>
    /// <param name="model">May be null only when the plan renders nothing (a finished run resumed: only its video is made).</param>
    /// <param name="unknownKeys">Settings-file keys this version does not know, written back into the run's settings file.</param>
    /// <param name="depthModels">Where the depth networks come from when the run uses depth (default: the run's models_path).</param>
    /// <exception cref="ModelLoadException">A depth network the run needs cannot be found, downloaded or trusted.</exception>
    public static async Task<RunResult> ExecuteAsync(StableDiffusion? model, PlannedRun planned, IReadOnlyDictionary<string, JsonElement>? unknownKeys = null,
        IProgress<RenderProgress>? progress = null, DepthModelOptions? depthModels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var (run, plan, outdir) = planned;
        if (plan.Frames.Count > 0) ArgumentNullException.ThrowIfNull(model);
        bool still = plan.Mode == AnimationModes.None;
        bool interpolation = plan.Mode == AnimationModes.Interpolation;

        // 3. the depth model where render_animation loads one, on the model's device in its precision; a file that cannot
        //    be had or trusted stops the run before anything is written
        //    (low_vram: it and the text encoder and VAE wait on the CPU between their uses)
        var a = run.Settings.Animation;
        bool lowVram = run.Settings.Generation.LowVram;
        if (model is not null) model.LowVram = lowVram;
        var loadedDepth = model is not null && !still && !interpolation && DepthUse.Loads(a)
            ? await DepthModelLoader.LoadAsync(depthModels ?? new DepthModelOptions { ModelsPath = run.Settings.Paths.ModelsPath },
                a, model.Device, model.DType, cancellationToken).ConfigureAwait(false)
            : null;
        using var depth = lowVram && loadedDepth is not null ? new OffloadedDepth(loadedDepth, model!.Device) : loadedDepth;

        // 4. the settings file under this run's timestring, before any image (a still batch only with save_settings;
        // nothing to record when a resumed run is finished already)
        Media.OutputFolder.Create(outdir, outdir);
        if ((!still || run.Settings.Generation.SaveSettings) && plan.Resume?.Kind != ResumeKind.Finished)
            SettingsFile.Save(Path.Combine(outdir, OutputPaths.SettingsFile(run.Settings.Generation.Timestring)), run.Settings, unknownKeys);
        // a killed write of the run being resumed left its temporary file
        if (plan.Resume is not null)
            foreach (var temp in Directory.EnumerateFiles(outdir, OutputPaths.TempFilePattern(plan.Timestring))) File.Delete(temp);

        // 5. every image, each written atomically
        if (model is not null)
        {
            using var generator = new StableDiffusionGenerator(model, run);
            var sink = new PngFolderSink(outdir);
            if (still) new StillRenderer(run, generator, sink).Render(plan, progress, cancellationToken);
            else if (interpolation) new InterpolationRenderer(run, generator, sink).Render(plan, progress, cancellationToken);
            else new AnimationRenderer(run, generator, sink, depth).Render(plan, progress, cancellationToken);
        }

        // 6. the create-video cell, for animations (and the side-by-side video of vr_mode's eye views)
        RunVideoFiles? videos = null;
        if (!still && !run.Settings.Video.SkipVideoForRunAll)
            videos = await RunVideos.CreateAsync(outdir, plan.Timestring, new VideoEncodeSettings { Fps = run.Settings.Video.Fps },
                run.Settings.Video.PingPong, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new RunResult(outdir, plan, run.Notices, videos?.Video, videos?.StereoVideo);
    }

    static void RequireRenderable(AnimationSettings a, GuidanceSettings guidance, GenerationSettings g)
    {
        var problems = new ProblemCollector();
        // Animations force n_samples to 1 as the original does; a still batch would make n_samples images per generation.
        if (a.AnimationMode == AnimationModes.None && g.NSamples != 1)
            problems.Add("n_samples", null, g.NSamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "several images per generation are not in this engine yet", "set n_samples to 1 and n_batch to the number of images per prompt");
        // 0.5's gradient guidance differentiates through the VAE decoder (and CLIP, the aesthetics model): ignoring a
        // non-zero scale would silently render something else.
        foreach (var (setting, scale) in new[]
                 {
                     ("mean_scale", guidance.MeanScale), ("var_scale", guidance.VarScale), ("exposure_scale", guidance.ExposureScale),
                     ("colormatch_scale", guidance.ColormatchScale), ("clip_scale", guidance.ClipScale),
                     ("aesthetics_scale", guidance.AestheticsScale), ("init_mse_scale", guidance.InitMseScale), ("blue_scale", guidance.BlueScale),
                 })
            if (scale != 0)
                problems.Add(setting, null, scale.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "gradient guidance (0.5's conditioning cell) is not in this engine yet", $"set {setting} to 0");
        problems.ThrowIfAny();
    }
}
