using System.CommandLine;
using Deforum.Settings;

namespace Deforum.Cli;

/// <summary>What `run` and `resume` share on the command line: model files, device, the video cell, plan and verbosity.</summary>
internal sealed class RenderOptions
{
    readonly Option<string?> _modelsPath = new("--models-path") { Description = "overrides models_path: where checkpoints, yaml files and the CLIP vocabulary are" };
    readonly Option<FileInfo?> _checkpoint = new("--checkpoint") { Description = "a .ckpt or .safetensors file (model_checkpoint = custom)" };
    readonly Option<FileInfo?> _config = new("--config") { Description = "a model yaml (model_config = custom)" };
    readonly Option<FileInfo?> _midas = new("--midas") { Description = "a MiDaS DPT-Large checkpoint for depth, used as it is (default: models_path/dpt_large-midas-2f21e586.pt, downloaded and verified)" };
    readonly Option<FileInfo?> _adabins = new("--adabins") { Description = "an AdaBins checkpoint for depth below midas_weight 1, used as it is (default: models_path/AdaBins_nyu.pt, downloaded and verified)" };
    readonly Option<string?> _device = new("--device") { Description = "cpu, cuda or cuda:N (default: cuda when available)" };
    readonly Option<bool> _noVideo = new("--no-video") { Description = "skip the mp4 (the create-video cell) after the frames" };
    readonly Option<double?> _fps = new("--fps") { Description = "frames per second of the mp4 (default 12, the create-video cell's)" };
    readonly Option<bool> _plan = new("--plan") { Description = "print every frame's plan (motion, strength, seed, prompt, file) and stop before loading the model" };
    readonly Option<bool> _verbose = new("--verbose") { Description = "also list the settings the file does not have (they keep their defaults)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _modelsPath, _checkpoint, _config, _midas, _adabins, _device, _noVideo, _fps, _plan, _verbose }) command.Options.Add(option);
    }

    public Values Read(ParseResult parse) => new(parse.GetValue(_modelsPath), parse.GetValue(_checkpoint), parse.GetValue(_config),
        parse.GetValue(_midas), parse.GetValue(_adabins), parse.GetValue(_device), parse.GetValue(_noVideo), parse.GetValue(_fps), parse.GetValue(_plan), parse.GetValue(_verbose));

    /// <summary>The command line's settings: paths, custom checkpoint/yaml/depth files, and the create-video cell (not part of a settings file).</summary>
    public sealed record Values(string? ModelsPath, FileInfo? Checkpoint, FileInfo? Config, FileInfo? Midas, FileInfo? AdaBins, string? Device, bool NoVideo, double? Fps, bool PlanOnly, bool Verbose)
    {
        public DeforumSettings ApplyTo(DeforumSettings s, string? outputPath = null) => s with
        {
            Paths = s.Paths with { ModelsPath = ModelsPath ?? s.Paths.ModelsPath, OutputPath = outputPath ?? s.Paths.OutputPath },
            Model = s.Model with
            {
                ModelCheckpoint = Checkpoint is null ? s.Model.ModelCheckpoint : "custom",
                CustomCheckpointPath = Checkpoint?.FullName ?? s.Model.CustomCheckpointPath,
                ModelConfig = Config is null ? s.Model.ModelConfig : "custom",
                CustomConfigPath = Config?.FullName ?? s.Model.CustomConfigPath,
            },
            Video = s.Video with { SkipVideoForRunAll = NoVideo, Fps = Fps ?? s.Video.Fps },
        };

        /// <summary>Where the run's depth networks come from: models_path, or the files given.</summary>
        public Rendering.DepthModelOptions DepthModels(DeforumSettings s, IProgress<Models.Registry.DownloadProgress> downloads) => new()
        {
            ModelsPath = s.Paths.ModelsPath, MidasCheckpoint = Midas?.FullName, AdaBinsCheckpoint = AdaBins?.FullName, DownloadProgress = downloads,
        };
    }
}
