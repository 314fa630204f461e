using System.CommandLine;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Outputs;
using Deforum.Rendering;
using Deforum.Settings;

namespace Deforum.Cli;

/// <summary>`deforum video RUN_SETTINGS`: the create-video cell for a finished (or stopped) run, named by its settings file (its side-by-side video too, where vr_mode wrote eye views).</summary>
internal static class VideoCommand
{
    public static Command Create()
    {
        var settings = new Argument<FileInfo>("run") { Description = "the run's {timestring}_settings.txt; its frames {timestring}_%05d.png sit beside it" };
        var fps = new Option<double>("--fps") { Description = "frames per second", DefaultValueFactory = _ => 12 };
        var maxFrames = new Option<int?>("--max-frames") { Description = "use only the first N frames" };
        var soundtrack = new Option<FileInfo?>("--soundtrack") { Description = "an audio file to mux in (the video is cut to the shorter)" };
        var gif = new Option<bool>("--gif") { Description = "also write a GIF preview" };
        var pingPong = new Option<bool?>("--ping-pong")
        {
            Description = "play the frames forward then backward, so the mp4 and GIF loop seamlessly (default: the run's ping_pong setting)",
        };
        var cmd = new Command("video", "Make the mp4 (and optionally a GIF) of a run's frames, as the create-video cell does, and the side-by-side mp4 of vr_mode's eye views.")
        {
            settings, fps, maxFrames, soundtrack, gif, pingPong,
        };
        cmd.SetAction((parse, token) => RunAsync(parse.GetValue(settings)!, parse.GetValue(fps), parse.GetValue(maxFrames),
            parse.GetValue(soundtrack), parse.GetValue(gif), parse.GetValue(pingPong), token));
        return cmd;
    }

    static async Task<int> RunAsync(FileInfo run, double fps, int? maxFrames, FileInfo? soundtrack, bool gif, bool? pingPong,
        CancellationToken cancellationToken)
    {
        if (OutputPaths.TimestringOfSettingsFile(run.Name) is not { } timestring)
        {
            Console.Error.WriteLine($"deforum video: '{run.Name}' is not a run's settings file; pass the {OutputPaths.SettingsFile("{timestring}")} written beside its frames");
            return 2;
        }
        string folder = run.DirectoryName ?? ".";
        try
        {
            bool playPingPong = pingPong ?? RunPingPong(run);
            var videos = await RunVideos.CreateAsync(folder, timestring, new VideoEncodeSettings { Fps = fps, SoundtrackPath = soundtrack?.FullName },
                playPingPong, maxFrames, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"video: {videos.Video}");
            if (videos.StereoVideo is not null) Console.WriteLine($"side-by-side video: {videos.StereoVideo}");
            var frames = FrameSequence.ForRun(folder, timestring, maxFrames) with { PingPong = playPingPong };
            if (gif)
                Console.WriteLine($"gif: {await VideoEncoder.CreateGifAsync(FfmpegTool.Default, frames, Path.Combine(folder, $"{timestring}.gif"), fps,
                    cancellationToken: cancellationToken).ConfigureAwait(false)}");
            return 0;
        }
        catch (SettingsException e)
        {
            Console.Error.WriteLine($"deforum video: {run.FullName} needs fixing, or say --ping-pong true|false:{Environment.NewLine}{e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or ArgumentException or FfmpegException)
        {
            Console.Error.WriteLine($"deforum video: {e.Message}");
            return 1;
        }
    }

    /// <summary>The run's own ping_pong: its settings file is read only for it (a missing file keeps the default, off).</summary>
    static bool RunPingPong(FileInfo run) => run.Exists && SettingsFile.Load(run.FullName).Settings.Video.PingPong;
}
