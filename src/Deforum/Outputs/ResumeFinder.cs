using System.Globalization;
using Deforum.Settings;

namespace Deforum.Outputs;

/// <summary>
/// Port of the resume_from_timestring start-up of deforum-stable-diffusion render_animation (algorithms.md §19).
/// Fixed: only frame files {timestring}_{n:05}.png/.exr count, and only the unbroken run from frame 0, where the
/// original counted every file with the prefix (its settings file, and depth maps, which broke resume).
/// </summary>
public static class ResumeFinder
{
    /// <exception cref="SettingsException">No frame 0 of that run among the files.</exception>
    public static ResumePoint Find(IEnumerable<string> fileNames, string timestring, int cadence)
    {
        var frames = new HashSet<int>();
        foreach (var name in fileNames.Select(Path.GetFileName))
            if (FrameNumber(name!, timestring) is { } n) frames.Add(n);
        int count = 0;
        while (frames.Contains(count)) count++;
        if (count == 0)
            throw new SettingsException(new SettingProblem("resume_timestring", null, timestring,
                $"no frames named {timestring}_00000.png were found in the output folder",
                "copy the timestring from the frame files of the run to continue, and keep batch_name/outdir pointing at its folder"));
        int last = count - 1;
        int start = count;
        if (cadence > 1)
        {
            last -= last % cadence;
            start = last + cadence;
        }
        return new ResumePoint(timestring, last, start, OutputPaths.FrameFile(timestring, last));
    }

    public static ResumePoint FindIn(string outdir, string timestring, int cadence)
    {
        if (!Directory.Exists(outdir))
            throw new SettingsException(new SettingProblem("outdir", null, outdir, "the output folder of the run to resume does not exist",
                "set output_path and batch_name (or load the run's settings file) so that outdir is that folder"));
        return Find(Directory.EnumerateFiles(outdir), timestring, cadence);
    }

    static int? FrameNumber(string name, string timestring)
    {
        if (!name.StartsWith(timestring + "_", StringComparison.Ordinal)) return null;
        var rest = name[(timestring.Length + 1)..];
        int dot = rest.LastIndexOf('.');
        if (dot < 5 || rest[(dot + 1)..] is not ("png" or "exr")) return null;
        var digits = rest[..dot];
        return digits.All(char.IsAsciiDigit) && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
    }
}
