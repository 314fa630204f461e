using Deforum.Torch;

namespace Deforum.Animation.Color;

/// <summary>The notebook's color_coherence choices.</summary>
public enum ColorCoherenceMode { None, MatchFrame0Rgb, MatchFrame0Hsv, MatchFrame0Lab }

/// <summary>Colour coherence: histogram-match each warped frame to the reference frame (spec §14).</summary>
public static class ColorCoherence
{
    static readonly string[] Names = ["None", "Match Frame 0 RGB", "Match Frame 0 HSV", "Match Frame 0 LAB"];

    /// <summary>The original treats every unknown name as LAB; we reject unknown names and list the valid ones.</summary>
    public static ColorCoherenceMode Parse(string name) => Array.IndexOf(Names, name) switch
    {
        0 => ColorCoherenceMode.None,
        1 => ColorCoherenceMode.MatchFrame0Rgb,
        2 => ColorCoherenceMode.MatchFrame0Hsv,
        3 => ColorCoherenceMode.MatchFrame0Lab,
        _ => throw new ArgumentException($"unknown color_coherence '{name}'; valid: {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>
    /// Port of deforum-stable-diffusion helpers/colors.py::maintain_colors: H×W×3 uint8 RGB frame and reference,
    /// matched per channel in RGB, OpenCV HSV or OpenCV Lab; None returns the frame unchanged.
    /// </summary>
    public static Tensor Match(Tensor frame, Tensor reference, ColorCoherenceMode mode)
    {
        HostImage.CheckHwc(frame, nameof(frame), 3);
        HostImage.CheckHwc(reference, nameof(reference), 3);
        HostImage.CheckDType(frame, nameof(frame), DType.UInt8);
        HostImage.CheckDType(reference, nameof(reference), DType.UInt8);
        if (mode == ColorCoherenceMode.None) return frame.Clone();
        var (src, tpl) = (HostImage.Read<byte>(frame), HostImage.Read<byte>(reference));
        var matched = mode switch
        {
            ColorCoherenceMode.MatchFrame0Rgb => HistogramMatching.Match(src, tpl, 3),
            ColorCoherenceMode.MatchFrame0Hsv => OpenCvHsv.HsvToRgb(HistogramMatching.Match(OpenCvHsv.RgbToHsv(src), OpenCvHsv.RgbToHsv(tpl), 3), (int)frame.Shape[1]),
            _ => OpenCvLab.LabToRgb(HistogramMatching.Match(OpenCvLab.RgbToLab(src), OpenCvLab.RgbToLab(tpl), 3)),
        };
        return HostImage.Write(matched, frame.Shape, frame.Device);
    }
}
