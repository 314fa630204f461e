using Deforum.Media;
using Deforum.Torch;

namespace Deforum.Animation;

/// <summary>
/// Frames (H×W×3 RGB, uint8 or float32 0–255) to and from samples (1×3×H×W in [-1, 1]) with the original's
/// rounding and truncation (spec §2): every animation frame round-trips through these.
/// </summary>
public static class FrameConversions
{
    /// <summary>Port of helpers/animation.py::sample_from_cv2: 2·(v/255) − 1 in float64, rounded to float16.</summary>
    public static Tensor SampleFromFrame(Tensor frame)
    {
        HostImage.CheckHwc(frame, nameof(frame), 3);
        HostImage.CheckDType(frame, nameof(frame), DType.UInt8, DType.Float32, DType.Float64);
        using var scope = DisposeScope.Begin();
        var s = frame.To(DType.Float64).Div(255.0).Mul(2.0).Sub(1.0);
        // float64 → float32 → float16 would round twice; values k/255·2−1 never sit on a float16 tie after the
        // first rounding, and the convert golden case checks every uint8 level.
        var half = s.To(DType.Float16);
        return scope.MoveToOuter(half.Permute(2, 0, 1).Unsqueeze(0).Contiguous()); // [1, 3, H, W]
    }

    /// <summary>Port of helpers/animation.py::sample_to_cv2: float32 x·0.5+0.5, clip [0,1], ×255, then uint8 by truncation or kept float32.</summary>
    public static Tensor FrameFromSample(Tensor sample, bool asFloat = false)
    {
        CheckSample(sample);
        using var scope = DisposeScope.Begin();
        var f = sample.To(DType.Float32).Squeeze(0).Permute(1, 2, 0); // [H, W, 3]
        var scaled = f.Mul(0.5).Add(0.5).Clamp(0, 1).Mul(255.0);
        return scope.MoveToOuter((asFloat ? scaled : scaled.To(DType.UInt8)).Contiguous());
    }

    /// <summary>
    /// Transcribes helpers/generate.py's decoded-sample → PIL block: clamp((x+1)/2, 0, 1) in the tensor's dtype, ×255 on
    /// the host in that dtype (NumPy keeps float16), truncated to uint8. Gives H×W×3 for a [1, 3, H, W] sample.
    /// </summary>
    public static Tensor ImageFromDecoded(Tensor decoded)
    {
        CheckSample(decoded);
        using var scope = DisposeScope.Begin();
        var unit = decoded.Add(1.0).Div(2.0).Clamp(0, 1).To(Device.Cpu);
        var hwc = unit.Squeeze(0).Permute(1, 2, 0); // [H, W, 3]
        return scope.MoveToOuter(hwc.Mul(255.0).To(DType.UInt8).Contiguous());
    }

    /// <summary>
    /// Port of helpers/load_images.py::load_img after decoding: optional Pillow Lanczos resize to (width, height),
    /// float16 v/255 (NumPy float16 arithmetic), then 2x − 1 in float16 → [1, 3, H, W].
    /// </summary>
    public static Tensor SampleFromInitImage(Tensor rgb, (int Width, int Height)? size = null)
    {
        HostImage.CheckHwc(rgb, nameof(rgb), 3);
        HostImage.CheckDType(rgb, nameof(rgb), DType.UInt8);
        using var scope = DisposeScope.Begin();
        var image = size is { } wh ? Filters.PillowResize.Resize(rgb, wh.Width, wh.Height, Filters.PillowFilter.Lanczos) : rgb;
        var unit = image.To(DType.Float16).Div(255.0);
        var nchw = unit.Permute(2, 0, 1).Unsqueeze(0); // [1, 3, H, W]
        return scope.MoveToOuter(nchw.Mul(2.0).Sub(1.0).Contiguous());
    }

    static void CheckSample(Tensor sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var s = sample.Shape;
        if (s.Length != 4 || s[0] != 1 || s[1] != 3)
            throw new ArgumentException($"sample must be [1, 3, H, W]; got [{string.Join(", ", s)}]", nameof(sample));
    }

    /// <summary>A decoded image file as a frame: H×W×<paramref name="channels"/> uint8 on the CPU, converted as Pillow's convert does.</summary>
    public static Tensor FromImageBuffer(ImageBuffer<byte> image, int channels = 3)
    {
        var converted = ImageChannels.Convert(image, channels);
        return Tensor.From<byte>(converted.Pixels, [converted.Height, converted.Width, channels]);
    }

    /// <summary>An H×W×C uint8 frame (any device) as an image to encode.</summary>
    public static ImageBuffer<byte> ToImageBuffer(Tensor frame)
    {
        var (h, w, c) = HostImage.CheckHwc(frame, nameof(frame), 1, 2, 3, 4);
        HostImage.CheckDType(frame, nameof(frame), DType.UInt8);
        return new ImageBuffer<byte>(w, h, c, HostImage.Read<byte>(frame));
    }
}
