using System.CommandLine;
using Deforum.Animation;
using Deforum.Media;
using Deforum.Media.Video;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Cli;

/// <summary>`deforum preview SETTINGS`: the run's camera motion on one image, as an mp4, in seconds and without a model.</summary>
internal static class PreviewCommand
{
    const int CheckerCell = 32;

    public static Command Create()
    {
        var settings = new Argument<FileInfo>("settings") { Description = "a *_settings.txt file (JSON) with a 2D or 3D animation" };
        var image = new Option<FileInfo?>("--image") { Description = "the start image (default: a checkerboard, which shows motion well)" };
        var output = new Option<string?>("--output") { Description = "the mp4 to write (default: preview.mp4 beside the settings file)" };
        var fps = new Option<double>("--fps") { Description = "frames per second", DefaultValueFactory = _ => 12 };
        var pingPong = new Option<bool?>("--ping-pong")
        {
            Description = "play the motion forward then backward, so the preview loops seamlessly (default: the file's ping_pong setting)",
        };
        var cmd = new Command("preview", "Apply a settings file's camera motion to an image, with no diffusion, and write it as an mp4.")
        {
            settings, image, output, fps, pingPong,
        };
        cmd.SetAction((parse, token) => RunAsync(parse.GetValue(settings)!, parse.GetValue(image), parse.GetValue(output), parse.GetValue(fps),
            parse.GetValue(pingPong), token));
        return cmd;
    }

    static async Task<int> RunAsync(FileInfo settingsFile, FileInfo? imageFile, string? output, double fps, bool? pingPong,
        CancellationToken cancellationToken)
    {
        try
        {
            var run = RunPreparation.Prepare(SettingsFile.Load(settingsFile.FullName).Settings, RunContext.Now());
            var g = run.Settings.Generation;
            using var scope = DisposeScope.Begin();
            var start = imageFile is null ? Checkerboard(g.W, g.H) : FrameConversions.FromImageBuffer(ImageFile.Read(imageFile.FullName));
            var path = output ?? Path.Combine(settingsFile.DirectoryName ?? ".", "preview.mp4");
            bool loop = pingPong ?? run.Settings.Video.PingPong;
            var video = await CameraPreview.WriteVideoAsync(run, start, path, fps, loop, cancellationToken: cancellationToken).ConfigureAwait(false);
            int frames = run.Settings.Animation.MaxFrames;
            Console.WriteLine(loop
                ? $"preview: {video} ({frames} frames forward then back: {PingPongOrder.Length(frames)} in the loop)"
                : $"preview: {video} ({frames} frames)");
            return 0;
        }
        catch (SettingsException e)
        {
            Console.Error.WriteLine($"deforum preview: the settings need fixing:{Environment.NewLine}{e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or ArgumentException or Media.Ffmpeg.FfmpegException)
        {
            Console.Error.WriteLine($"deforum preview: {e.Message}");
            return 1;
        }
    }

    static Tensor Checkerboard(int w, int h)
    {
        var pixels = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                byte v = ((x / CheckerCell) + (y / CheckerCell)) % 2 == 0 ? (byte)230 : (byte)40;
                pixels[(y * w + x) * 3] = v;
                pixels[(y * w + x) * 3 + 1] = (byte)(x * 255 / Math.Max(1, w - 1));
                pixels[(y * w + x) * 3 + 2] = (byte)(y * 255 / Math.Max(1, h - 1));
            }
        return Tensor.From<byte>(pixels, [h, w, 3]);
    }
}
