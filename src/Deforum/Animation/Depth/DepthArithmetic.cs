using Deforum.Animation.Filters;
using Deforum.Torch;

namespace Deforum.Animation.Depth;

/// <summary>
/// The arithmetic around the depth networks (spec §12.2): what MiDaS and AdaBins are fed, how their outputs are
/// resized and mixed by midas_weight. The networks themselves live elsewhere; these take and give tensors.
/// </summary>
public static class DepthArithmetic
{
    const int MidasSide = 384;
    const int MidasMultiple = 32;
    const int AdaBinsMaxArea = 500000;
    const int AdaBinsMinArea = 448 * 448;

    /// <summary>MiDaS Resize(384, 384, keep_aspect_ratio, ensure_multiple_of=32, 'minimal'): (W′, H′).</summary>
    public static (int Width, int Height) MidasInputSize(int width, int height)
    {
        double sw = (double)MidasSide / width, sh = (double)MidasSide / height;
        double s = Math.Abs(1 - sw) < Math.Abs(1 - sh) ? sw : sh;
        return ((int)Math.Round(s * width / MidasMultiple, MidpointRounding.ToEven) * MidasMultiple,
            (int)Math.Round(s * height / MidasMultiple, MidpointRounding.ToEven) * MidasMultiple);
    }

    /// <summary>
    /// Port of deforum-stable-diffusion helpers/depth.py::DepthModel.predict (MiDaS input): frame/255 in float32, OpenCV
    /// bicubic resize, (x − 0.5)/0.5, HWC → [1, 3, H′, W′].
    /// </summary>
    public static Tensor MidasInput(Tensor frame)
    {
        var (h, w, c) = HostImage.CheckHwc(frame, nameof(frame), 3);
        using var scope = DisposeScope.Begin();
        var unit = HostImage.Read<float>(frame.To(DType.Float32).Div(255.0));
        var (mw, mh) = MidasInputSize(w, h);
        var resized = OpenCvResizeCubic.Resize(unit, h, w, c, mw, mh);
        for (int i = 0; i < resized.Length; i++) resized[i] = (resized[i] - 0.5f) / 0.5f;
        var hwc = HostImage.Write(resized, [mh, mw, c], frame.Device);
        return scope.MoveToOuter(hwc.Permute(2, 0, 1).Unsqueeze(0).Contiguous()); // [1, 3, H', W']
    }

    /// <summary>MiDaS output [1, H′, W′] → bicubic (align_corners false) to H×W → (50 − d)/19, in the output's dtype.</summary>
    public static Tensor MidasDepth(Tensor midasOutput, int width, int height)
    {
        CheckMap(midasOutput, nameof(midasOutput), 3);
        using var scope = DisposeScope.Begin();
        var up = F.Interpolate(midasOutput.Unsqueeze(1), (height, width), InterpolateMode.Bicubic, alignCorners: false); // [1, 1, H, W]
        var d = up.Squeeze(1).Squeeze(0); // [H, W]
        return scope.MoveToOuter((50.0 - d).Div(19.0));
    }

    /// <summary>
    /// AdaBins' input: the frame truncated to uint8 with its channels swapped RGB→BGR (quirk §23 #9, kept), resized with
    /// Pillow (Lanczos down above 500000 px, bicubic up below 448² px) → H′×W′×3 uint8.
    /// </summary>
    public static Tensor AdaBinsInput(Tensor frame)
    {
        var (h, w, _) = HostImage.CheckHwc(frame, nameof(frame), 3);
        using var scope = DisposeScope.Begin();
        var bgr = frame.To(DType.UInt8).Flip(2).Contiguous(); // [H, W, 3], BGR
        var (aw, ah, filter) = AdaBinsSize(w, h);
        return scope.MoveToOuter(aw == w && ah == h ? bgr : PillowResize.Resize(bgr, aw, ah, filter));
    }

    /// <summary>AdaBins output [1, 1, h′, w′] → torchvision bicubic resize (no antialias) back to H×W.</summary>
    public static Tensor AdaBinsDepth(Tensor adabinsOutput, int width, int height)
    {
        CheckMap(adabinsOutput, nameof(adabinsOutput), 4);
        using var scope = DisposeScope.Begin();
        var d = adabinsOutput.Shape[2] == height && adabinsOutput.Shape[3] == width
            ? adabinsOutput
            : F.Interpolate(adabinsOutput, (height, width), InterpolateMode.Bicubic, alignCorners: false);
        return scope.MoveToOuter(d.Squeeze(1).Squeeze(0).Contiguous()); // [H, W]
    }

    /// <summary>depth = w·MiDaS′ + (1 − w)·AdaBins, or MiDaS′ alone when AdaBins is not used (float32 [H, W]).</summary>
    public static Tensor Blend(Tensor midasDepth, Tensor? adabinsDepth, double midasWeight)
    {
        using var scope = DisposeScope.Begin();
        var midas = midasDepth.To(DType.Float32);
        if (adabinsDepth is null) return scope.MoveToOuter(midas.Clone());
        return scope.MoveToOuter(midas.Mul(midasWeight).Add(adabinsDepth.To(midas.Device, DType.Float32).Mul(1 - midasWeight)));
    }

    /// <summary>Whether AdaBins runs at all: only when midas_weight &lt; 1.</summary>
    public static bool UsesAdaBins(double midasWeight) => midasWeight < 1;

    static (int W, int H, PillowFilter Filter) AdaBinsSize(int w, int h)
    {
        long area = (long)w * h;
        if (area > AdaBinsMaxArea)
        {
            double k = Math.Sqrt((double)AdaBinsMaxArea / area);
            return ((int)(w * k), (int)(h * k), PillowFilter.Lanczos);
        }
        if (area < AdaBinsMinArea)
        {
            double k = Math.Sqrt((double)AdaBinsMinArea / area);
            return ((int)(w * k), (int)(h * k), PillowFilter.Bicubic);
        }
        return (w, h, PillowFilter.Bicubic);
    }

    static void CheckMap(Tensor t, string name, int dims)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Shape.Length != dims || t.Shape.Take(dims - 2).Any(d => d != 1))
            throw new ArgumentException($"{name} must be [{string.Join(", ", Enumerable.Repeat("1", dims - 2))}, h, w]; got [{string.Join(", ", t.Shape)}]", name);
    }
}
