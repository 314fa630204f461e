using Deforum.Torch;

namespace Deforum.Animation.Color;

/// <summary>OpenCV's 8-bit colour conversions as the colour coherence uses them, on H×W×3 uint8 frames.</summary>
public static class ColorSpaces
{
    /// <summary>cv2.cvtColor(frame, COLOR_RGB2HSV): H in 0–179.</summary>
    public static Tensor RgbToHsv(Tensor rgb) => Convert(rgb, OpenCvHsv.RgbToHsv);

    /// <summary>cv2.cvtColor(frame, COLOR_HSV2RGB).</summary>
    public static Tensor HsvToRgb(Tensor hsv) => Convert(hsv, data => OpenCvHsv.HsvToRgb(data, (int)hsv.Shape[1]));

    /// <summary>cv2.cvtColor(frame, COLOR_RGB2LAB): L·255/100, a+128, b+128.</summary>
    public static Tensor RgbToLab(Tensor rgb) => Convert(rgb, OpenCvLab.RgbToLab);

    /// <summary>cv2.cvtColor(frame, COLOR_LAB2RGB).</summary>
    public static Tensor LabToRgb(Tensor lab) => Convert(lab, OpenCvLab.LabToRgb);

    static Tensor Convert(Tensor image, Func<byte[], byte[]> kernel)
    {
        HostImage.CheckHwc(image, nameof(image), 3);
        HostImage.CheckDType(image, nameof(image), DType.UInt8);
        return HostImage.Write(kernel(HostImage.Read<byte>(image)), image.Shape, image.Device);
    }
}
