using Deforum.Models.Registry;

namespace Deforum.Rendering;

/// <summary>Where a run's depth networks come from: models_path (downloaded there once and verified), or a file given directly.</summary>
public sealed record DepthModelOptions
{
    /// <summary>The run's models_path: dpt_large-midas-2f21e586.pt is looked for, and downloaded to, there.</summary>
    public required string ModelsPath { get; init; }

    /// <summary>A MiDaS DPT-Large checkpoint to use instead, loaded as it is (not size- or hash-checked, like custom_checkpoint_path).</summary>
    public string? MidasCheckpoint { get; init; }

    public IProgress<DownloadProgress>? DownloadProgress { get; init; }
}
