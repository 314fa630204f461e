namespace Deforum.Interactive;

/// <summary>
/// Depth networks to use instead of the released files in models_path (dpt_large-midas-2f21e586.pt, AdaBins_nyu.pt,
/// downloaded there once and verified): paths loaded as they are, like custom_checkpoint_path. Empty or null: the
/// released file.
/// </summary>
public sealed record DepthFiles(string? MidasCheckpoint = null, string? AdaBinsCheckpoint = null);
