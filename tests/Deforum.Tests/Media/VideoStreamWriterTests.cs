using Xunit;
using Deforum.Media;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;

namespace Deforum.Tests.Media;

public class VideoStreamWriterTests
{
    static FfmpegTool Ffmpeg => FfmpegTool.Default;

    [Fact]
    public async Task Streamed_frames_become_an_mp4_with_the_same_frame_count()
    {
        using var dir = new TempFolder();
        string path = dir.File("stream.mp4");
        var reports = new List<FfmpegProgress>();
        await using (var writer = VideoStreamWriter.Start(Ffmpeg, path, 64, 64, 3, new VideoEncodeSettings(), new SynchronousProgress(reports)))
        {
            for (int t = 0; t < 30; t++) writer.WriteFrame(TestImages.Frame(t));
            Assert.False(File.Exists(path)); // only complete videos appear
            Assert.Equal(path, await writer.CompleteAsync());
            Assert.Equal(30, writer.FramesWritten);
        }
        Assert.Equal(30, (await VideoProbe.ProbeAsync(Ffmpeg, path)).FrameCount);
        Assert.Contains(reports, r => r.Finished);
        Assert.Equal(["stream.mp4"], dir.Entries());

        using var frames = new TempFolder();
        await FrameExtractor.ExtractAsync(Ffmpeg, path, frames.Path, new FrameExtractionOptions { EveryNth = 29 });
        Assert.True(TestImages.Psnr(ImageFile.Read(frames.File("00002.jpg")).Pixels, TestImages.Frame(29).Pixels) >= 30);
    }

    [Fact]
    public void Disposing_without_completing_leaves_no_file()
    {
        using var dir = new TempFolder();
        using (var writer = VideoStreamWriter.Start(Ffmpeg, dir.File("abandoned.mp4"), 64, 64, 3, new VideoEncodeSettings()))
            writer.WriteFrame(TestImages.Frame(0));
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task Wrong_frames_and_empty_videos_are_rejected()
    {
        using var dir = new TempFolder();
        await using var writer = VideoStreamWriter.Start(Ffmpeg, dir.File("v.mp4"), 64, 64, 3, new VideoEncodeSettings());
        Assert.Throws<ArgumentException>(() => writer.WriteFrame(new byte[64 * 64 * 3 - 1]));
        Assert.Throws<ArgumentException>(() => writer.WriteFrame(TestImages.Frame(0, 32, 32)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CompleteAsync());
        Assert.Throws<ObjectDisposedException>(() => writer.WriteFrame(TestImages.Frame(0)));
        Assert.Empty(dir.Entries());
        Assert.Throws<ArgumentOutOfRangeException>(() => VideoStreamWriter.Start(Ffmpeg, dir.File("w.mp4"), 64, 64, 2, new VideoEncodeSettings()));
    }

    [Fact]
    public async Task A_failing_encoder_reports_ffmpegs_words_and_leaves_nothing()
    {
        using var dir = new TempFolder();
        var e = await Assert.ThrowsAsync<FfmpegException>(async () =>
        {
            await using var writer = VideoStreamWriter.Start(Ffmpeg, dir.File("v.mp4"), 64, 64, 3, new VideoEncodeSettings { Preset = "no-such-preset" });
            for (int t = 0; t < 30; t++) writer.WriteFrame(TestImages.Frame(t));
            await writer.CompleteAsync();
        });
        Assert.Contains("no-such-preset", e.Message, StringComparison.Ordinal);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void An_unwritable_output_folder_is_named()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("blocker"), "");
        var e = Assert.Throws<IOException>(() => VideoStreamWriter.Start(Ffmpeg, dir.File("blocker/v.mp4"), 64, 64, 3, new VideoEncodeSettings()));
        Assert.Contains(dir.File("blocker"), e.Message, StringComparison.Ordinal);
        Assert.Equal(["blocker"], dir.Entries());
    }
}
