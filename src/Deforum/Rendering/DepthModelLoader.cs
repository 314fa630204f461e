using Deforum.Models;
using Deforum.Models.Midas;
using Deforum.Models.Registry;
using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Rendering;

/// <summary>
/// render_animation's depth-model loading (deforum-stable-diffusion helpers/render.py and helpers/depth.py, 0.7):
/// MiDaS DPT-Large from models_path, on the generator's device in its precision (float16 on CUDA with half_precision,
/// as load_midas does). Nothing but the checkpoint itself is ever fetched.
/// </summary>
public static class DepthModelLoader
{
    /// <exception cref="ModelLoadException">The file is missing and cannot be downloaded, is cut off beyond repair, damaged, or not DPT-Large.</exception>
    public static async Task<DepthModel> LoadAsync(DepthModelOptions options, double midasWeight, Device device, DType dtype,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var midas = options.MidasCheckpoint is { } custom
            ? LoadMidas(custom, () => File.Exists(custom)
                ? Checkpoint.Load(custom, device, dtype)
                : throw new ModelLoadException($"the MiDaS checkpoint '{custom}' does not exist"), dtype)
            : await LoadKnownMidasAsync(options, device, dtype, cancellationToken).ConfigureAwait(false);
        return new DepthModel(midas, adabins: null, midasWeight);
    }

    static async Task<DptDepthModel> LoadKnownMidasAsync(DepthModelOptions options, Device device, DType dtype, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var known = DepthModelFiles.MidasDptLarge;
        var path = await new ModelFolder(options.ModelsPath, new Downloader(http))
            .EnsureAsync(known, options.DownloadProgress, cancellationToken).ConfigureAwait(false);
        return LoadMidas(path, () => known.Load(path, device, dtype), dtype);
    }

    static DptDepthModel LoadMidas(string path, Func<CheckpointTensors> read, DType dtype)
    {
        try
        {
            using var checkpoint = read();
            return DptDepthModel.Load(checkpoint, dtype: dtype);
        }
        catch (Exception e) when (e is CheckpointFormatException or ModelWeightsException)
        {
            throw new ModelLoadException($"'{path}' is not a MiDaS DPT-Large checkpoint this engine can load: {e.Message}", e);
        }
    }
}
