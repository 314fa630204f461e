using System.Diagnostics;
using Deforum.Models.AdaBins;
using Deforum.Models.Config;
using Deforum.Models.DepthAnything;
using Deforum.Models.Nn;
using Deforum.Models.Unet;
using Deforum.Models.Vae;
using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Bench.Models;


/// <summary>
/// UNet and VAE forwards at the full SD 1.5 size with seeded random weights (fp32, CPU, 2 threads unless
/// DEFORUM_NUM_THREADS says otherwise, as in the anchors; unet-cuda-64-fp16 on a GPU), against the
/// PyTorch 1.13 anchor of ../shared/perf-anchor.md; plus the attention kernel alone, chunked and naive.
/// On a shared machine run them beside their PyTorch counterparts with bench/side-by-side.sh (docs/performance.md).
/// </summary>
public sealed class ModelBenchmarks : IBenchmarkSet
{
    const long WeightSeed = 1234;
    const int Batch = 2;
    const int TokenCount = 77;

    /// <summary>The anchors' thread count (bench/python/anchor_timing.py reads the same variable).</summary>
    internal static int AnchorThreads =>
        int.TryParse(Environment.GetEnvironmentVariable("DEFORUM_NUM_THREADS"), out var n) && n > 0 ? n : 2;

    static UnetConfig TinyUnet { get; } = ModelConfig.Default.Unet with
    {
        ModelChannels = 32, ChannelMult = [1, 2], NumResBlocks = 1, AttentionResolutions = [1, 2], NumHeads = 8, ContextDim = 32,
    };

    public IEnumerable<Benchmark> Create()
    {
        var sd = ModelConfig.Default;
        yield return new UnetForward("unet-full-64", sd.Unet, 64, anchorMs: 55_200, full: true);
        yield return new UnetForward("unet-full-32", sd.Unet, 32, anchorMs: 9_950, full: true);
        yield return new UnetForward("unet-tiny-8", TinyUnet, 8, anchorMs: 19.8, full: false);
        yield return new UnetForward("unet-cuda-64-fp16", sd.Unet, 64, anchorMs: null, full: true, Device.Cuda(), DType.Float16);
        yield return new VaeDecode(sd.Vae);
        yield return new VaeEncode(sd.Vae);
        yield return new AdaBinsPredict();
        yield return new DepthAnythingInfer();
        yield return new AttentionKernel("attention-4096", chunked: true);
        yield return new AttentionKernel("attention-4096-naive", chunked: false);
    }

    /// <summary>Shared setup: 2 threads, one seeded model, fewer timed runs at full size, peak RSS and anchor ratio reported.</summary>
    abstract class ModelBenchmark<TModel>(string name, string description, double? anchorMs, bool full) : Benchmark(name, description)
        where TModel : Module
    {
        readonly List<double> _cpuMs = [];
        double _setupPeakRssMb;

        protected TModel Model { get; private set; } = null!;
        protected List<Tensor> Inputs { get; } = [];

        public override int TimedRuns => full ? 3 : 20;

        // A small model's forward is over before tiered compilation has promoted the hot path (30 calls, then a
        // background compile): a second of warm-up measures the steady state a render runs in, not tier-0 code.
        public override int WarmupRuns => full ? 1 : 100;

        protected abstract TModel Build();
        protected abstract IEnumerable<Tensor> MakeInputs(Generator g);
        protected abstract void Forward();

        // On a shared machine wall time mostly measures the neighbours; process CPU time per run is the steadier figure.
        public override void Run()
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            Forward();
            _cpuMs.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
        }

