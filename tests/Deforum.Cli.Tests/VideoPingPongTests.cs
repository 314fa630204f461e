using Deforum.Media;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Xunit;

namespace Deforum.Cli.Tests;

/// <summary>`deforum video` and `deforum run --plan` with ping-pong: the option, the run's setting, and the videos' lengths.</summary>
public sealed class VideoPingPongTests : IDisposable
{
    const string Timestring = "20240501120000";
    const int Frames = 5;
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-pingpong-").FullName;

    static Task<(int Code, string Out, string Err)> Deforum(params string[] args) => InProcessCli.RunAsync(args);

    /// <summary>A run's folder: five flat grey frames and its settings file.</summary>
    string Run(string settingsJson)
    {
        for (int t = 0; t < Frames; t++)
        {
            var image = new ImageBuffer<byte>(64, 64, 3);
            Array.Fill(image.Pixels, (byte)(40 * t));
            ImageFile.WritePng(Path.Combine(_dir, $"{Timestring}_{t:00000}.png"), image);
        }
        var settings = Path.Combine(_dir, $"{Timestring}_settings.txt");
        File.WriteAllText(settings, settingsJson);
        return settings;
    }

    static async Task<int> FrameCount(string file) => (await VideoProbe.ProbeAsync(FfmpegTool.Default, file)).FrameCount;

    string Mp4 => Path.Combine(_dir, $"{Timestring}.mp4");
    string Gif => Path.Combine(_dir, $"{Timestring}.gif");

    [Fact]
    public async Task The_option_plays_the_mp4_and_the_gif_there_and_back()
    {
        var run = Run("""{ "animation_mode": "2D" }""");

        var (code, stdout, stderr) = await Deforum("video", run, "--ping-pong", "--gif");

        Assert.True(code == 0, stderr);
        Assert.Contains(Mp4, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("side-by-side", stdout, StringComparison.Ordinal); // no vr_mode eye views here
        Assert.Equal((8, 8), (await FrameCount(Mp4), await FrameCount(Gif)));
    }

    [Fact]
    public async Task The_runs_setting_is_the_default_and_the_option_overrides_it()
    {
        var run = Run("""{ "animation_mode": "2D", "ping_pong": true }""");

        var (code, _, stderr) = await Deforum("video", run);
        Assert.True(code == 0, stderr);
        Assert.Equal(8, await FrameCount(Mp4));

        (code, _, stderr) = await Deforum("video", run, "--ping-pong", "false");
        Assert.True(code == 0, stderr);
        Assert.Equal(Frames, await FrameCount(Mp4));
    }

    [Fact]
    public async Task A_run_setting_that_is_not_true_or_false_is_named_and_the_option_gets_past_it()
    {
        var run = Run("""{ "animation_mode": "2D", "ping_pong": "yes" }""");

        var (code, _, stderr) = await Deforum("video", run);
        var (code2, _, stderr2) = await Deforum("video", run, "--ping-pong", "true");

        Assert.Equal(2, code);
        Assert.Contains("ping_pong: expected true or false (found '\"yes\"')", stderr, StringComparison.Ordinal);
        Assert.Contains("--ping-pong true|false", stderr, StringComparison.Ordinal);
        Assert.True(code2 == 0, stderr2);
    }

    [Fact]
    public async Task The_plan_says_how_long_the_ping_pong_video_is()
    {
        var settings = Path.Combine(_dir, "loop.txt");
        File.WriteAllText(settings, """{ "animation_mode": "2D", "max_frames": 24, "ping_pong": true, "prompts": { "0": "a kite" } }""");

        var (code, stdout, stderr) = await Deforum("run", settings, "--plan", "--fps", "8");

        Assert.True(code == 0, stderr);
        Assert.Contains("note: ping_pong: the video plays the 24 frames forward, then 22 back: 46 frames, 5.75 s at 8 fps, looping seamlessly",
            stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
