using Deforum.Models.Weights;
using Deforum.Models.Registry;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Deforum.Torch.Modules;

namespace Deforum.Models.DepthAnything;

/// <summary>
/// Depth-Anything-V2: relative inverse depth (disparity: larger = nearer) from one image. Weights load under the
/// original's state-dict keys (<c>pretrained.*</c> backbone, <c>depth_head.*</c> decoder) from its .pth files (through the
/// safe unpickler) or the same tensors as .safetensors.
/// Port of DepthAnything/Depth-Anything-V2 depth_anything_v2/dpt.py::DepthAnythingV2.
/// </summary>
public sealed class DepthAnythingV2 : Module
{
    readonly DinoVisionTransformer _pretrained;
    readonly DptHead _depthHead;

    public DepthAnythingConfig Config { get; }

    public DepthAnythingV2(DepthAnythingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        _pretrained = Register("pretrained", new DinoVisionTransformer(config));
        _depthHead = Register("depth_head", new DptHead(config));
    }

    /// <summary>The DINOv2 encoder (for its intermediate layers and position embedding).</summary>
    public DinoVisionTransformer Backbone => _pretrained;

    /// <summary>
    /// Reads <paramref name="path"/> (.pth or .safetensors) to <paramref name="device"/> in <paramref name="dtype"/>,
    /// derives the config from its shapes (<paramref name="layout"/> for a non-released backbone) and loads it totally:
    /// a wrong, truncated or foreign file fails with a message that names what does not fit.
    /// </summary>
    /// <param name="expected">The released file <paramref name="path"/> should be: its SHA-256 is checked in the pass that reads it.</param>
    public static DepthAnythingV2 Load(string path, Device? device = null, DType? dtype = null, DinoLayout? layout = null, KnownModelFile? expected = null)
    {
        using var checkpoint = expected?.Load(path, device ?? Device.Cpu, dtype) ?? Checkpoint.Load(path, device, dtype);
        var config = DepthAnythingConfig.FromWeights(checkpoint, layout);
        return WeightLoader.Load(new DepthAnythingV2(config), checkpoint.TakeAll(), "", device, dtype,
            "The file is not the Depth-Anything-V2 state dict its shapes suggest: use depth_anything_v2_vits/vitb/vitl.pth as released.");
    }

    public Device Device => _pretrained.NamedParameters().First().Tensor.Device;

    public DType DType => _pretrained.NamedParameters().First().Tensor.DType;

    /// <summary>forward: x [B, 3, H, W] (ImageNet-normalised RGB, H and W multiples of 14) → disparity [B, H, W] ≥ 0.</summary>
    public Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = DisposeScope.Begin();
        int patchH = (int)x.Size(-2) / Config.PatchSize, patchW = (int)x.Size(-1) / Config.PatchSize;
        var features = _pretrained.GetIntermediateLayers(x, Config.Layout.IntermediateLayers);
        var depth = _depthHead.Forward(features, patchH, patchW);                                      // [B, 1, H, W]
        return scope.MoveToOuter(depth.Relu().Squeeze(1));                                             // [B, H, W]
    }

    /// <summary>
    /// infer_image: an H×W×3 uint8 image in BGR order (as cv2.imread gives it) → disparity float32 [H, W] on the
    /// model's device: <see cref="DepthAnythingInput"/>, forward, bilinear (align_corners) back to the image size.
    /// </summary>
    public Tensor InferImage(Tensor imageBgr, int inputSize = DepthAnythingInput.DefaultInputSize)
    {
        ArgumentNullException.ThrowIfNull(imageBgr);
        using var scope = DisposeScope.Begin();
        var prediction = Predict(imageBgr.Flip(2), inputSize);                                        // [1, H', W']
        var back = F.Interpolate(prediction.Unsqueeze(1), (imageBgr.Size(0), imageBgr.Size(1)), InterpolateMode.Bilinear, alignCorners: true);
        return scope.MoveToOuter(back.Squeeze(1).Squeeze(0));                                         // [H, W]
    }

    /// <summary>An RGB H×W×3 uint8 image → the forward output at network resolution [1, H′, W′], float32.</summary>
    public Tensor Predict(Tensor rgb, int inputSize = DepthAnythingInput.DefaultInputSize)
    {
        using var scope = DisposeScope.Begin();
        var input = DepthAnythingInput.FromRgb(rgb, inputSize, Device).To(DType);                    // [1, 3, H', W']
        return scope.MoveToOuter(Forward(input).To(DType.Float32));
    }
}
