using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Models.AdaBins;

/// <summary>
/// The key table of AdaBins_nyu.pt: torch.save of {'model': state dict, 'optimizer', 'epoch'} (only 'model' is read; the
/// safe unpickler never executes anything, so the optimizer state is skipped unread), keys as model_io.load_checkpoint
/// rewrites them. Port of shariqfarooq123/AdaBins model_io.py::load_checkpoint.
/// </summary>
internal static class AdaBinsCheckpoint
{
    /// <summary>nn.DataParallel's wrapper name: removed (every occurrence, as str.replace does) from keys that start with it.</summary>
    const string DataParallelPrefix = "module.";

    /// <summary>Names of earlier AdaBins versions, renamed on load.</summary>
    static readonly (string Old, string New)[] LegacyPrefixes =
    [
        ("adaptive_bins_layer.embedding_conv.", "adaptive_bins_layer.conv3x3."),
        ("adaptive_bins_layer.patch_transformer.embedding_encoder", "adaptive_bins_layer.patch_transformer.embedding_convPxP"),
    ];

    /// <summary>BatchNorm's count of training batches: in the file, never read at inference (BatchNorm2d does not declare it).</summary>
    const string UnusedSuffix = ".num_batches_tracked";

    /// <summary>Takes the model's tensors out of <paramref name="checkpoint"/> under UnetAdaptiveBins' own names.</summary>
    public static Dictionary<string, Tensor> TakeModel(CheckpointTensors checkpoint)
    {
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in checkpoint.TakeAll())
        {
            if (key.EndsWith(UnusedSuffix, StringComparison.Ordinal))
            {
                tensor.Dispose();
                continue;
            }
            weights[Rename(key)] = tensor;
        }
        return weights;
    }

    static string Rename(string key)
    {
        if (key.StartsWith(DataParallelPrefix, StringComparison.Ordinal)) key = key.Replace(DataParallelPrefix, "", StringComparison.Ordinal);
        foreach (var (old, renamed) in LegacyPrefixes)
            if (key.StartsWith(old, StringComparison.Ordinal)) return renamed + key[old.Length..];
        return key;
    }
}
