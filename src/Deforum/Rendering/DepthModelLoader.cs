using Deforum.Animation.Depth;
using Deforum.Models;
using Deforum.Models.AdaBins;
using Deforum.Models.Midas;
using Deforum.Models.Registry;
using Deforum.Models.Weights;
using Deforum.Settings;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Rendering;

/// <summary>
/// render_animation's depth-model loading (deforum-stable-diffusion helpers/render.py and helpers/depth.py, 0.7):
/// MiDaS DPT-Large on the generator's device in its precision (float16 on CUDA with half_precision, as load_midas
/// does) and, when midas_weight is below 1, AdaBins there in float32 (load_adabins); or the Depth-Anything-V2 size a
/// depth_algorithm names. Files come from models_path (downloaded there once, verified); nothing else is ever fetched.
/// </summary>
public static class DepthModelLoader
{
    /// <summary>The depth estimator <paramref name="animation"/>'s depth_algorithm and midas_weight ask for.</summary>
    /// <exception cref="ModelLoadException">A file is missing and cannot be downloaded, is damaged, or is not the network it should be.</exception>
    public static async Task<IDepthEstimator> LoadAsync(DepthModelOptions options, AnimationSettings animation, Device device, DType dtype,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(animation);
        if (DepthAlgorithms.IsDepthAnything(animation.DepthAlgorithm))
            return await DepthAnythingEstimator.LoadAsync(animation, options.ModelsPath, device, dtype == DType.Float16,
                options.DownloadProgress, cancellationToken).ConfigureAwait(false);
        return await LoadAsync(options, animation.MidasWeight, device, dtype, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deforum's DepthModel: MiDaS, and AdaBins only when <paramref name="midasWeight"/> is below 1 (the original never loads it at 1).</summary>
    /// <exception cref="ModelLoadException">A file is missing and cannot be downloaded, is damaged, or is not the network it should be.</exception>
    public static async Task<DepthModel> LoadAsync(DepthModelOptions options, double midasWeight, Device device, DType dtype,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var midas = await LoadNetworkAsync(options, options.MidasCheckpoint, DepthModelFiles.MidasDptLarge, "MiDaS DPT-Large",
            (path, expected) => LoadMidas(path, expected, device, dtype), cancellationToken).ConfigureAwait(false);
        try
        {
            var adabins = DepthArithmetic.UsesAdaBins(midasWeight)
                ? await LoadNetworkAsync(options, options.AdaBinsCheckpoint, DepthModelFiles.AdaBinsNyu, "AdaBins",
                    (path, expected) => AdaBinsInference.Load(path, device, expected), cancellationToken).ConfigureAwait(false)
                : null;
            return new DepthModel(midas, adabins, midasWeight);
        }
        catch
        {
            midas.Dispose();
            throw;
        }
    }

    /// <summary>A custom file as it is (unchecked, like custom_checkpoint_path), or the released one from models_path, verified.</summary>
    static async Task<T> LoadNetworkAsync<T>(DepthModelOptions options, string? custom, KnownModelFile known, string what,
        Func<string, KnownModelFile?, T> load, CancellationToken cancellationToken)
    {
        if (custom is not null)
            return File.Exists(custom) ? load(custom, null) : throw new ModelLoadException($"the {what} checkpoint '{custom}' does not exist");
        using var http = new HttpClient();
        var path = await new ModelFolder(options.ModelsPath, new Downloader(http))
            .EnsureAsync(known, options.DownloadProgress, cancellationToken).ConfigureAwait(false);
        return load(path, known);
    }

    static DptDepthModel LoadMidas(string path, KnownModelFile? expected, Device device, DType dtype)
    {
        try
        {
            using var checkpoint = expected?.Load(path, device, dtype) ?? Checkpoint.Load(path, device, dtype);
            return DptDepthModel.Load(checkpoint, dtype: dtype);
        }
        catch (Exception e) when (e is CheckpointFormatException or ModelWeightsException)
        {
            throw new ModelLoadException($"'{path}' is not a MiDaS DPT-Large checkpoint this engine can load: {e.Message}", e);
        }
    }
}
