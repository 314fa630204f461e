using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>
/// Turns an 8-bit grey mask (already resized with Lanczos and converted to "L" by the image layer) into the float
/// mask the samplers and the overlay use (algorithms.md §9.2 steps 3–7).
/// Port of Deforum v0.4 Deforum_Stable_Diffusion.py::prepare_mask with Pillow ImageEnhance semantics.
/// </summary>
public static class MaskPreparation
{
    /// <summary>
    /// Step 3 with the original's argument swap (quirk 5, kept): <paramref name="maskContrastAdjust"/> drives the
    /// brightness step (applied first) and <paramref name="maskBrightnessAdjust"/> the contrast step. A factor of 1 skips its step.
    /// </summary>
    public static byte[] Adjust(ReadOnlySpan<byte> grey, double maskContrastAdjust, double maskBrightnessAdjust)
    {
        var v = grey.ToArray();
        if (maskContrastAdjust != 1) v = Brightness(v, maskContrastAdjust);
        if (maskBrightnessAdjust != 1) v = Contrast(v, maskBrightnessAdjust);
        return v;
    }

    /// <summary>ImageEnhance.Brightness: a blend with black, v·f truncated and clipped.</summary>
    public static byte[] Brightness(ReadOnlySpan<byte> grey, double factor) => Blend(grey, _ => 0, factor);

    /// <summary>ImageEnhance.Contrast: a blend with the rounded mean grey m, m + f·(v − m) truncated and clipped.</summary>
    public static byte[] Contrast(ReadOnlySpan<byte> grey, double factor)
    {
        double sum = 0;
        foreach (var b in grey) sum += b;
        int mean = (int)(sum / grey.Length + 0.5);
        return Blend(grey, _ => mean, factor);
    }

    // Pillow ImagingBlend on 8-bit data: float arithmetic (alpha is a C float), truncation toward zero, clip to 0–255.
    static byte[] Blend(ReadOnlySpan<byte> image, Func<int, int> degenerate, double factor)
    {
        float alpha = (float)factor;
        var result = new byte[image.Length];
        for (int i = 0; i < image.Length; i++)
        {
            int from = degenerate(i);
            float value = from + alpha * (image[i] - from);
            result[i] = value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)value;
        }
        return result;
    }

    /// <summary>
    /// Steps 4–7: /255 in float32, optional inversion (written as the original's ((m − 0.5)·−1) + 0.5), clip to [0, 1],
    /// tiled to <paramref name="channels"/> and repeated to the batch. 4 channels for sampling (latent size), 3 for the overlay.
    /// </summary>
    /// <returns>[batch, channels, height, width]</returns>
    public static Tensor ToTensor(ReadOnlySpan<byte> grey, int height, int width, int channels, int batch, bool invert, Device? device = null)
    {
        if (grey.Length != height * width) throw new ArgumentException($"{grey.Length} mask pixels for {width}×{height}", nameof(grey));
        var plane = new float[grey.Length];
        for (int i = 0; i < plane.Length; i++)
        {
            float m = grey[i] / 255f;
            if (invert) m = (m - 0.5f) * -1f + 0.5f;
            plane[i] = Math.Clamp(m, 0f, 1f);
        }
        using var scope = DisposeScope.Begin();
        var single = Tensor.From<float>(plane, [1, 1, height, width]);  // [1, 1, H, W]
        return scope.MoveToOuter(single.Expand(batch, channels, height, width).Contiguous().To(device ?? Device.Cpu));  // [B, C, H, W]
    }
}
