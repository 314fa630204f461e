using Deforum.Media;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Png;
using Deforum.Media.Video;
using Xunit;

namespace Deforum.Tests.Media;

/// <summary>Ping-pong videos: the play order, the files ffmpeg reads, and the decoded mp4 and GIF.</summary>
public class PingPongTests(SyntheticVideo video) : IClassFixture<SyntheticVideo>
{
    static FfmpegTool Ffmpeg => FfmpegTool.Default;

    /// <summary>A codec's frame is still far nearer its own source than a neighbour (the synthetic frames move 2 px a frame).</summary>
    const double MatchMarginDb = 3;

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(1, new[] { 0 })]
    [InlineData(2, new[] { 0, 1 })]
    [InlineData(3, new[] { 0, 1, 2, 1 })]
    [InlineData(5, new[] { 0, 1, 2, 3, 4, 3, 2, 1 })]
    public void The_order_goes_there_and_back_without_repeating_either_end(int frames, int[] order)
    {
        Assert.Equal(order, PingPongOrder.Of(frames));
        Assert.Equal(order.Length, PingPongOrder.Length(frames));
    }

    [Fact]
    public void A_negative_frame_count_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PingPongOrder.Length(-1));

    [Fact]
    public void The_played_files_are_the_unbroken_run_capped_at_max_frames()
    {
        using var dir = new TempFolder();
        foreach (int n in new[] { 0, 1, 2, 4 }) File.WriteAllText(dir.File($"f_{n:00000}.png"), "");
        var frames = new FrameSequence(dir.File("f_%05d.png"));

        Assert.Equal([0, 1, 2], frames.PlayedFiles().Select(Number));
        Assert.Equal([0, 1, 2, 1], (frames with { PingPong = true }).PlayedFiles().Select(Number));
        Assert.Equal([0, 1], (frames with { PingPong = true, MaxFrames = 2 }).PlayedFiles().Select(Number));
        Assert.Equal([1, 2], (frames with { StartNumber = 1 }).PlayedFiles().Select(Number));

        static int Number(string file) => int.Parse(Path.GetFileNameWithoutExtension(file)[2..]);
    }

    [Fact]
    public async Task The_mp4_plays_each_frame_in_ping_pong_order()
    {
        using var dir = new TempFolder();
        var frames = video.Sequence with { MaxFrames = 8, PingPong = true };

        string mp4 = await VideoEncoder.EncodeFramesAsync(Ffmpeg, frames, dir.File("loop.mp4"), new VideoEncodeSettings());

        Assert.Equal(new VideoInfo(64, 64, 12, 14), await VideoProbe.ProbeAsync(Ffmpeg, mp4));
        await AssertPlaysAsync(mp4, [.. PingPongOrder.Of(8)], dir);
        Assert.Equal(["loop.mp4"], dir.Entries().Where(e => !e.StartsWith("decoded", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_gif_plays_in_ping_pong_order_with_its_palette()
    {
        using var dir = new TempFolder();

        string gif = await VideoEncoder.CreateGifAsync(Ffmpeg, video.Sequence with { MaxFrames = 6, PingPong = true }, dir.File("loop.gif"), fps: 12);

        Assert.Equal("GIF89a"u8.ToArray(), File.ReadAllBytes(gif)[..6]);
        Assert.Equal(10, (await VideoProbe.ProbeAsync(Ffmpeg, gif)).FrameCount);
        await AssertPlaysAsync(gif, [.. PingPongOrder.Of(6)], dir);
    }

    [Fact]
    public async Task A_folder_with_a_quote_and_spaces_is_read_and_nothing_is_left_behind()
    {
        using var dir = new TempFolder();
        var folder = Directory.CreateDirectory(dir.File("it's a run")).FullName;
        for (int t = 0; t < 3; t++) ImageFile.WritePng(Path.Combine(folder, $"r_{t:00000}.png"), TestImages.Frame(t), PngEncodeOptions.Fast);
        var frames = new FrameSequence(Path.Combine(folder, "r_%05d.png")) { PingPong = true };

        string mp4 = await VideoEncoder.EncodeFramesAsync(Ffmpeg, frames, Path.Combine(folder, "v.mp4"), new VideoEncodeSettings());

        Assert.Equal(4, (await VideoProbe.ProbeAsync(Ffmpeg, mp4)).FrameCount);
        Assert.Equal(["r_00000.png", "r_00001.png", "r_00002.png", "v.mp4"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_failed_or_cancelled_ping_pong_encode_leaves_no_list_or_video()
    {
        using var dir = new TempFolder();
        var frames = video.Sequence with { MaxFrames = 4, PingPong = true };

        await Assert.ThrowsAsync<FfmpegException>(() =>
            VideoEncoder.EncodeFramesAsync(Ffmpeg, frames, dir.File("v.mp4"), new VideoEncodeSettings { Preset = "no-such-preset" }));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            VideoEncoder.CreateGifAsync(Ffmpeg, frames, dir.File("v.gif"), 12, cancellationToken: cancelled.Token));

        Assert.Empty(dir.Entries());
    }

    /// <summary>Decodes every frame and checks that frame k is, by a clear margin, the source frame <paramref name="order"/>[k].</summary>
    async Task AssertPlaysAsync(string file, int[] order, TempFolder dir)
    {
        var decoded = Path.Combine(dir.Path, "decoded-" + Path.GetFileName(file));
        Assert.Equal(order.Length, await FrameExtractor.ExtractAsync(Ffmpeg, file, decoded));
        for (int k = 0; k < order.Length; k++)
        {
            var pixels = ImageFile.Read(Path.Combine(decoded, $"{k + 1:00000}.jpg")).Pixels; // RGB, as the sources
            var psnr = Enumerable.Range(0, order.Max() + 1).Select(t => TestImages.Psnr(pixels, video.Frames[t].Pixels)).ToArray();
            int best = Array.IndexOf(psnr, psnr.Max());
            double runnerUp = psnr.Where((_, t) => t != best).DefaultIfEmpty(0).Max();
            Assert.True(best == order[k] && psnr[best] - runnerUp >= MatchMarginDb,
                $"{Path.GetFileName(file)} frame {k}: best source {best} ({psnr[best]:F1} dB, next {runnerUp:F1} dB), expected {order[k]}");
        }
    }
}
