using Deforum.Models.Clip;
using Deforum.Models.Config;
using Deforum.Models.Unet;
using Deforum.Models.Vae;
using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Bench.Models;

/// <summary>Loading a full-size SD 1.5 checkpoint (float16 safetensors from the random-weight generator) for CPU use.</summary>
public sealed class CheckpointLoadBenchmarks : IBenchmarkSet
{
    const long WeightSeed = 1234;

    public IEnumerable<Benchmark> Create()
    {
        yield return new FullCheckpointLoad();
    }

    sealed class FullCheckpointLoad() : Benchmark("ckpt-load-full",
        "full SD 1.5 fp16 .safetensors (UNet + VAE + CLIP, random weights) → the three networks in fp32 on the CPU")
    {
        readonly ModelConfig _config = ModelConfig.Default;
        readonly string _dir = Path.Combine(Path.GetTempPath(), $"deforum-bench-{Environment.ProcessId}");
        string Path16 => Path.Combine(_dir, "sd15-random-fp16.safetensors");

        public override int TimedRuns => 3;

        public override void Setup()
        {
            Directory.CreateDirectory(_dir);
            using var unet = RandomWeights.Initialize(new UnetModel(_config.Unet), WeightSeed, Device.Cpu, DType.Float16);
            using var vae = RandomWeights.Initialize(new AutoencoderKL(_config.Vae), WeightSeed, Device.Cpu, DType.Float16);
            using var clip = RandomWeights.Initialize(new ClipTextEncoder(_config.TextEncoder), WeightSeed, Device.Cpu, DType.Float16);
            RandomWeights.WriteCheckpoint(Path16, DType.Float16,
                (CheckpointLayout.Unet, unet), (CheckpointLayout.Vae, vae), (CheckpointLayout.TextEncoder, clip));
        }

        public override void Run()
        {
            using var checkpoint = Checkpoint.Load(Path16, Device.Cpu, DType.Float32);
            using var unet = UnetModel.Load(checkpoint, _config.Unet, Device.Cpu);
            using var vae = AutoencoderKL.Load(checkpoint, _config.Vae, Device.Cpu);
            using var clip = ClipTextEncoder.FromCheckpoint(checkpoint, _config.TextEncoder, Device.Cpu);
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object>
        {
            ["file_bytes"] = new FileInfo(Path16).Length,
            ["threads"] = TorchLibrary.NumThreads,
            // includes the setup's peak (the fp16 networks drawn and written); fp32 weights alone are ~4.3 GB
            ["peak_rss_mb"] = ModelBenchmarks.PeakRssMb(),
        };

        public override void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
            base.Dispose();
        }
    }
}
