using Deforum.Models.Nn;
using Deforum.Models.Weights;
using Deforum.Models.Registry;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Deforum.Torch.Modules;

namespace Deforum.Models.AdaBins;

/// <summary>
/// AdaBins: EfficientNet-B5 encoder, U-Net decoder, mini-ViT adaptive bins; depth = Σ softmax(conv_out(range maps)) ·
/// bin centres, the bins spanning [min, max] with widths the image chooses.
/// Port of shariqfarooq123/AdaBins models/unet_adaptive_bins.py::UnetAdaptiveBins (as vendored by
/// deforum-art/deforum-stable-diffusion src/adabins), norm 'linear'.
/// </summary>
public sealed class UnetAdaptiveBins : Module
{
    readonly Encoder _encoder;
    readonly DecoderBN _decoder;
    readonly MiniViT _adaptiveBins;
    readonly Sequential _convOut;

    public UnetAdaptiveBins(AdaBinsConfig config)
    {
        Config = config;
        _encoder = Register("encoder", new Encoder(config.Encoder));
        _decoder = Register("decoder", new DecoderBN(config));
        _adaptiveBins = Register("adaptive_bins_layer", new MiniViT(config));
        _convOut = Register("conv_out", new Sequential(new Conv2d(config.QueryChannels, config.Bins, 1), new Softmax(1)));
    }

    public AdaBinsConfig Config { get; }

    /// <summary>
    /// Loads AdaBins weights (AdaBins_nyu.pt, or any .pt/.safetensors with its keys) through the safe unpickler, sizing the
    /// network from the tensors' shapes. Everything is local: the EfficientNet backbone is built here, never fetched (the
    /// original asks torch.hub for it on every load, so 3D failed offline). A missing, truncated or foreign file is a
    /// <see cref="ModelLoadException"/> naming the file and what to do.
    /// </summary>
    /// <param name="expected">The released file <paramref name="path"/> should be: its SHA-256 is checked in the pass that reads it.</param>
    public static UnetAdaptiveBins Load(string path, Device? device = null, DType dtype = DType.Float32, KnownModelFile? expected = null)
    {
        if (!File.Exists(path))
            throw new ModelLoadException($"AdaBins weights '{path}' not found: download {DownloadHint}");
        Dictionary<string, Tensor> weights;
        try
        {
            using var checkpoint = expected?.Load(path, device ?? Device.Cpu, dtype) ?? Checkpoint.Load(path, device, dtype);
            weights = AdaBinsCheckpoint.TakeModel(checkpoint);
        }
        catch (CheckpointFormatException e)
        {
            throw new ModelLoadException(
                $"AdaBins weights '{path}' cannot be read ({e.Message}); an interrupted download leaves such a file: delete it and download {DownloadHint} again", e);
        }
        AdaBinsConfig config;
        try
        {
            config = AdaBinsConfig.FromShapes(weights.ToDictionary(w => w.Key, w => w.Value.Shape, StringComparer.Ordinal), path);
        }
        catch (ModelWeightsException e)
        {
            foreach (var t in weights.Values) t.Dispose();
            throw new ModelLoadException($"{e.Message}; download {DownloadHint}", e);
        }
        try
        {
            return WeightLoader.Load(new UnetAdaptiveBins(config), weights, "", device, dtype,
                $"'{path}' is not the AdaBins network or is damaged: download {DownloadHint}.");
        }
        catch (ModelWeightsException e)
        {
            throw new ModelLoadException($"AdaBins weights '{path}': {e.Message}", e);
        }
    }

    const string DownloadHint = "AdaBins_nyu.pt (https://huggingface.co/deforum/AdaBins/resolve/main/AdaBins_nyu.pt) into the models folder";

    /// <summary>
    /// x [N, 3, H, W] (ImageNet-normalised) → bin edges [N, bins + 1] (metres, from the minimum to the maximum depth) and
    /// depth [N, 1, ⌈H/2⌉, ⌈W/2⌉] (metres).
    /// </summary>
    public (Tensor BinEdges, Tensor Depth) Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        Tensor unetOut;
        using (var features = _encoder.Forward(x))
            unetOut = _decoder.Forward(features); // [N, C, H/2, W/2]
        var (widthsNormed, rangeMaps) = _adaptiveBins.Forward(unetOut);
        var probabilities = _convOut.Forward(rangeMaps); // [N, bins, H/2, W/2]
        var widths = F.Pad(widthsNormed.Mul(AdaBinsConfig.MaxDepth - AdaBinsConfig.MinDepth), [1, 0], value: AdaBinsConfig.MinDepth);
        var edges = widths.CumSum(1); // [N, bins + 1]
        long bins = edges.Size(1) - 1;
        var centres = edges.Narrow(1, 0, bins).Add(edges.Narrow(1, 1, bins)).Mul(0.5); // [N, bins]
        var depth = probabilities.Mul(centres.View(centres.Size(0), bins, 1, 1)).Sum(1, keepDim: true); // [N, 1, H/2, W/2]
        return (scope.MoveToOuter(edges), scope.MoveToOuter(depth));
    }
}
