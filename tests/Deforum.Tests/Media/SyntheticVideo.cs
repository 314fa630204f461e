using Deforum.Media;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Png;
using Deforum.Media.Video;

namespace Deforum.Tests.Media;

/// <summary>30 synthetic 64×64 frames saved as a run's PNGs and encoded once into an mp4, shared by the video tests.</summary>
public sealed class SyntheticVideo : IDisposable
{
    public const int FrameCount = 30;
    public const string Timestring = "20221001120000";
    readonly TempFolder _folder = new();

    public SyntheticVideo()
    {
        Frames = Enumerable.Range(0, FrameCount).Select(t => TestImages.Frame(t)).ToList();
        for (int t = 0; t < FrameCount; t++)
            ImageFile.WritePng(Path.Combine(_folder.Path, $"{Timestring}_{t:00000}.png"), Frames[t], PngEncodeOptions.Fast);
        Sequence = FrameSequence.ForRun(_folder.Path, Timestring, FrameCount);
        var reports = new List<FfmpegProgress>();
        Mp4Path = VideoEncoder.EncodeFramesAsync(FfmpegTool.Default, Sequence, _folder.File($"{Timestring}.mp4"),
            new VideoEncodeSettings(), new SynchronousProgress(reports)).GetAwaiter().GetResult();
        Progress = reports;
    }

    public IReadOnlyList<ImageBuffer<byte>> Frames { get; }
    public FrameSequence Sequence { get; }
    public string Mp4Path { get; }
    public IReadOnlyList<FfmpegProgress> Progress { get; }

    /// <summary>Everything in the frames folder (to prove no temporary file was left behind).</summary>
    public string[] FolderEntries => _folder.Entries();

    public void Dispose() => _folder.Dispose();
}

/// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
public sealed class SynchronousProgress(List<FfmpegProgress> reports) : IProgress<FfmpegProgress>
{
    public void Report(FfmpegProgress value)
    {
        lock (reports) reports.Add(value);
    }
}
