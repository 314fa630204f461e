using System.Globalization;
using System.Text.RegularExpressions;

namespace Deforum.Media.Video;

/// <summary>Numbered image files named by a printf-style pattern such as <c>20220903000939_%05d.png</c>.</summary>
public sealed partial record FrameSequence(string Pattern, int StartNumber = 0, int? MaxFrames = null)
{
    /// <summary>The frames of one animation run: <c>{outdir}/{timestring}_%05d.png</c> from 00000 (the create-video cell's non-manual mode).</summary>
    public static FrameSequence ForRun(string outdir, string timestring, int? maxFrames = null) =>
        new(Path.Combine(outdir, $"{timestring}_%05d.png"), 0, maxFrames);

    /// <summary>Play the frames forward then backward (<see cref="PingPongOrder"/>), so the video loops seamlessly.</summary>
    public bool PingPong { get; init; }

    /// <summary>
    /// The frame files in the order the video shows them: the unbroken run from <see cref="StartNumber"/> (as ffmpeg's
    /// image2 reads a pattern, up to <see cref="MaxFrames"/>), ping-pong when <see cref="PingPong"/>.
    /// </summary>
    public IReadOnlyList<string> PlayedFiles()
    {
        var files = new List<string>();
        for (int n = StartNumber; MaxFrames is not { } max || files.Count < max; n++)
        {
            var file = Path.GetFullPath(PathOf(n));
            if (!File.Exists(file)) break;
            files.Add(file);
        }
        return PingPong ? [.. PingPongOrder.Of(files.Count).Select(i => files[i])] : files;
    }

    /// <summary>The file name of frame <paramref name="number"/>.</summary>
    public string PathOf(int number)
    {
        var matches = NumberField().Matches(Pattern);
        if (matches.Count != 1)
            throw new ArgumentException($"frame pattern '{Pattern}' must contain exactly one %d-style number field (e.g. %05d)");
        var m = matches[0];
        string digits = number.ToString(CultureInfo.InvariantCulture);
        int width = m.Groups[1].Value.Length > 0 ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return Pattern[..m.Index] + digits.PadLeft(width, '0') + Pattern[(m.Index + m.Length)..];
    }

    internal void RequireFirstFrame(string what)
    {
        string first = Path.GetFullPath(PathOf(StartNumber));
        if (!File.Exists(first))
            throw new FileNotFoundException(
                $"cannot {what}: the first frame '{first}' (pattern '{Pattern}', start {StartNumber}) does not exist; " +
                "check the frame folder, timestring and pattern", first);
    }

    // printf's "%05d" / "%d" as ffmpeg's image2 demuxer reads it.
    [GeneratedRegex(@"%0?(\d*)d")]
    private static partial Regex NumberField();
}
