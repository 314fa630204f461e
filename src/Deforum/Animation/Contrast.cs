using Deforum.Animation.Filters;
using Deforum.Torch;

namespace Deforum.Animation;

/// <summary>Contrast and the 0.7 "anti-blur" unsharp mask applied to the warped frame before noising (spec §15).</summary>
public static class Contrast
{
    /// <summary>render_animation: prev_img · contrast, in float64 and unclipped (uint8 × Python float).</summary>
    public static Tensor Apply(Tensor frame, double contrast)
    {
        HostImage.CheckHwc(frame, nameof(frame), 3);
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(frame.To(DType.Float64).Mul(contrast));
    }

    /// <summary>
    /// Port of deforum-stable-diffusion helpers/render.py::unsharp_mask: (1+amount)·v − amount·GaussianBlur(v), clipped
    /// to [0, 255] and rounded half to even into uint8. threshold &gt; 0 raised a NumPy casting error in the original,
    /// so it is rejected here too (see docs/animation.md).
    /// </summary>
    public static Tensor UnsharpMask(Tensor contrastFrame, int kernelSize, double sigma, double amount, double threshold)
    {
        var (h, w, c) = HostImage.CheckHwc(contrastFrame, nameof(contrastFrame), 3);
        if (threshold > 0)
            throw new ArgumentException("unsharp mask threshold > 0 is unusable in the original (NumPy refuses the float64→uint8 copy); use 0", nameof(threshold));
        var v = HostImage.Read<double>(contrastFrame);
        var blurred = OpenCvGaussianBlur.Blur(v, h, w, c, kernelSize, sigma);
        var result = new byte[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            double sharpened = (amount + 1) * v[i] - amount * blurred[i];
            result[i] = (byte)Math.Round(Math.Min(Math.Max(sharpened, 0), 255), MidpointRounding.ToEven);
        }
        return HostImage.Write(result, contrastFrame.Shape, contrastFrame.Device);
    }
}
