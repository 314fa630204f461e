using Deforum.Models.Registry;
using Deforum.Torch;

namespace Deforum.Models.AdaBins;

/// <summary>
/// AdaBins as Deforum calls it (InferenceHelper(dataset='nyu').predict_pil): an H×W×3 uint8 image → metric depth
/// [H, W] in metres, averaged with the prediction for the mirrored image. Channels are used in the order given:
/// Deforum's DepthModel.predict hands it its RGB frame converted to BGR (spec §12.2).
/// Port of deforum-art/deforum-stable-diffusion src/infer.py::InferenceHelper.predict_pil / predict.
/// </summary>
public sealed class AdaBinsInference : IAdaBinsPredictor, IDisposable
{
    // ImageNet statistics of ToTensor's transforms.Normalize, applied in float64 as the numpy path does.
    static readonly double[] Mean = [0.485, 0.456, 0.406];
    static readonly double[] Std = [0.229, 0.224, 0.225];

    public AdaBinsInference(UnetAdaptiveBins model) => Model = model;

    public UnetAdaptiveBins Model { get; }

    public Device Device => Model.NamedParameters().First().Tensor.Device;

    /// <summary>Loads AdaBins_nyu.pt (see <see cref="UnetAdaptiveBins.Load"/>); float32 on <paramref name="device"/> (default CPU), as Deforum runs it.</summary>
    public static AdaBinsInference Load(string path, Device? device = null, KnownModelFile? expected = null) =>
        new(UnetAdaptiveBins.Load(path, device, expected: expected));

    /// <summary>Depth [H, W] float32 (metres, clipped to [0.001, 10]) on the model's device; the caller owns it.</summary>
    public Tensor Predict(Tensor image)
    {
        var (depth, _) = PredictWithBinCenters(image);
        return depth;
    }

    /// <summary>
    /// predict_pil's two results: depth [H, W] and the bin centres of the unmirrored pass that lie strictly inside
    /// (0.001, 10) m. Steps: x = image/255 normalised in float64, cast to float32; d = clip(net(x)); d' =
    /// clip(flip(net(flip(x)))); bilinear (align_corners) up-sampling of (d + d')/2 to H×W; clip again (NaN → 0.001).
    /// </summary>
    public (Tensor Depth, float[] BinCenters) PredictWithBinCenters(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var s = image.Shape;
        if (s.Length != 3 || s[2] != 3 || image.DType != DType.UInt8)
            throw new ArgumentException($"AdaBins takes an H×W×3 uint8 image; got [{string.Join(", ", s)}] {image.DType}", nameof(image));
        const double min = AdaBinsConfig.MinDepth, max = AdaBinsConfig.MaxDepth;
        using var scope = DisposeScope.Begin();
        var x = Normalize(image).To(Device); // [1, 3, H, W]
        var (edges, pred) = Model.Forward(x);
        var depth = pred.Clamp(min, max); // [1, 1, H/2, W/2]
        var mirrored = Model.Forward(x.Flip(-1)).Depth.Flip(-1).Clamp(min, max);
        var average = depth.Add(mirrored).Mul(0.5);
        var full = F.Interpolate(average, (s[0], s[1]), InterpolateMode.Bilinear, alignCorners: true).Clamp(min, max);
        var final = full.MaskedFill(full.IsNan(), min).View(s[0], s[1]); // [H, W]
        var centres = edges.Narrow(1, 1, edges.Size(1) - 1).Add(edges.Narrow(1, 0, edges.Size(1) - 1)).Mul(0.5);
        var inside = centres.To(Device.Cpu).ToArray<float>().Where(c => c > min && c < max).ToArray();
        return (scope.MoveToOuter(final), inside);
    }

    /// <summary>np.asarray(image) / 255., then (x − mean) / std per channel, in float64; then float32 [1, 3, H, W].</summary>
    static Tensor Normalize(Tensor image)
    {
        using var scope = DisposeScope.Begin();
        var chw = image.To(DType.Float64).Div(255.0).Permute(2, 0, 1); // [3, H, W]
        var mean = Tensor.From<double>(Mean, 3, 1, 1).To(chw.Device);
        var std = Tensor.From<double>(Std, 3, 1, 1).To(chw.Device);
        return scope.MoveToOuter(chw.Sub(mean).Div(std).Unsqueeze(0).To(DType.Float32));
    }

    public void Dispose() => Model.Dispose();
}
