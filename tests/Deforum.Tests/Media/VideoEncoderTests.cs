using Xunit;
using Deforum.Media;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;

namespace Deforum.Tests.Media;

public class VideoEncoderTests(SyntheticVideo video) : IClassFixture<SyntheticVideo>
{
    static FfmpegTool Ffmpeg => FfmpegTool.Default;

    [Fact]
    public async Task Frames_folder_becomes_an_mp4_with_every_frame()
    {
        var info = await VideoProbe.ProbeAsync(Ffmpeg, video.Mp4Path);
        Assert.Equal(new VideoInfo(64, 64, 12, SyntheticVideo.FrameCount), info);
        Assert.Contains(video.Progress, p => p.Finished && p.Frame == SyntheticVideo.FrameCount);
        Assert.DoesNotContain(video.FolderEntries, e => e.StartsWith('.'));
    }

    [Fact]
    public async Task Extracted_frames_match_the_source_frames()
    {
        using var dir = new TempFolder();
        int count = await FrameExtractor.ExtractAsync(Ffmpeg, video.Mp4Path, dir.Path);
        Assert.Equal(SyntheticVideo.FrameCount, count);
        Assert.Equal(Enumerable.Range(1, SyntheticVideo.FrameCount).Select(n => $"{n:00000}.jpg"), dir.Entries());
        for (int t = 0; t < SyntheticVideo.FrameCount; t += 7)
        {
            double psnr = TestImages.Psnr(ImageFile.Read(dir.File($"{t + 1:00000}.jpg")).Pixels, video.Frames[t].Pixels);
            Assert.True(psnr >= 30, $"frame {t}: PSNR {psnr:F1} dB < 30 dB");
        }
    }

