using Deforum.Animation.Filters;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Planning;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// A 2D/3D run's camera path with no diffusion: the render's own warps (its border, padding and sampling settings;
/// constant depth in 3D) applied frame after frame to one image and streamed into an mp4, so motion schedules can be
/// checked in seconds before any GPU time is spent. Ping-pong plays them forward then back (<see cref="PingPongOrder"/>),
/// as the run's video would; the way back is read from a spill file, not recomputed or held in memory.
/// </summary>
public static class CameraPreview
{
    /// <param name="image">The start image, H×W×3 uint8; resized to W×H with Lanczos as an init image is.</param>
    /// <exception cref="ArgumentException">A mode without camera motion (None, Video Input, Interpolation).</exception>
    public static async Task<string> WriteVideoAsync(PreparedRun run, Tensor image, string outputPath, double fps, bool pingPong = false,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(image);
        var a = run.Settings.Animation;
        if (a.AnimationMode is not (AnimationModes.TwoD or AnimationModes.ThreeD) || run.Schedules is null)
            throw new ArgumentException($"animation_mode '{a.AnimationMode}' has no camera motion to preview; use '2D' or '3D'", nameof(run));
        int w = run.Settings.Generation.W, h = run.Settings.Generation.H;
        var warper = new FrameWarper(a);
        await using var video = VideoStreamWriter.Start(FfmpegTool.Default, outputPath, w, h, 3, new VideoEncodeSettings { Fps = fps });
        using var spill = pingPong ? FrameSpill.Create(outputPath, w * h * 3) : null;
        var current = DisposeScope.Detach(PillowResize.Resize(image, w, h, PillowFilter.Lanczos)); // [H, W, 3]
        try
        {
            for (int f = 0; f < a.MaxFrames; f++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (f > 0)
                {
                    // frame f is the previous one moved by frame f's motion, as in the render loop
                    using var scope = DisposeScope.Begin();
                    var next = DisposeScope.Detach(warper.Warp(current, FrameMotion.At(run.Schedules, f), depth: null));
                    current.Dispose();
                    current = next;
                }
                using (DisposeScope.Begin())
                {
                    var pixels = current.Contiguous().ToArray<byte>();
                    video.WriteFrame(pixels);
                    spill?.Add(pixels);
                }
                progress?.Report(f + 1);
            }
            foreach (int f in spill is null ? [] : PingPongOrder.Of(a.MaxFrames).Skip(a.MaxFrames))
            {
                cancellationToken.ThrowIfCancellationRequested();
                video.WriteFrame(spill!.Read(f));
            }
        }
        finally
        {
            current.Dispose();
        }
        return await video.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
