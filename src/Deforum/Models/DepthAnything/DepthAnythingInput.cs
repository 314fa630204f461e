using Deforum.Animation;
using Deforum.Animation.Filters;
using Deforum.Torch;

namespace Deforum.Models.DepthAnything;

/// <summary>
/// What the network is fed: the image in [0, 1] (float64), resized with OpenCV's bicubic so the shorter side reaches
/// input_size and both sides are multiples of 14 (aspect kept, 'lower_bound'), ImageNet-normalised, CHW float32.
/// Port of DepthAnything/Depth-Anything-V2 depth_anything_v2/dpt.py::DepthAnythingV2.image2tensor and
/// util/transform.py::Resize / NormalizeImage / PrepareForNet.
/// </summary>
public static class DepthAnythingInput
{
    /// <summary>infer_image's default input_size: the 37-patch training grid.</summary>
    public const int DefaultInputSize = 518;

    const int Multiple = 14;
    static readonly double[] Mean = [0.485, 0.456, 0.406];
    static readonly double[] Std = [0.229, 0.224, 0.225];

    /// <summary>Resize(keep_aspect_ratio, ensure_multiple_of=14, 'lower_bound'): the network input size (W′, H′).</summary>
    public static (int Width, int Height) NetworkSize(int width, int height, int inputSize = DefaultInputSize)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}×{height} must be positive");
        if (inputSize < Multiple) throw new ArgumentOutOfRangeException(nameof(inputSize), $"input_size {inputSize} must be at least {Multiple}");
        double scaleH = (double)inputSize / height, scaleW = (double)inputSize / width;
        if (scaleW > scaleH) scaleH = scaleW; // fit width
        else scaleW = scaleH;                 // fit height
        return (Constrain(scaleW * width, inputSize), Constrain(scaleH * height, inputSize));
    }

    /// <summary>round(x/14)·14 (half to even, as NumPy), raised to ceil(x/14)·14 when below <paramref name="min"/>.</summary>
    static int Constrain(double x, int min)
    {
        int y = (int)Math.Round(x / Multiple, MidpointRounding.ToEven) * Multiple;
        return y < min ? (int)Math.Ceiling(x / Multiple) * Multiple : y;
    }

    /// <summary>An RGB H×W×3 uint8 image → the network input [1, 3, H′, W′] float32 on <paramref name="device"/>.</summary>
    public static Tensor FromRgb(Tensor rgb, int inputSize, Device device)
    {
        var (h, w, c) = HostImage.CheckHwc(rgb, nameof(rgb), 3);
        HostImage.CheckDType(rgb, nameof(rgb), DType.UInt8);
        var (nw, nh) = NetworkSize(w, h, inputSize);
        var unit = HostImage.Read<byte>(rgb).Select(b => b / 255.0).ToArray();
        var resized = OpenCvResizeCubic.Resize(unit, h, w, c, nw, nh);
        var chw = new float[3 * nh * nw];
        for (int i = 0; i < nh * nw; i++)
            for (int k = 0; k < 3; k++)
                chw[k * nh * nw + i] = (float)((resized[i * 3 + k] - Mean[k]) / Std[k]);
        return HostImage.Write(chw, [1, 3, nh, nw], device);
    }
}