        public override void Setup()
        {
            TorchLibrary.NumThreads = AnchorThreads;
            Model = RandomWeights.Initialize(Build(), WeightSeed);
            using var g = new Generator(1);
            Inputs.AddRange(MakeInputs(g).Select(DisposeScope.Detach));
            _setupPeakRssMb = PeakRssMb();
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs)
        {
            var timed = _cpuMs.Skip(WarmupRuns).Order().ToList();
            var extra = new Dictionary<string, object>
            {
                // Peak RSS is a high-water mark: the setup's own peak (weights drawn and loaded) tells what the forward adds.
                ["peak_rss_mb"] = PeakRssMb(), ["setup_peak_rss_mb"] = _setupPeakRssMb, ["threads"] = TorchLibrary.NumThreads, ["median_cpu_ms"] = Math.Round(timed[timed.Count / 2], 1),
            };
            if (anchorMs is { } a)
            {
                extra["anchor_ms"] = a;
                extra["anchor_over_ours"] = Math.Round(a / medianMs, 3);
            }
            return extra;
        }

        public override void Dispose()
        {
            foreach (var t in Inputs) t.Dispose();
            Model?.Dispose();
            base.Dispose();
        }
    }

    /// <summary>A UNet forward; given a device or dtype, the seeded model and inputs are moved and cast there after
    /// they are drawn, and on CUDA every forward ends in a synchronize, so the time is the GPU's work and not its
    /// queueing (PyTorch eager's counterpart does the same).</summary>
    sealed class UnetForward(string name, UnetConfig config, int latent, double? anchorMs, bool full, Device? device = null, DType? dtype = null)
        : ModelBenchmark<UnetModel>(name, $"UNet forward, batch {Batch}, {latent}x{latent} latent, context [{Batch},{TokenCount},{config.ContextDim}]" +
            (device is { } d ? $", {d} {dtype}" : ""), anchorMs, full)
    {
        readonly Device _device = device ?? Device.Cpu;

        protected override UnetModel Build() => new(config);

        protected override IEnumerable<Tensor> MakeInputs(Generator g) =>
        [
            Tensor.Randn([Batch, config.InChannels, latent, latent], g),
            Tensor.From<long>([999, 999], [Batch]),
            Tensor.Randn([Batch, TokenCount, config.ContextDim], g),
        ];

        public override void Setup()
        {
            if (_device.IsCuda && !Cuda.IsAvailable)
                throw new InvalidOperationException($"{Name} needs a CUDA device, and libtorch here has none ({TorchLibrary.BuildInfo})");
            base.Setup();
            if (!_device.IsCuda && dtype is null) return;
            Model.To(_device, dtype);
            for (int i = 0; i < Inputs.Count; i++)
            {
                var moved = DisposeScope.Detach(Inputs[i].DType == DType.Int64 ? Inputs[i].To(_device) : Inputs[i].To(_device, dtype ?? Inputs[i].DType));
                Inputs[i].Dispose();
                Inputs[i] = moved;
            }
        }

        protected override void Forward()
        {
            Model.Forward(Inputs[0], Inputs[1], Inputs[2]).Dispose();
            if (_device.IsCuda) Cuda.Synchronize(_device.Index);
        }
    }

    sealed class VaeDecode(VaeConfig config) : ModelBenchmark<AutoencoderKL>("vae-decode-64", "VAE decode 64x64 latent -> 512x512", 28_200, full: true)
    {
        protected override AutoencoderKL Build() => new(config);

        protected override IEnumerable<Tensor> MakeInputs(Generator g) => [Tensor.Randn([1, config.EmbedDim, 64, 64], g)];

        protected override void Forward() => Model.Decode(Inputs[0]).Dispose();
    }

    sealed class VaeEncode(VaeConfig config) : ModelBenchmark<AutoencoderKL>("vae-encode-512", "VAE encode 512x512 -> 64x64 latent posterior", 15_300, full: true)
    {
        protected override AutoencoderKL Build() => new(config);

        protected override IEnumerable<Tensor> MakeInputs(Generator g) => [Tensor.Rand([1, config.InChannels, 512, 512], g) * 2 - 1];

        protected override void Forward() => Model.Encode(Inputs[0]).Dispose();
    }

    /// <summary>
    /// AdaBins as Deforum runs it for each 3D frame at 512×512 (no resize: 448² ≤ W·H ≤ 500000): InferenceHelper.predict_pil,
    /// two forwards (the image and its mirror) of the full NYU network (78 M parameters).
    /// </summary>
    sealed class AdaBinsPredict() : ModelBenchmark<UnetAdaptiveBins>("depth-adabins-512",
        "AdaBins (NYU, EfficientNet-B5) predict_pil on a 512x512 uint8 image: forward + mirrored forward, up-sampling", anchorMs: null, full: true)
    {
        AdaBinsInference? _helper;

        protected override UnetAdaptiveBins Build() => new(AdaBinsConfig.Nyu);

        protected override IEnumerable<Tensor> MakeInputs(Generator g) => [Tensor.RandInt(0, 256, [512, 512, 3], g, DType.UInt8)];

        protected override void Forward() => (_helper ??= new AdaBinsInference(Model)).Predict(Inputs[0]).Dispose();

        public override void Dispose()
        {
            _helper?.Dispose();
            base.Dispose();
        }
    }

    /// <summary>
    /// Depth-Anything-V2 Small (the released vits sizes) infer_image on a 512×512 frame: the network sees 518×518
    /// (37×37 patches), output resized back. Side by side with bench/python/depth_anything_anchor.py (the original code).
    /// </summary>
    sealed class DepthAnythingInfer() : ModelBenchmark<DepthAnythingV2>("depth-anything-512",
        "Depth-Anything-V2 Small infer_image, 512x512 frame (518x518 network input)", anchorMs: null, full: true)
    {
        const int Side = 512;

        protected override DepthAnythingV2 Build()
        {
            var small = DepthAnythingConfig.Released.Single(r => r.Encoder == "vits");
            return new DepthAnythingV2(new DepthAnythingConfig
            {
                EmbedDim = small.EmbedDim, Depth = small.Depth, MlpHidden = 4 * small.EmbedDim, PatchSize = 14, PositionGrid = 37,
                Features = 64, OutChannels = [48, 96, 192, 384], HeadFeatures2 = 32, Layout = small.Layout,
            });
        }

        protected override IEnumerable<Tensor> MakeInputs(Generator g) => [Tensor.RandInt(0, 256, [Side, Side, 3], g, DType.UInt8)];

        protected override void Forward() => Model.InferImage(Inputs[0]).Dispose();
    }

    /// <summary>
    /// One 64×64 UNet self-attention (batch 2 × 8 heads, 4096 tokens, 40 channels per head): the naive form is the
    /// reference's (and the kernel given an unbounded block); the chunked one is what the models use on CPU.
    /// </summary>
    sealed class AttentionKernel(string name, bool chunked)
        : Benchmark(name, $"softmax(QK^T/sqrt(d))V over [16, 4096, 40], {(chunked ? "chunked (4 MB score blocks)" : "naive (1 GB scores)")}")
    {
        readonly List<Tensor> _qkv = [];

        public override int TimedRuns => 5;

        public override void Setup()
        {
            TorchLibrary.NumThreads = AnchorThreads;
            using var g = new Generator(2);
            for (int i = 0; i < 3; i++) _qkv.Add(DisposeScope.Detach(Tensor.Randn([16, 4096, 40], g)));
        }

        public override void Run() =>
            ModelOps.ChunkedAttention(_qkv[0], _qkv[1], _qkv[2], 1 / Math.Sqrt(40), chunked ? Attention.CpuScoreBlockElements : long.MaxValue).Dispose();

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object> { ["peak_rss_mb"] = PeakRssMb() };

        public override void Dispose()
        {
            foreach (var t in _qkv) t.Dispose();
            base.Dispose();
        }
    }

    /// <summary>VmHWM of /proc/self/status: the process's peak resident memory.</summary>
    internal static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0, 1);
    }
}
