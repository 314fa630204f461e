using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// MiDaS v3 DPT-Large (<c>dpt_large-midas-2f21e586.pt</c>): a normalised image → relative inverse depth (larger =
/// nearer), non-negative. The state dict's keys are the module tree's names (pretrained.model.blocks.0.attn.qkv.weight,
/// scratch.refinenet1.resConfUnit1.conv1.weight, …) and its sizes come from the weights (<see cref="DptConfig"/>).
/// Port of deforum-stable-diffusion src/midas/dpt_depth.py::DPTDepthModel (backbone vitl16_384, readout project,
/// non_negative).
/// </summary>
public sealed class DptDepthModel : Module
{
    const string WeightsHint = "The file is not the MiDaS DPT-Large checkpoint (dpt_large-midas-2f21e586.pt) or it is damaged: download it again.";

    readonly DptBackbone _pretrained;
    readonly DptScratch _scratch;

    public DptDepthModel(DptConfig config)
    {
        Config = config;
        _pretrained = Register("pretrained", new DptBackbone(config));
        _scratch = Register("scratch", new DptScratch(config));
    }

    public DptConfig Config { get; }

    /// <summary>The device and dtype of the weights (inputs are moved and cast to them).</summary>
    public (Device Device, DType DType) Placement
    {
        get
        {
            var weight = NamedParameters().First().Tensor;
            return (weight.Device, weight.DType);
        }
    }

    /// <summary>
    /// Builds the model the checkpoint's shapes describe and moves every tensor into it (taken out of
    /// <paramref name="checkpoint"/>); a missing, extra or misshapen key is a <see cref="ModelWeightsException"/> naming it.
    /// </summary>
    public static DptDepthModel Load(CheckpointTensors checkpoint, Device? device = null, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var weights = checkpoint.TakeAll();
        DptConfig config;
        try
        {
            config = DptConfig.FromShapes(weights.ToDictionary(kv => kv.Key, kv => kv.Value.Shape, StringComparer.Ordinal));
        }
        catch
        {
            foreach (var t in weights.Values) t.Dispose();
            throw;
        }
        return WeightLoader.Load(new DptDepthModel(config), weights, "", device, dtype, WeightsHint);
    }

    /// <summary>x [B, 3, H, W] normalised to [-1, 1], H and W multiples of 32 → depth [B, H, W] in the weights' dtype.</summary>
    public Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int m = Config.InputMultiple;
        if (x.Dim != 4 || x.Size(1) != 3 || x.Size(2) % m != 0 || x.Size(3) % m != 0 || x.Size(2) == 0 || x.Size(3) == 0)
            throw new ArgumentException($"MiDaS DPT takes [B, 3, H, W] with H and W multiples of {m}; got [{string.Join(", ", x.Shape)}]", nameof(x));
        using var scope = DisposeScope.Begin();
        var (device, dtype) = Placement;
        var layers = _pretrained.Forward(x.To(device, dtype));       // [B, f_i, H/4 … H/32, W/4 … W/32]
        var depth = _scratch.Forward(layers);                         // [B, 1, H, W]
        foreach (var l in layers) l.Dispose();
        return scope.MoveToOuter(depth.Squeeze(1));                  // [B, H, W]
    }
}
