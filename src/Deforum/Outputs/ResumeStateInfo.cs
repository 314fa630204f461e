using System.Globalization;
using Deforum.Settings;
using Deforum.Torch.Checkpoints;

namespace Deforum.Outputs;

/// <summary>
/// The header of a run's resume state file (<see cref="OutputPaths.ResumeStateFile"/>): where the stopped 2D/3D run
/// was and what it was, so a resume can be planned (and checked against the settings) before any model loads. The
/// tensors the loop carries are in the same file, for the renderer.
/// </summary>
/// <param name="LastFrame">The diffused frame after which the state was taken.</param>
/// <param name="Seed">The run's first seed: the resumed plan continues its seed sequence.</param>
public sealed record ResumeStateInfo(string Timestring, string Mode, int Width, int Height, int Cadence, int LastFrame, long Seed)
{
    /// <summary>Raised when what the loop carries (or how it is stored) changes; a newer file is refused, not misread.</summary>
    public const int Version = 1;

    const string VersionKey = "deforum_resume_version";

    public Dictionary<string, string> ToMetadata() => new(StringComparer.Ordinal)
    {
        [VersionKey] = Version.ToString(CultureInfo.InvariantCulture),
        ["timestring"] = Timestring,
        ["animation_mode"] = Mode,
        ["W"] = Width.ToString(CultureInfo.InvariantCulture),
        ["H"] = Height.ToString(CultureInfo.InvariantCulture),
        ["diffusion_cadence"] = Cadence.ToString(CultureInfo.InvariantCulture),
        ["last_frame"] = LastFrame.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The state file of <paramref name="timestring"/> in <paramref name="outdir"/>, or null when there is none.</summary>
    /// <exception cref="SettingsException">The file exists but is not a resume state this version can read.</exception>
    public static ResumeStateInfo? TryRead(string outdir, string timestring)
    {
        var path = Path.Combine(outdir, OutputPaths.ResumeStateFile(timestring));
        if (!File.Exists(path)) return null;
        try
        {
            using var file = SafetensorsFile.Open(path);
            return FromMetadata(file.Metadata, path);
        }
        catch (Exception e) when (e is CheckpointFormatException or IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e.Message);
        }
    }

    /// <exception cref="SettingsException">Another version, or a missing or malformed entry.</exception>
    public static ResumeStateInfo FromMetadata(IReadOnlyDictionary<string, string> metadata, string path)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string Text(string key) => metadata.TryGetValue(key, out var v) ? v : throw Unreadable(path, $"'{key}' is missing from its header");
        long Number(string key) => long.TryParse(Text(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)
            ? n : throw Unreadable(path, $"'{key}' is '{Text(key)}', not a whole number");
        int Int(string key) => Number(key) is >= int.MinValue and <= int.MaxValue and var n ? (int)n : throw Unreadable(path, $"'{key}' is out of range");

        if (Number(VersionKey) != Version)
            throw new SettingsException(new SettingProblem("resume_timestring", null, Text(VersionKey),
                $"the resume state {path} is version {Text(VersionKey)}; this version of Deforum reads version {Version}",
                $"resume it with the Deforum version that rendered it, or delete {Path.GetFileName(path)} to resume as the original notebook does"));
        return new ResumeStateInfo(Text("timestring"), Text("animation_mode"), Int("W"), Int("H"), Int("diffusion_cadence"), Int("last_frame"), Number("seed"));
    }

    static SettingsException Unreadable(string path, string why) => new(new SettingProblem("resume_timestring", null, Path.GetFileName(path),
        $"the resume state {path} cannot be read: {why}",
        $"delete {Path.GetFileName(path)} to resume as the original notebook does (from the last saved frame), or turn resume_from_timestring off"));
}
