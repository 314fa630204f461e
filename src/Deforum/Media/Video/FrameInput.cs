using System.Globalization;
using System.Text;

namespace Deforum.Media.Video;

/// <summary>
/// ffmpeg's input options for a frame sequence: 0.4's numbered pattern, or, for a ping-pong video, the concat demuxer
/// reading a list of the frame files in play order (<c>-r</c> before it times them as the pattern's frames are). The list
/// is a hidden temporary file beside the output, removed on dispose.
/// </summary>
internal sealed class FrameInput : IDisposable
{
    readonly string? _list;

    FrameInput(string[] input, string[] limit, string? list)
    {
        Input = input;
        Limit = limit;
        _list = list;
    }

    /// <summary>The input options, <c>-i</c> included.</summary>
    public IReadOnlyList<string> Input { get; }

    /// <summary><c>-frames:v</c> when the sequence has a frame limit (an output option: it goes after every input); the list already holds it.</summary>
    public IReadOnlyList<string> Limit { get; }

    public static FrameInput Open(FrameSequence frames, string fps, string outputPath)
    {
        if (!frames.PingPong)
            return new(["-y", "-vcodec", "png", "-r", fps, "-start_number", frames.StartNumber.ToString(CultureInfo.InvariantCulture), "-i", Path.GetFullPath(frames.Pattern)],
                frames.MaxFrames is { } max ? ["-frames:v", max.ToString(CultureInfo.InvariantCulture)] : [], null);
        string list = AtomicFile.ReserveTempPath(Path.GetFullPath(outputPath) + ".frames");
        try
        {
            File.WriteAllText(list, ConcatList(frames.PlayedFiles()), new UTF8Encoding(false));
        }
        catch
        {
            AtomicFile.DeleteQuietly(list);
            throw;
        }
        return new(["-y", "-vcodec", "png", "-r", fps, "-f", "concat", "-safe", "0", "-i", list], [], list);
    }

    /// <summary>An ffconcat script: one <c>file</c> line per frame, single-quoted with ffmpeg's <c>'\''</c> for a quote.</summary>
    public static string ConcatList(IEnumerable<string> files)
    {
        var text = new StringBuilder("ffconcat version 1.0\n");
        foreach (var file in files)
            text.Append("file '").Append(file.Replace("'", @"'\''", StringComparison.Ordinal)).Append("'\n");
        return text.ToString();
    }

    public void Dispose()
    {
        if (_list is not null) AtomicFile.DeleteQuietly(_list);
    }
}
