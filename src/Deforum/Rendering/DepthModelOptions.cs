using Deforum.Models.Registry;

namespace Deforum.Rendering;

/// <summary>Where a run's depth networks come from: models_path (downloaded there once and verified), or a file given directly.</summary>
public sealed record DepthModelOptions
{
    /// <summary>The run's models_path: the depth files (dpt_large-midas-2f21e586.pt, AdaBins_nyu.pt, depth_anything_v2_*.pth) are looked for, and downloaded to, there.</summary>
    public required string ModelsPath { get; init; }

    /// <summary>A MiDaS DPT-Large checkpoint to use instead, loaded as it is (not size- or hash-checked, like custom_checkpoint_path).</summary>
    public string? MidasCheckpoint { get; init; }

    /// <summary>An AdaBins checkpoint to use instead of AdaBins_nyu.pt, loaded as it is (not size- or hash-checked).</summary>
    public string? AdaBinsCheckpoint { get; init; }

    public IProgress<DownloadProgress>? DownloadProgress { get; init; }
}
