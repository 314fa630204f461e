using Deforum.Interactive.Charts;
using Deforum.Interactive.LiveView;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Models;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Torch;
using Microsoft.DotNet.Interactive;

namespace Deforum.Interactive;

/// <summary>
/// What the notebook's cells call, one method per Colab cell: Setup, Model, Prompts (the plan), Do the Run!, Create
/// video. Each returns a value the kernel shows with this package's formatters; long work reports into the cell as it
/// goes, and the kernel's stop button cancels it between frames.
/// </summary>
public static class DeforumNotebook
{
    /// <summary>Setup: the libtorch build, its devices and the BLAS it calls.</summary>
    public static BuildInfo Setup()
    {
        NotebookFormatters.Register();
        return BuildInfo.Current;
    }

    /// <summary>
    /// Select and Load Model: the model cell's settings resolved against <paramref name="modelsPath"/> — a known checkpoint
    /// is downloaded when missing and SHA-256-checked as check_sha256 says, custom paths are used as given.
    /// </summary>
    /// <exception cref="ModelLoadException">What is missing or untrusted, and what to do.</exception>
    public static Task<StableDiffusion> LoadModelAsync(ModelSettings model, string modelsPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsPath);
        var options = new ModelLoadOptions
        {
            ModelsPath = ExpandHome(modelsPath),
            ModelConfig = model.ModelConfig,
            CustomConfigPath = ExpandHome(model.CustomConfigPath),
            ModelCheckpoint = model.ModelCheckpoint,
            CustomCheckpointPath = ExpandHome(model.CustomCheckpointPath),
            HalfPrecision = model.HalfPrecision,
            CheckSha256 = model.CheckSha256,
        };
        return StableDiffusion.LoadAsync(options, DownloadView.Show(), Linked(cancellationToken));
    }

    /// <summary>Prompts: the plan the run will execute and its schedules plotted, before any model time is spent.</summary>
    /// <exception cref="SettingsException">Every problem at once, each naming the setting, the value and the fix.</exception>
    public static async Task<PlanView> PlanAsync(DeforumSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = WithExpandedPaths(settings);
        var planned = await DeforumRun.PlanAsync(settings, RunContext.Now(), Linked(cancellationToken)).ConfigureAwait(false);
        var run = planned.Run.Settings;
        var series = ScheduleSeries.For(run, run.Generation.Seed);
        if (ScheduleSeries.PromptBlend(planned.Plan, run.Animation.MaxFrames) is { } blend) series = [.. series, blend];
        return new PlanView(planned, new ScheduleChart(series));
    }

    /// <summary>
    /// Do the Run!: a new plan (and timestring, so no earlier run is overwritten), then every frame, shown as it is
    /// written; the mp4 at the end unless skip_video_for_run_all. The stop button (or <paramref name="cancellationToken"/>)
    /// stops between frames: every written frame is whole, and resume_from_timestring continues the run.
    /// </summary>
    /// <param name="model">The model-load cell's model.</param>
    /// <param name="settings">The run's settings, as the settings cells build them.</param>
    /// <param name="depthFiles">Depth networks instead of the released files in models_path (used when the settings use depth).</param>
    /// <param name="cancellationToken">Stops between frames, like the stop button.</param>
    /// <exception cref="SettingsException">Every settings problem at once, before the model runs.</exception>
    /// <exception cref="ModelLoadException">A depth network the run needs cannot be found, downloaded or trusted.</exception>
    /// <exception cref="OperationCanceledException">Stopped; the message says how to resume.</exception>
    public static async Task<RunResult> RunAsync(StableDiffusion model, DeforumSettings settings, DepthFiles? depthFiles = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var token = Linked(cancellationToken);
        settings = WithExpandedPaths(settings);
        var depth = new DepthModelOptions
        {
            ModelsPath = settings.Paths.ModelsPath,
            MidasCheckpoint = NullIfEmpty(depthFiles?.MidasCheckpoint),
            AdaBinsCheckpoint = NullIfEmpty(depthFiles?.AdaBinsCheckpoint),
        };
        var planned = await DeforumRun.PlanAsync(settings, RunContext.Now(), token).ConfigureAwait(false);
        var view = new RunView(planned);
        try
        {
            // The render is synchronous engine work: off the kernel's thread, so the cell stays responsive to the stop button.
            var result = await Task.Run(() => DeforumRun.ExecuteAsync(model, planned, null, view, depth, token), token).ConfigureAwait(false);
            view.Close("finished");
            return result;
        }
        catch (OperationCanceledException e)
        {
            view.Close("stopped between frames; every saved frame is whole");
            throw new OperationCanceledException(
                $"stopped: run {planned.Plan.Timestring} in {planned.Outdir} can be continued with " +
                $"resume_from_timestring = true and resume_timestring = \"{planned.Plan.Timestring}\"", e, e.CancellationToken);
        }
        catch
        {
            view.Close("failed");
            throw;
        }
    }

    /// <summary>
    /// Create video: an mp4 of a run's frames at <paramref name="fps"/> (optionally the first <paramref name="maxFrames"/>),
    /// with an optional soundtrack; <paramref name="pingPong"/> plays them forward then backward, so the video loops seamlessly.
    /// A vr_mode run's side-by-side frames get their own mp4, shown under the first.
    /// </summary>
    public static async Task<VideoFile> CreateVideoAsync(RunResult run, double fps = 12, int? maxFrames = null, string? soundtrack = null,
        bool pingPong = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var videos = await RunVideos.CreateAsync(run.Outdir, run.Plan.Timestring,
            new VideoEncodeSettings { Fps = fps, SoundtrackPath = soundtrack is null ? null : ExpandHome(soundtrack) }, pingPong, maxFrames,
            Linked(cancellationToken)).ConfigureAwait(false);
        return new VideoFile(videos.Video, videos.StereoVideo is { } stereo ? new VideoFile(stereo) : null);
    }

    /// <summary>An image file, shown inline.</summary>
    public static FrameImage Frame(string path, string? caption = null) => new(ExpandHome(path), caption);

    /// <summary>The caller's token joined with the kernel's: the notebook's stop button cancels the cell's command.</summary>
    static CancellationToken Linked(CancellationToken cancellationToken)
    {
        if (KernelInvocationContext.Current?.CancellationToken is not { } kernel) return cancellationToken;
        return cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(kernel, cancellationToken).Token : kernel;
    }

    static DeforumSettings WithExpandedPaths(DeforumSettings s) =>
        s with { Paths = s.Paths with { ModelsPath = ExpandHome(s.Paths.ModelsPath), OutputPath = ExpandHome(s.Paths.OutputPath) } };

    static string? NullIfEmpty(string? path) => string.IsNullOrWhiteSpace(path) ? null : ExpandHome(path);

    /// <summary>A leading ~ is the home folder, as the Colab's paths and a shell would read it.</summary>
    static string ExpandHome(string path) =>
        path is ['~', ..] && (path.Length == 1 || path[1] == '/')
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..]
            : path;
}
