using Xunit;
using Deforum.Media.Ffmpeg;

namespace Deforum.Tests.Media;

public class FfmpegToolTests
{
    [Fact]
    public void Finds_a_usable_ffmpeg()
    {
        var ffmpeg = FfmpegTool.Default;
        Assert.True(File.Exists(ffmpeg.ExecutablePath));
        Assert.True(ffmpeg.Version == new Version(0, 0) || ffmpeg.Version >= new Version(4, 0), ffmpeg.Version.ToString());
        Assert.Same(ffmpeg, FfmpegTool.Default);
        var direct = FfmpegTool.Locate(ffmpeg.ExecutablePath, searchPath: null);
        Assert.Equal(ffmpeg.Version, direct.Version);
    }

    [Fact]
    public void Missing_ffmpeg_explains_how_to_install_it()
    {
        using var empty = new TempFolder();
        var e = Assert.Throws<FfmpegException>(() => FfmpegTool.Locate(null, empty.Path));
        Assert.Contains("ffmpeg was not found", e.Message, StringComparison.Ordinal);
        Assert.Contains(empty.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", e.Message, StringComparison.Ordinal);
        Assert.Contains(FfmpegTool.EnvironmentVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_configured_path_is_named()
    {
        var e = Assert.Throws<FfmpegException>(() => FfmpegTool.Locate("/no/such/dir/ffmpeg", "/usr/bin"));
        Assert.Contains("/no/such/dir/ffmpeg", e.Message, StringComparison.Ordinal);
        Assert.Contains(FfmpegTool.EnvironmentVariable, e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Something_that_is_not_ffmpeg_is_refused()
    {
        Skip.IfNot(File.Exists("/bin/true") && File.Exists("/bin/false"), "needs /bin/true and /bin/false");
        Assert.Contains("does not look like ffmpeg", Assert.Throws<FfmpegException>(() => FfmpegTool.Locate("/bin/true", null)).Message, StringComparison.Ordinal);
        Assert.Contains("failed on `-version`", Assert.Throws<FfmpegException>(() => FfmpegTool.Locate("/bin/false", null)).Message, StringComparison.Ordinal);
    }
}