    [Fact]
    public async Task Every_nth_frame_keeps_decode_indices_0_n_2n()
    {
        using var dir = new TempFolder();
        int count = await FrameExtractor.ExtractAsync(Ffmpeg, video.Mp4Path, dir.Path, new FrameExtractionOptions { EveryNth = 4 });
        Assert.Equal(8, count); // indices 0, 4, …, 28
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"{n:00000}.jpg"), dir.Entries());
        var third = ImageFile.Read(dir.File("00003.jpg")).Pixels;
        Assert.True(TestImages.Psnr(third, video.Frames[8].Pixels) >= 30, "00003.jpg should be source frame 8");
    }

    [Fact]
    public async Task Overwrite_replaces_stale_frames_and_reuse_keeps_them()
    {
        using var dir = new TempFolder();
        Assert.Equal(30, await FrameExtractor.ExtractAsync(Ffmpeg, video.Mp4Path, dir.Path));
        // A shorter re-extraction must not count frames left from the longer one.
        Assert.Equal(10, await FrameExtractor.ExtractAsync(Ffmpeg, video.Mp4Path, dir.Path, new FrameExtractionOptions { EveryNth = 3 }));
        Assert.Equal(10, dir.Entries().Length);
        var stamp = File.GetLastWriteTimeUtc(dir.File("00001.jpg"));
        Assert.Equal(10, await FrameExtractor.ExtractAsync(Ffmpeg, video.Mp4Path, dir.Path, new FrameExtractionOptions { Overwrite = false }));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(dir.File("00001.jpg")));
        // 0.4's naming.
        using var old = new TempFolder();
        await FrameExtractor.ExtractAsync(Ffmpeg, video.Mp4Path, old.Path, new FrameExtractionOptions { EveryNth = 10, NamePattern = "%04d.jpg" });
        Assert.Equal(["0001.jpg", "0002.jpg", "0003.jpg"], old.Entries());
    }

    [Fact]
    public async Task An_unreadable_video_fails_clearly_and_leaves_old_frames_alone()
    {
        using var dir = new TempFolder();
        string bogus = dir.File("clip.mp4");
        File.WriteAllText(bogus, "not a video");
        string frames = dir.File("inputframes");
        Directory.CreateDirectory(frames);
        File.WriteAllText(Path.Combine(frames, "00001.jpg"), "old");
        var e = await Assert.ThrowsAsync<FfmpegException>(() => FrameExtractor.ExtractAsync(Ffmpeg, bogus, frames));
        Assert.Contains(bogus, e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(e.StderrTail);
        Assert.Equal([Path.Combine("inputframes", "00001.jpg")], dir.Entries("inputframes").Select(p => p));
        var probe = await Assert.ThrowsAsync<FfmpegException>(() => VideoProbe.ProbeAsync(Ffmpeg, bogus));
        Assert.Contains(bogus, probe.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_video_names_the_path()
    {
        using var dir = new TempFolder();
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => FrameExtractor.ExtractAsync(Ffmpeg, dir.File("gone.mp4"), dir.File("out")));
        Assert.Contains(dir.File("gone.mp4"), e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FileNotFoundException>(() => VideoProbe.ProbeAsync(Ffmpeg, dir.File("gone.mp4")));
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task Gif_preview_is_written()
    {
        using var dir = new TempFolder();
        string gif = await VideoEncoder.CreateGifAsync(Ffmpeg, video.Sequence with { MaxFrames = 6 }, dir.File("preview.gif"), fps: 12);
        Assert.Equal("GIF89a"u8.ToArray(), File.ReadAllBytes(gif)[..6]);
        Assert.Equal(6, (await VideoProbe.ProbeAsync(Ffmpeg, gif)).FrameCount);
        Assert.Equal(["preview.gif"], dir.Entries());
    }

    [Fact]
    public async Task Soundtrack_is_muxed_as_aac()
    {
        using var dir = new TempFolder();
        string wav = dir.File("music.wav");
        FfmpegCli.MustRun("-f", "lavfi", "-i", "sine=frequency=440:duration=5", wav);
        string mp4 = await VideoEncoder.EncodeFramesAsync(Ffmpeg, video.Sequence, dir.File("with-sound.mp4"), new VideoEncodeSettings { SoundtrackPath = wav });
        var (_, _, description) = FfmpegCli.Run("-i", mp4);
        Assert.Contains("Audio: aac", description, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            VideoEncoder.EncodeFramesAsync(Ffmpeg, video.Sequence, dir.File("x.mp4"), new VideoEncodeSettings { SoundtrackPath = dir.File("none.wav") }));
    }

    [Fact]
    public async Task Missing_frames_are_named()
    {
        using var dir = new TempFolder();
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            VideoEncoder.EncodeFramesAsync(Ffmpeg, FrameSequence.ForRun(dir.Path, "19990101000000"), dir.File("v.mp4"), new VideoEncodeSettings()));
        Assert.Contains(dir.File("19990101000000_00000.png"), e.Message, StringComparison.Ordinal);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task An_unwritable_output_folder_is_named_and_nothing_is_left()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("blocker"), "");
        var e = await Assert.ThrowsAsync<IOException>(() =>
            VideoEncoder.EncodeFramesAsync(Ffmpeg, video.Sequence, dir.File("blocker/v.mp4"), new VideoEncodeSettings()));
        Assert.Contains("writable output folder", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => FrameExtractor.ExtractAsync(Ffmpeg, video.Mp4Path, dir.File("blocker/frames")));
        Assert.Equal(["blocker"], dir.Entries());
    }

    [Fact]
    public async Task Encoder_failure_shows_ffmpegs_words_and_cancellation_leaves_nothing()
    {
        using var dir = new TempFolder();
        var e = await Assert.ThrowsAsync<FfmpegException>(() =>
            VideoEncoder.EncodeFramesAsync(Ffmpeg, video.Sequence, dir.File("v.mp4"), new VideoEncodeSettings { Preset = "no-such-preset" }));
        Assert.Contains("no-such-preset", e.Message, StringComparison.Ordinal);
        Assert.Contains("ffmpeg said", e.Message, StringComparison.Ordinal);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            VideoEncoder.EncodeFramesAsync(Ffmpeg, video.Sequence, dir.File("v.mp4"), new VideoEncodeSettings(), cancellationToken: cancelled.Token));
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task Frame_patterns_render_like_printf()
    {
        Assert.Equal("/o/20220903000939_00007.png", FrameSequence.ForRun("/o", "20220903000939").PathOf(7));
        Assert.Equal("f12.jpg", new FrameSequence("f%d.jpg").PathOf(12));
        Assert.Throws<ArgumentException>(() => new FrameSequence("frames.png").PathOf(1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            VideoEncoder.EncodeFramesAsync(Ffmpeg, video.Sequence, "unused.mp4", new VideoEncodeSettings { Fps = 0 }));
    }
}
