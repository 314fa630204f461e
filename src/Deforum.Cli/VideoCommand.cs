using System.CommandLine;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Outputs;

namespace Deforum.Cli;

/// <summary>`deforum video RUN_SETTINGS`: the create-video cell for a finished (or stopped) run, named by its settings file.</summary>
internal static class VideoCommand
{
    public static Command Create()
    {
        var settings = new Argument<FileInfo>("run") { Description = "the run's {timestring}_settings.txt; its frames {timestring}_%05d.png sit beside it" };
        var fps = new Option<double>("--fps") { Description = "frames per second", DefaultValueFactory = _ => 12 };
        var maxFrames = new Option<int?>("--max-frames") { Description = "use only the first N frames" };
        var soundtrack = new Option<FileInfo?>("--soundtrack") { Description = "an audio file to mux in (the video is cut to the shorter)" };
        var gif = new Option<bool>("--gif") { Description = "also write a GIF preview" };
        var cmd = new Command("video", "Make the mp4 (and optionally a GIF) of a run's frames, as the create-video cell does.")
        {
            settings, fps, maxFrames, soundtrack, gif,
        };
        cmd.SetAction((parse, token) => RunAsync(parse.GetValue(settings)!, parse.GetValue(fps), parse.GetValue(maxFrames),
            parse.GetValue(soundtrack), parse.GetValue(gif), token));
        return cmd;
    }

    static async Task<int> RunAsync(FileInfo run, double fps, int? maxFrames, FileInfo? soundtrack, bool gif, CancellationToken cancellationToken)
    {
        if (OutputPaths.TimestringOfSettingsFile(run.Name) is not { } timestring)
        {
            Console.Error.WriteLine($"deforum video: '{run.Name}' is not a run's settings file; pass the {OutputPaths.SettingsFile("{timestring}")} written beside its frames");
            return 2;
        }
        string folder = run.DirectoryName ?? ".";
        var frames = FrameSequence.ForRun(folder, timestring, maxFrames);
        try
        {
            var mp4 = await VideoEncoder.EncodeFramesAsync(FfmpegTool.Default, frames, Path.Combine(folder, OutputPaths.VideoFile(timestring)),
                new VideoEncodeSettings { Fps = fps, SoundtrackPath = soundtrack?.FullName }, cancellationToken: cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"video: {mp4}");
            if (gif)
                Console.WriteLine($"gif: {await VideoEncoder.CreateGifAsync(FfmpegTool.Default, frames, Path.Combine(folder, $"{timestring}.gif"), fps,
                    cancellationToken: cancellationToken).ConfigureAwait(false)}");
            return 0;
        }
        catch (Exception e) when (e is IOException or ArgumentException or FfmpegException)
        {
            Console.Error.WriteLine($"deforum video: {e.Message}");
            return 1;
        }
    }
}
