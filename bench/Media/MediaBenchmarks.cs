using Deforum.Media;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Png;
using Deforum.Media.Video;

namespace Deforum.Bench.Media;

/// <summary>PNG codec and streaming video encode at the SD 1.x frame size (512×512 RGB).</summary>
public sealed class MediaBenchmarks : IBenchmarkSet
{
    const int Size = 512, StreamFrames = 24;

    public IEnumerable<Benchmark> Create()
    {
        var frame = Frame(0);
        byte[] png = PngEncoder.Encode(frame);
        yield return new CodecBenchmark("png-encode-512", "PNG encode, 512x512 RGB, zlib level 6, adaptive filters", () => PngEncoder.Encode(frame));
        yield return new CodecBenchmark("png-decode-512", "PNG decode, 512x512 RGB (the png-encode-512 output)", () => PngDecoder.Decode(png));
        yield return new StreamBenchmark();
    }

    /// <summary>A smooth moving pattern with mild noise: closer to a diffused frame than pure noise or flat colour.</summary>
    static ImageBuffer<byte> Frame(int t)
    {
        var image = new ImageBuffer<byte>(Size, Size, 3);
        var rng = new Random(t);
        for (int y = 0; y < Size; y++)
        {
            var row = image.Row(y);
            for (int x = 0; x < Size; x++)
            {
                row[3 * x] = (byte)(120 + 100 * Math.Sin((x + 3 * t) * 0.02) + rng.Next(8));
                row[3 * x + 1] = (byte)(120 + 100 * Math.Cos((y - t) * 0.017) + rng.Next(8));
                row[3 * x + 2] = (byte)(120 + 100 * Math.Sin((x + y) * 0.011 + t * 0.1) + rng.Next(8));
            }
        }
        return image;
    }

    /// <summary>Millisecond-scale codec calls: enough warm-up for tiered JIT to reach optimised code, enough runs for a stable median.</summary>
    sealed class CodecBenchmark(string name, string description, Action run) : Benchmark(name, description)
    {
        public override int WarmupRuns => 10;
        public override int TimedRuns => 21;
        public override void Run() => run();
    }

    /// <summary>One run = one ffmpeg process fed <see cref="StreamFrames"/> frames and finished; reports ms per frame.</summary>
    sealed class StreamBenchmark() : Benchmark("video-stream-512", $"ms per 512x512 frame piped to ffmpeg (libx264 crf 17 veryfast), {StreamFrames} frames per run")
    {
        readonly string _folder = Path.Combine(Path.GetTempPath(), $"deforum-bench-{Guid.NewGuid():N}");
        ImageBuffer<byte>[] _frames = [];

        public override int TimedRuns => 3;

        public override void Setup() => _frames = Enumerable.Range(0, StreamFrames).Select(Frame).ToArray();

        public override void Run()
        {
            using var writer = VideoStreamWriter.Start(FfmpegTool.Default, Path.Combine(_folder, "bench.mp4"), Size, Size, 3, new VideoEncodeSettings());
            foreach (var f in _frames) writer.WriteFrame(f);
            writer.CompleteAsync().GetAwaiter().GetResult();
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) =>
            new Dictionary<string, object> { ["ms_per_frame"] = Math.Round(medianMs / StreamFrames, 3), ["frames_per_run"] = StreamFrames };

        public override void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
            base.Dispose();
        }
    }
}
