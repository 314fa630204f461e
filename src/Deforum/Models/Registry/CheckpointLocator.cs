namespace Deforum.Models.Registry;

/// <summary>The model-load cell's choice of checkpoint (settings.md §5).</summary>
/// <param name="ModelCheckpoint">A file name in models_path (known or not), a menu alias, or "custom".</param>
public sealed record CheckpointChoice(
    string ModelsPath,
    string ModelCheckpoint = CheckpointChoice.DefaultCheckpoint,
    string CustomCheckpointPath = "",
    bool CheckSha256 = true)
{
    public const string Custom = "custom";
    public const string DefaultCheckpoint = "v1-5-pruned-emaonly.ckpt";
}

/// <summary>
/// Turns a <see cref="CheckpointChoice"/> into the path of a verified checkpoint file, downloading known ones.
/// check_sha256 follows notebook 0.4–0.7: a known checkpoint whose hash differs is not loaded (here: an exception
/// saying why, instead of a printed line and no model). Custom paths are never checked, as in the notebook; a file
/// in models_path under a name the table does not know is loaded unchecked (0.4 failed with a KeyError there).
/// </summary>
public sealed class CheckpointLocator(ModelRegistry registry, ModelFolder folder)
{
    public async Task<string> LocateAsync(CheckpointChoice choice, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (choice.ModelCheckpoint == CheckpointChoice.Custom)
        {
            var custom = Path.GetFullPath(choice.CustomCheckpointPath);
            return File.Exists(custom)
                ? custom
                : throw new ModelLoadException($"the checkpoint custom_checkpoint_path '{choice.CustomCheckpointPath}' does not exist ({custom}); " +
                    "point it (or --checkpoint) at your .ckpt or .safetensors file, or set model_checkpoint to a known checkpoint name to have it downloaded");
        }

        var known = registry.Find(choice.ModelCheckpoint);
        if (known is null)
        {
            var local = Path.Combine(folder.Path, choice.ModelCheckpoint);
            return File.Exists(local) ? local : throw registry.UnknownName(choice.ModelCheckpoint, folder.Path);
        }
        return await folder.EnsureAsync(new ModelFile(known.FileName, "checkpoint", choice.CheckSha256 ? known.Sha256 : null, known.DownloadUrl),
            progress, cancellationToken).ConfigureAwait(false);
    }
}
