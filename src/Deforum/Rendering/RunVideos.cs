using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Outputs;

namespace Deforum.Rendering;

/// <summary>The videos the create-video cell made of a run's folder: the mp4 of its frames, and the side-by-side one where there are eye views.</summary>
public sealed record RunVideoFiles(string Video, string? StereoVideo);

/// <summary>
/// The create-video cell for one run's folder, shared by the run itself, `deforum video` and the notebook: the mp4 of
/// <c>{timestring}_%05d.png</c> and, where vr_mode wrote <c>{timestring}_%05d_sbs.png</c>, the <c>_sbs.mp4</c> of
/// those, with the same frames, order, rate and soundtrack.
/// </summary>
public static class RunVideos
{
    public static async Task<RunVideoFiles> CreateAsync(string outdir, string timestring, VideoEncodeSettings encoding, bool pingPong,
        int? maxFrames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var video = await VideoEncoder.EncodeFramesAsync(FfmpegTool.Default, FrameSequence.ForRun(outdir, timestring, maxFrames) with { PingPong = pingPong },
            Path.Combine(outdir, OutputPaths.VideoFile(timestring)), encoding, cancellationToken: cancellationToken).ConfigureAwait(false);
        var stereo = new FrameSequence(Path.Combine(outdir, OutputPaths.StereoFramePattern(timestring)), 0, maxFrames) { PingPong = pingPong };
        if (!File.Exists(stereo.PathOf(0))) return new(video, null);
        var stereoVideo = await VideoEncoder.EncodeFramesAsync(FfmpegTool.Default, stereo,
            Path.Combine(outdir, OutputPaths.StereoVideoFile(timestring)), encoding, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new(video, stereoVideo);
    }
}
