using System.CommandLine;
using Deforum.Models;
using Deforum.Models.Config;
using Deforum.Models.Registry;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Cli;

/// <summary>`deforum run SETTINGS`: the notebook's "Do the Run!" headless, from a settings file (ours or the notebook's).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var settings = new Argument<FileInfo>("settings") { Description = "a *_settings.txt file (JSON) as the notebook writes it" };
        var output = new Option<string?>("--output") { Description = "overrides output_path" };
        var options = new RenderOptions();
        var cmd = new Command("run", "Render an animation from a settings file, then make its video.") { settings, output };
        options.AddTo(cmd);
        cmd.SetAction((parse, token) => RunAsync(parse.GetValue(settings)!, parse.GetValue(output), options.Read(parse), token));
        return cmd;
    }

    static Task<int> RunAsync(FileInfo settingsFile, string? output, RenderOptions.Values options, CancellationToken cancellationToken) =>
        RenderAsync("run", options, () =>
        {
            var loaded = SettingsFile.Load(settingsFile.FullName);
            return (loaded with { Settings = options.ApplyTo(loaded.Settings, output) }, RunContext.Now());
        }, cancellationToken);

    /// <summary>
    /// Loads and plans (every settings problem before any model), prints the notes and the plan, loads the model,
    /// renders with a live progress bar and makes the video; each failure becomes one message and an exit code.
    /// </summary>
    internal static async Task<int> RenderAsync(string command, RenderOptions.Values options, Func<(LoadedSettings, RunContext)> load,
        CancellationToken cancellationToken)
    {
        var progress = TerminalProgress.ForConsole();
        string? resumeHint = null;
        try
        {
            // 1. the settings, then the plan: a mistake costs no model loading
            var (loaded, context) = load();
            Notes(loaded, options.Verbose);
            var planned = await DeforumRun.PlanAsync(loaded.Settings, context, cancellationToken).ConfigureAwait(false);
            foreach (var notice in planned.Run.Notices) Console.WriteLine($"note: {notice}");
            if (options.PlanOnly)
            {
                Console.WriteLine(planned.Plan.ToTable());
                return 0;
            }
            if (planned.Plan.Resume?.Kind == ResumeKind.Finished && planned.Run.Settings.Video.SkipVideoForRunAll)
            {
                Console.WriteLine($"nothing to render; make its video with: deforum video {Quote(Path.Combine(planned.Outdir, OutputPaths.SettingsFile(planned.Plan.Timestring)))}");
                return 0;
            }
            if (planned.Run.Settings.Animation.AnimationMode != AnimationModes.None)
                resumeHint = Path.Combine(planned.Outdir, OutputPaths.SettingsFile(planned.Run.Settings.Generation.Timestring));

            // 2. the model-load cell (only when there is something to render)
            using var model = planned.Plan.Frames.Count == 0 ? null : await LoadModelAsync(loaded.Settings, options.Device, progress, cancellationToken).ConfigureAwait(false);

            // 3. "Do the Run!" (loading the depth model when the settings use depth); Ctrl+C stops between frames
            var result = await DeforumRun.ExecuteAsync(model, planned, loaded.UnknownKeys, progress.Render(planned.Outdir),
                options.DepthModels(loaded.Settings, progress.Downloads), cancellationToken).ConfigureAwait(false);
            progress.Break();
            Console.WriteLine($"frames: {result.Outdir}");
            if (result.Video is not null) Console.WriteLine($"video: {result.Video}");
            if (result.StereoVideo is not null) Console.WriteLine($"side-by-side video: {result.StereoVideo}");
            return 0;
        }
        catch (SettingsException e)
        {
            progress.Break();
            Console.Error.WriteLine($"deforum {command}: the settings need fixing:{Environment.NewLine}{e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            progress.Break();
            Console.Error.WriteLine($"deforum {command}: stopped. Every saved frame is whole" +
                (resumeHint is null ? "." : $"; continue exactly where it stopped with: deforum resume {Quote(resumeHint)}"));
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ModelLoadException or ModelConfigException or Models.Weights.ModelWeightsException
                                      or CheckpointFormatException or ArgumentException or TorchException or Media.Ffmpeg.FfmpegException)
        {
            progress.Break();
            Console.Error.WriteLine($"deforum {command}: {e.Message}");
            return 1;
        }
    }

    static void Notes(LoadedSettings loaded, bool verbose)
    {
        foreach (var notice in loaded.Notices)
            Console.WriteLine(notice.Setting == "settings file" && loaded.MissingKeys.Count > 0
                ? verbose ? $"note: {notice}: {string.Join(", ", loaded.MissingKeys)}" : $"note: {notice.Message}; `--verbose` lists them"
                : $"note: {notice}");
    }

    static async Task<StableDiffusion> LoadModelAsync(DeforumSettings s, string? device, TerminalProgress progress, CancellationToken cancellationToken)
    {
        Console.WriteLine($"loading {(s.Model.ModelCheckpoint == "custom" ? s.Model.CustomCheckpointPath : s.Model.ModelCheckpoint)} ...");
        var model = await StableDiffusion.LoadAsync(new ModelLoadOptions
        {
            ModelsPath = s.Paths.ModelsPath,
            ModelConfig = s.Model.ModelConfig,
            CustomConfigPath = s.Model.CustomConfigPath,
            ModelCheckpoint = s.Model.ModelCheckpoint,
            CustomCheckpointPath = s.Model.CustomCheckpointPath,
            CheckSha256 = s.Model.CheckSha256,
            HalfPrecision = s.Model.HalfPrecision,
            Device = device is null ? null : Device.Parse(device),
        }, progress.Downloads, cancellationToken).ConfigureAwait(false);
        progress.Break();
        Console.WriteLine($"model on {model.Device} ({model.DType})");
        return model;
    }

    static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
