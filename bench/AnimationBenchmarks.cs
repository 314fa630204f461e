using Deforum.Animation;
using Deforum.Animation.Color;
using Deforum.Animation.Warp;
using Deforum.Torch;

namespace Deforum.Bench;

/// <summary>Animation image operations at 512×512 on the CPU (issue 7).</summary>
public sealed class AnimationBenchmarks : IBenchmarkSet
{
    const int Size = 512;
    const int PreviewFrames = 30;

    static readonly MotionFrame Motion = new()
    {
        Angle = 1.5, Zoom = 1.02, TranslationX = 3, TranslationY = -2, TranslationZ = 10, RotationY = 1.5, RotationZ = 0.5, Fov = 40,
    };

    public IEnumerable<Benchmark> Create()
    {
        Tensor? frame = null, depth = null, reference = null;
        void Setup()
        {
            using var scope = DisposeScope.Begin();
            frame = DisposeScope.Detach(Image(0));
            reference = DisposeScope.Detach(Image(40));
            depth = DisposeScope.Detach(Tensor.Linspace(1.5, 4.5, Size * Size).View(Size, Size)); // [512, 512]
        }
        void Teardown()
        {
            frame?.Dispose();
            reference?.Dispose();
            depth?.Dispose();
        }

        yield return new DelegateBenchmark("warp2d-512", "2D warp (rotate+zoom+translate, replicate) of a 512×512 uint8 frame",
            () => Once(() => Warp2D.Apply(frame!, Motion, BorderMode.Replicate)), Setup, Teardown);
        yield return new DelegateBenchmark("warp3d-512", "3D warp with a depth map, bicubic/border, 512×512 uint8",
            () => Once(() => Warp3D.Apply(frame!, depth, Motion, new Warp3DOptions())), Setup, Teardown);
        yield return new DelegateBenchmark("color-lab-512", "LAB colour coherence (OpenCV Lab + histogram matching), 512×512",
            () => Once(() => ColorCoherence.Match(frame!, reference!, ColorCoherenceMode.MatchFrame0Lab)), Setup, Teardown);
        yield return new PreviewBenchmark(() => frame!, Setup, Teardown);
    }

    static void Once(Func<Tensor> op)
    {
        using var scope = DisposeScope.Begin();
        op();
    }

    static Tensor Image(int shift)
    {
        var data = new byte[Size * Size * 3];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)((i * 31 + shift + i / (Size * 3) * 7) % 251);
        return Tensor.From<byte>(data.AsSpan(), [Size, Size, 3]);
    }

    /// <summary>motion-preview-512: 30 frames of 3D motion with constant depth; reports time per frame and frames/s.</summary>
    sealed class PreviewBenchmark(Func<Tensor> frame, Action setup, Action teardown)
        : Benchmark("motion-preview-512", $"motion preview, 3D constant depth, {PreviewFrames} frames of 512×512 per run")
    {
        readonly List<double> _cpuMs = [];

        public override void Setup() => setup();

        public override void Run()
        {
            var preview = new MotionPreview(MotionMode.ThreeD);
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            using (var scope = DisposeScope.Begin())
                foreach (var f in preview.Run(frame(), Enumerable.Repeat(Motion, PreviewFrames)))
                    _ = f;
            _cpuMs.Add((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }

        /// <summary>CPU time per frame too: on a shared, overloaded machine the wall time mostly measures the queue.</summary>
        public override IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object>
        {
            ["ms_per_frame"] = Math.Round(medianMs / PreviewFrames, 3),
            ["frames_per_s"] = Math.Round(PreviewFrames * 1000 / medianMs, 1),
            ["cpu_ms_per_frame"] = Math.Round(_cpuMs.Order().ElementAt(_cpuMs.Count / 2) / PreviewFrames, 3),
        };

        public override void Dispose()
        {
            teardown();
            base.Dispose();
        }
    }
}
