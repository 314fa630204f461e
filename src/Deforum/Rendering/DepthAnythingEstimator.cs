using Deforum.Animation.Depth;
using Deforum.Models.DepthAnything;
using Deforum.Models.Registry;
using Deforum.Settings;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Rendering;

/// <summary>
/// Depth for the 3D warp from Depth-Anything-V2, as the Forge fork computes it: the frame (cast to uint8) through the
/// network at infer_image's input size, the transformers pipeline's resize and 8-bit depth image, then its warp
/// mapping z = 2.3 − equalised disparity (<see cref="WarpDepth"/>): near ≈ 1.3, far ≈ 2.3, or 1 everywhere for an
/// invalid (constant) prediction. Port of Tok/sd-forge-deforum scripts/deforum_helpers/depth.py::DepthModel.predict
/// (Depth-Anything branch) followed by animation.py::transform_image_3d_new's depth part.
/// </summary>
/// <param name="inputSize">infer_image's input_size: the network sees the frame's shorter side scaled to this (518 in the fork).</param>
public sealed class DepthAnythingEstimator(DepthAnythingV2 model, string depthAlgorithm = DepthAlgorithms.DepthAnythingV2Small,
    DepthImageScaling scaling = DepthImageScaling.MinMax, int inputSize = DepthAnythingInput.DefaultInputSize) : IDepthEstimator
{
    readonly string _algorithm = DepthAlgorithms.IsDepthAnything(depthAlgorithm)
        ? depthAlgorithm
        : throw new ArgumentException($"depth_algorithm '{depthAlgorithm}' is not a Depth-Anything-V2 model", nameof(depthAlgorithm));

    public DepthAnythingV2 Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>
    /// The estimator for <paramref name="animation"/>'s depth_algorithm (a Depth-Anything-V2 size): its released weights
    /// from <paramref name="modelsPath"/>, downloaded there on first use and verified, loaded on <paramref name="device"/>
    /// (CUDA when available) in float16 there when <paramref name="halfPrecision"/>.
    /// </summary>
    public static async Task<DepthAnythingEstimator> LoadAsync(AnimationSettings animation, string modelsPath, Device? device = null,
        bool halfPrecision = true, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(animation);
        var known = WeightsFor(animation.DepthAlgorithm);
        using var http = new HttpClient();
        var path = await new ModelFolder(modelsPath, new Downloader(http)).EnsureAsync(known, progress, cancellationToken).ConfigureAwait(false);
        var dev = device ?? (Cuda.IsAvailable ? Device.Cuda() : Device.Cpu);
        var model = DepthAnythingV2.Load(path, dev, halfPrecision && dev.IsCuda ? DType.Float16 : DType.Float32, expected: known);
        return new DepthAnythingEstimator(model, animation.DepthAlgorithm);
    }

    /// <summary>The released weights of a Depth-Anything-V2 depth_algorithm.</summary>
    public static KnownModelFile WeightsFor(string depthAlgorithm) => depthAlgorithm switch
    {
        DepthAlgorithms.DepthAnythingV2Small => DepthModelFiles.DepthAnythingV2Small,
        DepthAlgorithms.DepthAnythingV2Base => DepthModelFiles.DepthAnythingV2Base,
        DepthAlgorithms.DepthAnythingV2Large => DepthModelFiles.DepthAnythingV2Large,
        _ => throw new ArgumentException($"depth_algorithm '{depthAlgorithm}' is not a Depth-Anything-V2 model", nameof(depthAlgorithm)),
    };

    /// <summary>An H×W×3 RGB frame (uint8, or float32 cadence buffer) → the warp's z, float32 [H, W] on the frame's device.</summary>
    public Tensor Predict(Tensor frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Shape.Length != 3 || frame.Shape[2] != 3)
            throw new ArgumentException($"frame must be H×W×3 RGB; got [{string.Join(", ", frame.Shape)}]", nameof(frame));
        using var scope = DisposeScope.Begin();
        int h = (int)frame.Size(0), w = (int)frame.Size(1);
        var prediction = Model.Predict(frame.To(DType.UInt8), inputSize);                   // [1, h', w']
        var resized = TransformersDepthImage.ResizeToFrame(prediction, w, h);                                          // [H, W]
        var depth = TransformersDepthImage.ToTensor(TransformersDepthImage.ToImage8(resized, scaling));                // [1, 1, H, W]
        var z = WarpDepth.ToZ(depth, _algorithm)?.Reshape(h, w) ?? Tensor.Ones([h, w], DType.Float32, frame.Device); // [H, W]
        return scope.MoveToOuter(z.To(frame.Device).Contiguous());
    }

    public IReadOnlyList<Module> Networks => [Model];

    public void Dispose() => Model.Dispose();
}
