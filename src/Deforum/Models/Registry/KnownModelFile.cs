using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Models.Registry;

/// <summary>
/// A network file known by name, exact size and SHA-256 (the depth models, which the notebook downloaded unchecked:
/// a cut-off AdaBins_nyu.pt then broke every 3D run). The size tells a truncated file apart before anything is read;
/// the hash is computed while the checkpoint loads, so verifying costs no second pass over the file.
/// </summary>
public sealed record KnownModelFile(string FileName, long Bytes, string Sha256, Uri DownloadUrl)
{
    public KnownModelFile(string fileName, long bytes, string sha256, string url) : this(fileName, bytes, sha256, new Uri(url)) { }

    /// <summary>The same file as a <see cref="ModelFile"/>, for the missing-file message every model file shares.</summary>
    public ModelFile AsModelFile => new(FileName, "depth model", Sha256, DownloadUrl);

    /// <summary>
    /// Loads <paramref name="path"/> (this file in a models folder) to <paramref name="device"/>, checking its SHA-256
    /// in the same pass. A damaged file — wrong hash, or a torch archive that does not parse — is refused with what to do.
    /// </summary>
    public CheckpointTensors Load(string path, Device device, DType? dtype = null)
    {
        CheckpointTensors tensors;
        try
        {
            tensors = Checkpoint.Load(path, device, dtype, computeSha256: true);
        }
        catch (CheckpointFormatException e)
        {
            throw Damaged(path, e.Message, e);
        }
        if (FileHash.Matches(tensors.Sha256!, Sha256)) return tensors;
        tensors.Dispose();
        throw Damaged(path, $"its SHA-256 is {tensors.Sha256}, not {Sha256}", null);
    }

    ModelLoadException Damaged(string path, string why, Exception? inner)
    {
        var message = $"'{path}' is damaged ({why}). Delete it and run again to download it anew, or download it yourself " +
                      $"from {DownloadUrl} ({Bytes} bytes, SHA-256 {Sha256}) into '{Path.GetDirectoryName(path)}'.";
        return inner is null ? new ModelLoadException(message) : new ModelLoadException(message, inner);
    }
}
