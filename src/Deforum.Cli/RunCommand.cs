using System.CommandLine;
using Deforum.Models;
using Deforum.Models.Registry;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Cli;

/// <summary>`deforum run SETTINGS`: the notebook's "Do the Run!" headless, from a settings file (ours or the notebook's).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var settings = new Argument<FileInfo>("settings") { Description = "a *_settings.txt file (JSON) as the notebook writes it" };
        var modelsPath = new Option<string?>("--models-path") { Description = "overrides models_path: where checkpoints, yaml files and the CLIP vocabulary are" };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "a .ckpt or .safetensors file (model_checkpoint = custom)" };
        var config = new Option<FileInfo?>("--config") { Description = "a model yaml (model_config = custom)" };
        var midas = new Option<FileInfo?>("--midas") { Description = "a MiDaS DPT-Large checkpoint for depth, used as it is (default: models_path/dpt_large-midas-2f21e586.pt, downloaded and verified)" };
        var output = new Option<string?>("--output") { Description = "overrides output_path" };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: cuda when available)" };
        var noVideo = new Option<bool>("--no-video") { Description = "skip the mp4 (the create-video cell) after the frames" };
        var fps = new Option<double?>("--fps") { Description = "frames per second of the mp4 (default 12, the create-video cell's)" };
        var planOnly = new Option<bool>("--plan") { Description = "print every frame's plan (motion, strength, seed, prompt, file) and stop before loading the model" };
        var cmd = new Command("run", "Render an animation from a settings file, then make its video.")
        {
            settings, modelsPath, checkpoint, config, midas, output, device, noVideo, fps, planOnly,
        };
        cmd.SetAction((parse, token) => RunAsync(parse.GetValue(settings)!,
            new Overrides(parse.GetValue(modelsPath), parse.GetValue(checkpoint), parse.GetValue(config), parse.GetValue(midas),
                parse.GetValue(output), parse.GetValue(noVideo), parse.GetValue(fps)),
            parse.GetValue(device), parse.GetValue(planOnly), token));
        return cmd;
    }

    /// <summary>The command line's settings: paths, a custom checkpoint/yaml, and the create-video cell (not part of a settings file).</summary>
    sealed record Overrides(string? ModelsPath, FileInfo? Checkpoint, FileInfo? Config, FileInfo? Midas, string? Output, bool NoVideo, double? Fps)
    {
        public DeforumSettings ApplyTo(DeforumSettings s) => s with
        {
            Paths = s.Paths with { ModelsPath = ModelsPath ?? s.Paths.ModelsPath, OutputPath = Output ?? s.Paths.OutputPath },
            Model = s.Model with
            {
                ModelCheckpoint = Checkpoint is null ? s.Model.ModelCheckpoint : "custom",
                CustomCheckpointPath = Checkpoint?.FullName ?? s.Model.CustomCheckpointPath,
                ModelConfig = Config is null ? s.Model.ModelConfig : "custom",
                CustomConfigPath = Config?.FullName ?? s.Model.CustomConfigPath,
            },
            Video = s.Video with { SkipVideoForRunAll = NoVideo, Fps = Fps ?? s.Video.Fps },
        };
    }


    static async Task<int> RunAsync(FileInfo settingsFile, Overrides overrides, string? device, bool planOnly, CancellationToken cancellationToken)
    {
        try
        {
            // 1. the settings, with the command line's overrides
            var loaded = SettingsFile.Load(settingsFile.FullName);
            foreach (var notice in loaded.Notices) Console.WriteLine($"note: {notice}");
            loaded = loaded with { Settings = overrides.ApplyTo(loaded.Settings) };
            var context = RunContext.Now();
            // settings problems before minutes of model loading
            var planned = await DeforumRun.PlanAsync(loaded.Settings, context, cancellationToken).ConfigureAwait(false);
            foreach (var notice in planned.Run.Notices) Console.WriteLine($"note: {notice}");
            if (planOnly)
            {
                Console.WriteLine(planned.Plan.ToTable());
                return 0;
            }

            // 2. the model-load cell
            var s = loaded.Settings;
            Console.WriteLine($"loading {(s.Model.ModelCheckpoint == "custom" ? s.Model.CustomCheckpointPath : s.Model.ModelCheckpoint)} ...");
            var downloads = new Progress<DownloadProgress>(p => Console.WriteLine($"download: {p}"));
            using var model = await StableDiffusion.LoadAsync(new ModelLoadOptions
            {
                ModelsPath = s.Paths.ModelsPath,
                ModelConfig = s.Model.ModelConfig,
                CustomConfigPath = s.Model.CustomConfigPath,
                ModelCheckpoint = s.Model.ModelCheckpoint,
                CustomCheckpointPath = s.Model.CustomCheckpointPath,
                CheckSha256 = s.Model.CheckSha256,
                HalfPrecision = s.Model.HalfPrecision,
                Device = device is null ? null : Device.Parse(device),
            }, downloads, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"model on {model.Device} ({model.DType})");

            // 3. "Do the Run!" (loading the depth model when the settings use depth); Ctrl+C stops between frames
            var depth = new DepthModelOptions { ModelsPath = s.Paths.ModelsPath, MidasCheckpoint = overrides.Midas?.FullName, DownloadProgress = downloads };
            var result = await DeforumRun.ExecuteAsync(model, planned, loaded.UnknownKeys, new RunProgressTracker((e, snapshot) => { if (e.Event == RenderEvent.EntryFinished) Console.WriteLine(snapshot); }), depth, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"frames: {result.Outdir}");
            if (result.Video is not null) Console.WriteLine($"video: {result.Video}");
            return 0;
        }
        catch (SettingsException e)
        {
            Console.Error.WriteLine($"deforum run: the settings need fixing:{Environment.NewLine}{e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("deforum run: stopped. Every saved frame is whole; to continue, set resume_from_timestring to true and " +
                "resume_timestring to the run's timestring (the first part of its frame names), then run again.");
            return 130;
        }
        catch (Exception e) when (e is IOException or ModelLoadException or ArgumentException or TorchException or Media.Ffmpeg.FfmpegException)
        {
            Console.Error.WriteLine($"deforum run: {e.Message}");
            return 1;
        }
    }
}
