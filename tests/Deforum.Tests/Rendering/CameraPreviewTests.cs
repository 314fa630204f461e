using Deforum.Media;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Tests.Media;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Rendering;

public class CameraPreviewTests
{
    static PreparedRun Run(string mode) => RunPreparation.Prepare(SettingsFile.Read($$"""
        { "W": 64, "H": 64, "animation_mode": "{{mode}}", "max_frames": 6, "zoom": "0:(1.1)", "translation_z": "0:(5)", "prompts": { "0": "x" } }
        """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    static Tensor Image() => Tensor.From<byte>([.. Enumerable.Range(0, 32 * 48 * 3).Select(i => (byte)(i * 7 % 251))], [32, 48, 3]);

    [Theory]
    [InlineData("2D")]
    [InlineData("3D")]
    public async Task Every_frame_of_the_schedule_goes_into_the_video_at_the_run_size(string mode)
    {
        using var folder = new TempFolder();
        using var scope = DisposeScope.Begin();
        var reported = new List<int>();

        var path = await CameraPreview.WriteVideoAsync(Run(mode), Image(), folder.File("preview.mp4"), 12, progress: new InlineIntProgress(reported.Add));

        Assert.Equal(new VideoInfo(64, 64, 12, 6), await VideoProbe.ProbeAsync(FfmpegTool.Default, path));
        Assert.Equal([1, 2, 3, 4, 5, 6], reported);
    }

    [Fact]
    public async Task Ping_pong_plays_the_frames_forward_then_back_and_leaves_only_the_video()
    {
        using var folder = new TempFolder();
        using var scope = DisposeScope.Begin();

        var path = await CameraPreview.WriteVideoAsync(Run("2D"), Image(), folder.File("loop.mp4"), 12, pingPong: true);

        Assert.Equal(new VideoInfo(64, 64, 12, 10), await VideoProbe.ProbeAsync(FfmpegTool.Default, path));
        // each frame of the way back is, by a clear margin, the decoded forward frame it repeats
        var decoded = folder.File("decoded");
        await FrameExtractor.ExtractAsync(FfmpegTool.Default, path, decoded);
        var frames = Enumerable.Range(1, 10).Select(n => ImageFile.Read(Path.Combine(decoded, $"{n:00000}.jpg")).Pixels).ToArray();
        int[] order = [.. PingPongOrder.Of(6)];
        for (int k = 6; k < 10; k++)
        {
            var psnr = Enumerable.Range(0, 6).Select(t => TestImages.Psnr(frames[k], frames[t])).ToArray();
            int best = Array.IndexOf(psnr, psnr.Max());
            Assert.True(best == order[k] && psnr[best] - psnr.Where((_, t) => t != best).Max() >= MatchMarginDb,
                $"loop frame {k}: closest forward frame {best} ({psnr[best]:F1} dB), expected {order[k]}");
        }
        Assert.Equal(["decoded", "loop.mp4"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>Consecutive frames of a 1.1× zoom differ by far more than a re-encode of the same frame does.</summary>
    const double MatchMarginDb = 3;

    [Fact]
    public async Task A_mode_without_camera_motion_names_animation_mode()
    {
        using var folder = new TempFolder();
        using var scope = DisposeScope.Begin();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => CameraPreview.WriteVideoAsync(Run("None"), Image(), folder.File("p.mp4"), 12));
        Assert.Contains("animation_mode 'None'", e.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    sealed class InlineIntProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
