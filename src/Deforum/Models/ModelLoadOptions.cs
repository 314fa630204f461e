using Deforum.Models.Registry;
using Deforum.Torch;

namespace Deforum.Models;

/// <summary>
/// The model-load cell (settings.md §5): which yaml and checkpoint, where, and in what precision.
/// </summary>
public sealed record ModelLoadOptions
{
    public required string ModelsPath { get; init; }

    /// <summary>A yaml name looked up in models_path (falling back to the embedded one), or "custom".</summary>
    public string ModelConfig { get; init; } = "v1-inference.yaml";

    public string CustomConfigPath { get; init; } = "";

    /// <summary>A checkpoint file name in models_path (downloaded when known and missing), or "custom".</summary>
    public string ModelCheckpoint { get; init; } = CheckpointChoice.DefaultCheckpoint;

    public string CustomCheckpointPath { get; init; } = "";

    public bool CheckSha256 { get; init; } = true;

    /// <summary>float16 weights; applies on CUDA only (CPU kernels in half precision are slow or missing).</summary>
    public bool HalfPrecision { get; init; } = true;

    /// <summary>Where the model runs; null = CUDA when available, else the CPU (as the notebook).</summary>
    public Device? Device { get; init; }

    /// <summary>Where checkpoint tensors are first read to; null = straight to <see cref="Device"/> (one copy).</summary>
    public Device? MapLocation { get; init; }

    /// <summary>Hugging Face token for checkpoints that need a login.</summary>
    public string? HuggingFaceToken { get; init; }
}
