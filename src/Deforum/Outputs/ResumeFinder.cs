using System.Globalization;
using Deforum.Settings;

namespace Deforum.Outputs;

/// <summary>
/// What a resume_from_timestring run finds in its folder: the run's resume state, else the frames on disk counted as
/// the resume start-up of deforum-stable-diffusion render_animation does (algorithms.md §19). Fixed: only frame files
/// {timestring}_{n:05}.png/.exr count, and only the unbroken run from frame 0, where the original counted every file
/// with the prefix (its settings file, and depth maps, which broke resume); no frames at all continue from frame 0
/// where the original failed.
/// </summary>
public static class ResumeFinder
{
    /// <summary>The resume point from a folder listing (no state file: <see cref="ResumeKind.Original"/>, or <see cref="ResumeKind.Continue"/> from frame 0).</summary>
    public static ResumePoint Find(IEnumerable<string> fileNames, string timestring, int cadence, ResumeStateInfo? state = null)
    {
        var frames = new HashSet<int>();
        foreach (var name in fileNames.Select(Path.GetFileName))
            if (FrameNumber(name!, timestring) is { } n) frames.Add(n);
        int count = 0;
        while (frames.Contains(count)) count++;
        if (state is not null)
            return new ResumePoint(timestring, state.LastFrame, state.LastFrame + 1, OutputPaths.FrameFile(timestring, state.LastFrame))
            {
                Kind = ResumeKind.Exact, FramesOnDisk = count, State = state,
            };
        if (count == 0)
            return new ResumePoint(timestring, -1, 0, OutputPaths.FrameFile(timestring, 0)) { Kind = ResumeKind.Continue };
        int last = count - 1;
        int start = count;
        if (cadence > 1)
        {
            last -= last % cadence;
            start = last + cadence;
        }
        return new ResumePoint(timestring, last, start, OutputPaths.FrameFile(timestring, last)) { FramesOnDisk = count };
    }

    /// <exception cref="SettingsException">The folder does not exist, or its resume state cannot be read.</exception>
    public static ResumePoint FindIn(string outdir, string timestring, int cadence)
    {
        if (!Directory.Exists(outdir))
            throw new SettingsException(new SettingProblem("outdir", null, outdir, "the output folder of the run to resume does not exist",
                "set output_path and batch_name (or load the run's settings file) so that outdir is that folder"));
        return Find(Directory.EnumerateFiles(outdir), timestring, cadence, ResumeStateInfo.TryRead(outdir, timestring));
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
