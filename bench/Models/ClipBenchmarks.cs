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

        public override void Run()
        {
            using var scope = DisposeScope.Begin();
            _encoder!.Forward(_ids!);
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object>
        {
            ["anchor_ms"] = AnchorMs,
            ["ratio_to_anchor"] = Math.Round(medianMs / AnchorMs, 3),
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
