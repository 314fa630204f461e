using System.Diagnostics;
using Deforum.Models.Clip;
using Deforum.Models.Config;
using Deforum.Models.Weights;
using Deforum.Torch;

namespace Deforum.Bench.Models;

/// <summary>The CLIP ViT-L/14 text encoder at full size with deterministic random weights (no download).</summary>
public sealed class ClipBenchmarks : IBenchmarkSet
{
    const long WeightSeed = 1234;
    // PyTorch 1.13 eager, same machine, 2 threads (../shared/perf-anchor.md).
    const double AnchorMs = 440;

    public IEnumerable<Benchmark> Create()
    {
        yield return new TextEncoderBenchmark();
    }

    sealed class TextEncoderBenchmark() : Benchmark("text-encoder", "CLIP ViT-L/14 text encoder, [1,77] ids → [1,77,768], fp32, random weights")
    {
        ClipTextEncoder? _encoder;
        Tensor? _ids;

        public override void Setup()
        {
            var config = TextEncoderConfig.ClipVitL14;
            _encoder = RandomWeights.Initialize(new ClipTextEncoder(config), WeightSeed);
            // A prompt-shaped input: start token, content tokens, end token padding to 77 (the cost does not depend on the ids).
            var ids = Enumerable.Range(0, config.MaxPositions).Select(i => i == 0 ? 49406L : i < 12 ? 320L + i : 49407L).ToArray();
            _ids = DisposeScope.Detach(Tensor.From(ids, 1, config.MaxPositions));
        }

        readonly List<double> _cpuMs = [];

        public override void Run()
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using (DisposeScope.Begin()) _encoder!.Forward(_ids!);
            _cpuMs.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object>
        {
            ["anchor_ms"] = AnchorMs,
            ["ratio_to_anchor"] = Math.Round(medianMs / AnchorMs, 3),
            // Process CPU time per run (all threads): comparable across loads on a shared machine, where wall time is not.
            ["cpu_ms_median"] = Math.Round(_cpuMs.Skip(WarmupRuns).Order().ElementAt(TimedRuns / 2), 1),
            ["threads"] = TorchLibrary.NumThreads,
        };

        public override void Dispose()
        {
            _encoder?.Dispose();
            _ids?.Dispose();
            base.Dispose();
        }
    }
}
