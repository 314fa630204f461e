using Deforum.Interactive.Html;
using Xunit;

namespace Deforum.Interactive.Tests;

/// <summary>The Create video cell's output: the run's video and, for vr_mode, its side-by-side video under it.</summary>
public sealed class VideoHtmlTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-videohtml-").FullName;

    string Clip(string name, int width)
    {
        var path = Path.Combine(_dir, name);
        using var ffmpeg = System.Diagnostics.Process.Start("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", $"testsrc=size={width}x32:rate=4:duration=1", "-pix_fmt", "yuv420p", path])!;
        ffmpeg.WaitForExit();
        Assert.Equal(0, ffmpeg.ExitCode);
        return path;
    }

    [Fact]
    public void A_side_by_side_video_is_played_under_the_runs_video()
    {
        var video = Clip("run.mp4", 32);
        var sideBySide = Clip("run_sbs.mp4", 64);

        var html = MediaHtml.Video(new VideoFile(video, new VideoFile(sideBySide)));

        Assert.Equal(2, html.Split("<video ").Length - 1);
        Assert.True(html.IndexOf("run.mp4", StringComparison.Ordinal) < html.IndexOf("run_sbs.mp4", StringComparison.Ordinal), html[..200]);
        Assert.Single(html.Split("<video ").Skip(1), p => p.Contains(Convert.ToBase64String(File.ReadAllBytes(sideBySide)), StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_side_by_side_video_is_named_and_the_runs_video_still_plays()
    {
        var video = Clip("run.mp4", 32);

        var html = MediaHtml.Video(new VideoFile(video, new VideoFile(Path.Combine(_dir, "gone_sbs.mp4"))));

        Assert.Single(html.Split("<video ").Skip(1));
        Assert.Contains("missing video <code>" + Path.Combine(_dir, "gone_sbs.mp4"), html, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
