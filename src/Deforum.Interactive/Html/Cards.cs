using System.Text;
using Deforum.Models;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Interactive.Html;

/// <summary>Short cards for what the Setup, Model and Run cells return, and the teaching message of a settings problem.</summary>
public static class Cards
{
    public static string Build(BuildInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var device = info.CudaAvailable ? $"CUDA, {info.CudaDeviceCount} device(s), cuDNN {info.CuDnnVersion}" : "CPU only (no CUDA device)";
        return Card("Deforum.Interactive",
            ("libtorch", $"{info.TorchVersion} (shim ABI {info.Abi})"),
            ("device", device),
            ("attention", info.Attention),
            ("BLAS", info.Blas + (info.BlasWarning is { } w ? $" — {w}" : "")),
            ("BLAS kernels", info.BlasKernelSummary + (info.BlasKernelWarning is { } k ? $" — {k}" : "")),
            ("threads", info.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("OpenMP wait policy", info.OpenMpWaitPolicy),
            ("OpenBLAS threads", info.OpenBlasThreads));
    }

    public static string Model(StableDiffusion model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Card("Model loaded",
            ("checkpoint", model.CheckpointPath),
            ("device", $"{model.Device} ({model.DType})"),
            ("parameterization", model.Parameterization.ToString()));
    }

    public static string Result(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int saved = result.Plan.SavedFrames.Count();
        (string, string)[] rows =
        [
            ("frames", $"{saved} images, timestring {result.Plan.Timestring}"),
            ("folder", result.Outdir),
            ("video", result.Video ?? "(none: skip_video_for_run_all, or a still batch)"),
        ];
        return Card("Run finished", result.StereoVideo is { } stereo ? [.. rows, ("side-by-side video", stereo)] : rows);
    }

    /// <summary>Every problem as setting, value, what is wrong and the fix: the message, never a stack trace.</summary>
    public static string Problems(SettingsException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var html = new StringBuilder($"<div style=\"{HtmlText.CardStyle};border-color:#c33\"><b>Settings problem</b><ul>");
        if (exception.Problems.Count == 0) html.Append("<li>").Append(HtmlText.Escape(exception.Message)).Append("</li>");
        foreach (var p in exception.Problems)
            html.Append("<li><b>").Append(HtmlText.Escape(p.Setting)).Append("</b> = <code>").Append(HtmlText.Escape(p.BadText))
                .Append("</code>: ").Append(HtmlText.Escape(p.Message)).Append(". <i>Fix:</i> ").Append(HtmlText.Escape(p.Fix)).Append("</li>");
        return html.Append("</ul></div>").ToString();
    }

    static string Card(string title, params (string Name, string Value)[] rows)
    {
        var html = new StringBuilder($"<div style=\"{HtmlText.CardStyle}\"><b>{HtmlText.Escape(title)}</b><table>");
        foreach (var (name, value) in rows)
            html.Append("<tr><td style=\"padding-right:12px;color:#888\">").Append(HtmlText.Escape(name)).Append("</td><td>")
                .Append(HtmlText.Escape(value)).Append("</td></tr>");
        return html.Append("</table></div>").ToString();
    }
}
