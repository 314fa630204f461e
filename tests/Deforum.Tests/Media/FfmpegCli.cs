using Xunit;
using System.Diagnostics;
using Deforum.Media.Ffmpeg;

namespace Deforum.Tests.Media;

/// <summary>Runs ffmpeg directly (not through the code under test) to make fixtures and reference decodes.</summary>
public static class FfmpegCli
{
    /// <summary>The located ffmpeg; a missing one fails the test with the locator's explanation and fix.</summary>
    public static string Executable => FfmpegTool.Default.ExecutablePath;

    public static (int ExitCode, byte[] Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-hide_banner", "-nostdin", "-y", .. args]) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(stdout);
        p.WaitForExit();
        return (p.ExitCode, stdout.ToArray(), stderr.Result);
    }

    public static void MustRun(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.True(code == 0, $"ffmpeg {string.Join(' ', args)} failed ({code}): {err}");
    }

    /// <summary>ffmpeg's own decode of the first picture of a file, as raw samples in <paramref name="pixelFormat"/>.</summary>
    public static byte[] RawDecode(string path, string pixelFormat)
    {
        var (code, raw, err) = Run("-v", "error", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", pixelFormat, "pipe:1");
        Assert.True(code == 0, $"ffmpeg could not decode {path}: {err}");
        return raw;
    }
}
