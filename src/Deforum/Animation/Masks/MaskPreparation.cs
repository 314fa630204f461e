using Deforum.Animation.Filters;
using Deforum.Media;
using Deforum.Torch;

namespace Deforum.Animation.Masks;

/// <summary>Init-image masks: resized, grey, brightness/contrast-adjusted, optionally inverted (spec §9.2, §9.5).</summary>
public static class MaskPreparation
{
    /// <summary>
    /// Port of deforum-stable-diffusion helpers/load_images.py::prepare_mask with its own parameter order: an H×W×C
    /// uint8 mask image (C = 1, 3 or 4) → [1, 4, height, width] float32 in [0, 1].
    /// </summary>
    public static Tensor Prepare(Tensor maskImage, int width, int height, double brightness, double contrast, bool invert)
    {
        var grey = AdjustedGrey(maskImage, width, height, brightness, contrast);
        using var scope = DisposeScope.Begin();
        var plane = Tensor.From<float>(grey.Select(v => v / 255f).ToArray().AsSpan(), [1, 1, height, width]);
        var mask = plane.Repeat(1, 4, 1, 1); // [1, 4, H, W]
        if (invert) mask = mask.Sub(0.5).Mul(-1.0).Add(0.5);
        return scope.MoveToOuter(mask.Clamp(0, 1).To(maskImage.Device).Contiguous());
    }

    /// <summary>
    /// The generation's call: it passes (mask_contrast_adjust, mask_brightness_adjust) into prepare_mask's
    /// (brightness, contrast) slots, so the two settings act swapped (quirk §23 #5, kept).
    /// </summary>
    public static Tensor PrepareFromSettings(Tensor maskImage, int width, int height, double maskBrightnessAdjust,
        double maskContrastAdjust, bool invertMask) =>
        Prepare(maskImage, width, height, brightness: maskContrastAdjust, contrast: maskBrightnessAdjust, invertMask);

    /// <summary>
    /// Port of helpers/load_images.py::prepare_overlay_mask: the settings-order mask at full size, 3 channels, every
    /// value below the maximum set to 0, then a SciPy Gaussian blur of σ = mask_overlay_blur → [1, 3, H, W] float32.
    /// </summary>
    public static Tensor OverlayMask(Tensor maskImage, int width, int height, double maskBrightnessAdjust,
        double maskContrastAdjust, bool invertMask, double overlayBlur)
    {
        using var scope = DisposeScope.Begin();
        var mask = PrepareFromSettings(maskImage, width, height, maskBrightnessAdjust, maskContrastAdjust, invertMask);
        var plane = mask.Select(1, 0).To(Device.Cpu).Contiguous().ToArray<float>(); // [H·W]
        float max = plane.Max();
        var binary = plane.Select(v => v < max ? 0f : v).ToArray();
        var blurred = ScipyGaussianFilter.Filter(binary, height, width, overlayBlur);
        var result = Tensor.From<float>(blurred.AsSpan(), [1, 1, height, width]).Repeat(1, 3, 1, 1); // [1, 3, H, W]
        return scope.MoveToOuter(result.To(maskImage.Device).Contiguous());
    }

    /// <summary>
    /// Port of helpers/load_images.py::load_img(path, (width, height), use_alpha_as_mask=True) after decoding: the
    /// H×W×4 uint8 RGBA image is resized to width×height first (Lanczos on premultiplied RGBA, as Pillow resizes
    /// it), then split into the init sample ([1, 3, height, width], <see cref="FrameConversions.SampleFromInitImage"/>)
    /// and the alpha channel as the "L" mask image (height×width uint8) that <see cref="Prepare"/> takes.
    /// </summary>
    public static (Tensor Init, Tensor Alpha) InitAndAlpha(Tensor rgba, int width, int height)
    {
        var (h, w, _) = HostImage.CheckHwc(rgba, nameof(rgba), 4);
        HostImage.CheckDType(rgba, nameof(rgba), DType.UInt8);
        if (width < 1 || height < 1)
            throw new ArgumentException($"init image size must be positive; got {width}×{height} (set W and H)", nameof(width));
        var pixels = PillowImage.ResizeLanczos(HostImage.Read<byte>(rgba), h, w, 4, width, height);
        var rgb = new byte[width * height * 3];
        var alpha = new byte[width * height];
        for (int i = 0; i < alpha.Length; i++)
        {
            rgb[3 * i] = pixels[4 * i];
            rgb[3 * i + 1] = pixels[4 * i + 1];
            rgb[3 * i + 2] = pixels[4 * i + 2];
            alpha[i] = pixels[4 * i + 3];
        }
        using var scope = DisposeScope.Begin();
        var init = FrameConversions.SampleFromInitImage(HostImage.Write(rgb, [height, width, 3], rgba.Device)); // [1, 3, H, W]
        return (scope.MoveToOuter(init), scope.MoveToOuter(HostImage.Write(alpha, [height, width], rgba.Device)));
    }

    static byte[] AdjustedGrey(Tensor maskImage, int width, int height, double brightness, double contrast)
    {
        ArgumentNullException.ThrowIfNull(maskImage);
        var image = maskImage.Shape.Length == 2 ? maskImage.Unsqueeze(-1) : maskImage; // [H, W, C]
        var (h, w, c) = HostImage.CheckHwc(image, nameof(maskImage), 1, 3, 4);
        HostImage.CheckDType(image, nameof(maskImage), DType.UInt8);
        var pixels = HostImage.Read<byte>(image);
        if (!ReferenceEquals(image, maskImage)) image.Dispose();
        // convert('L'): Pillow's fixed-point luma, alpha ignored
        var grey = ImageChannels.Convert(new ImageBuffer<byte>(width, height, c, PillowImage.ResizeLanczos(pixels, h, w, c, width, height)), 1).Pixels;
        // torchvision's adjust_* pass the factor to Pillow as a C float.
        if (brightness != 1) grey = PillowEnhance.Brightness(grey, (float)brightness);
        if (contrast != 1) grey = PillowEnhance.Contrast(grey, (float)contrast);
        return grey;
    }
}
