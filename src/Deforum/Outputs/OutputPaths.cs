using System.Globalization;
using System.Text;

namespace Deforum.Outputs;

/// <summary>
/// Output naming of the original (algorithms.md §20): timestring, batch folder, frame / batch-image / grid /
/// depth / settings / video file names.
/// </summary>
public static class OutputPaths
{
    /// <summary>Local time as %Y%m%d%H%M%S.</summary>
    public static string Timestring(DateTime localTime) => localTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>{output_path}/{YYYY-MM}/{batch_name}; no batch level when batch_name is empty.</summary>
    public static string BatchFolder(string outputPath, DateTime localTime, string batchName)
    {
        var month = Path.Combine(outputPath, localTime.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        return batchName.Length == 0 ? month : Path.Combine(month, batchName);
    }

    public static string FrameFile(string timestring, int frame, string extension = ".png") =>
        $"{timestring}_{frame:D5}{extension}";

    public static string DepthFile(string timestring, int frame) => $"{timestring}_depth_{frame:D5}.png";

    /// <summary>vr_mode's side-by-side eye views of frame n; the suffix keeps it out of the frame count a resume makes.</summary>
    public static string StereoFile(string timestring, int frame) => $"{timestring}_{frame:D5}{StereoSuffix}.png";

    /// <summary>The side-by-side frames as the video encoder's printf pattern.</summary>
    public static string StereoFramePattern(string timestring) => $"{timestring}_%05d{StereoSuffix}.png";

    public static string StereoVideoFile(string timestring) => $"{timestring}{StereoSuffix}.mp4";

    const string StereoSuffix = "_sbs";

    const string SettingsSuffix = "_settings.txt";

    public static string SettingsFile(string timestring) => $"{timestring}{SettingsSuffix}";

    /// <summary>The timestring of a run's settings file name (its folder ignored), or null for any other name.</summary>
    public static string? TimestringOfSettingsFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(SettingsSuffix, StringComparison.Ordinal) && name.Length > SettingsSuffix.Length ? name[..^SettingsSuffix.Length] : null;
    }

    public static string VideoFile(string timestring) => $"{timestring}.mp4";

    /// <summary>
    /// A 2D/3D run's loop state after its latest diffused frame (exact resume). Not "{timestring}_…": the original's
    /// resume counts every file whose name starts with the timestring and "_", so it would miscount a folder holding it.
    /// </summary>
    public static string ResumeStateFile(string timestring) => $"{timestring}.resume.safetensors";

    /// <summary>The glob of the temporary files a killed atomic write of this run leaves (<c>.{name}.{random}.tmp</c>).</summary>
    public static string TempFilePattern(string timestring) => $".{timestring}*.tmp";

    /// <summary>Extracted video frame n (from 1) in inputframes/ (0.5+ five-digit form).</summary>
    public static string InputFrame(int n) => Path.Combine("inputframes", $"{n:D5}.jpg");

    public static string MaskFrame(int n) => Path.Combine("maskframes", $"{n:D5}.jpg");

    /// <summary>Per-step preview folder of batch sample i (0.4-late/0.5+): {outdir}/{timestring}_{i:02}_{seed}.</summary>
    public static string StepPreviewFolder(string outdir, string timestring, int sample, long seed) =>
        Path.Combine(outdir, $"{timestring}_{sample:D2}_{seed}");

    /// <summary>Per-step preview file: x0_pred_00012.png (k-samplers) or x_00012.png (DDIM/PLMS).</summary>
    public static string StepPreviewFile(string kind, int step) => $"{kind}_{step:D5}.png";

    /// <summary>
    /// Batch-mode image name. The original compares filename_format with the prompt form for equality; any
    /// other value yields the seed form.
    /// </summary>
    public static string BatchImageFile(string timestring, int index, string filenameFormat, string prompt, long seed) =>
        filenameFormat == "{timestring}_{index}_{prompt}.png"
            ? $"{timestring}_{index:D5}_{Sanitize(prompt)}.png"
            : $"{timestring}_{index:D5}_{seed}.png";

    /// <summary>Grid name; the seed is the already advanced one, as in the original.</summary>
    public static string GridFile(string timestring, int promptIndex, long nextSeed) => $"{timestring}_{promptIndex:D5}_grid_{nextSeed}.png";

    /// <summary>Keep ASCII letters and spaces, spaces → '_', first 160 characters.</summary>
    public static string Sanitize(string prompt)
    {
        var kept = new StringBuilder();
        foreach (char c in prompt)
            if (char.IsAsciiLetter(c) || c == ' ') kept.Append(c == ' ' ? '_' : c);
        return kept.Length > 160 ? kept.ToString(0, 160) : kept.ToString();
    }
}
