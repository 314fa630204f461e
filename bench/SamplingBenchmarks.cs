using System.Diagnostics;
using Deforum.Sampling;
using Deforum.Torch;

namespace Deforum.Bench;

/// <summary>
/// sampler-overhead: milliseconds per step spent outside the UNet in a guided euler_ancestral run on a 512×512 latent.
/// A stand-in model (one multiply) replaces the UNet and its time is subtracted, so what remains is the sampler,
/// the guidance batching, the wrapper scalings, the noise draws and the per-step scopes.
/// </summary>
public sealed class SamplingBenchmarks : IBenchmarkSet
{
    public IEnumerable<Benchmark> Create() => [new SamplerOverhead()];

    sealed class StandInModel : IDiffusionModel
    {
        public Stopwatch Time { get; } = new();
        public ModelPrediction Prediction => ModelPrediction.Epsilon;

        public Tensor Forward(Tensor x, Tensor t, Tensor context)
        {
            Time.Start();
            var eps = x.Mul(0.1);
            Time.Stop();
            return eps;
        }
    }

    sealed class SamplerOverhead() : Benchmark("sampler-overhead", "ms/step outside UNet calls: euler_ancestral + CFG, 64×64 latent, stand-in model")
    {
        const int Steps = 20;
        static readonly long[] LatentShape = [1, 4, 64, 64];
        readonly StandInModel _model = new();
        readonly List<double> _overheadPerStep = [];
        readonly DdpmSchedule _ddpm = DdpmSchedule.Linear();
        Tensor? _cond, _uncond;

        public override void Setup()
        {
            _cond = Tensor.Zeros([1, 77, 768]);
            _uncond = Tensor.Ones([1, 77, 768]);
        }

        public override void Run()
        {
            using var generator = new Generator(42);
            _model.Time.Reset();
            var total = Stopwatch.StartNew();
            using (var scope = DisposeScope.Begin())
                Generation.Sample(_model, _ddpm, new Conditioning(_cond!, _uncond!, 7.5), new SamplerSettings { Sampler = SamplerName.EulerAncestral, Steps = Steps },
                    LatentShape, 0, null, new GeneratorNoise(generator));
            _overheadPerStep.Add((total.Elapsed - _model.Time.Elapsed).TotalMilliseconds / Steps);
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs)
        {
            var timed = _overheadPerStep.Skip(WarmupRuns).Order().ToList();
            return new Dictionary<string, object>
            {
                ["ms_per_step_outside_unet"] = Math.Round(timed[timed.Count / 2], 4),
                ["steps"] = Steps,
                ["latent"] = string.Join("x", LatentShape),
            };
        }

        public override void Dispose()
        {
            _cond?.Dispose();
            _uncond?.Dispose();
            base.Dispose();
        }
    }
}
