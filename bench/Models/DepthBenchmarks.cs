using System.Diagnostics;
using Deforum.Models;
using Deforum.Models.AdaBins;
using Deforum.Models.Clip;
using Deforum.Models.Config;
using Deforum.Models.Midas;
using Deforum.Models.Unet;
using Deforum.Models.Vae;
using Deforum.Models.Weights;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Bench.Models;

/// <summary>
/// The depth stage of 3D at full size with seeded random weights on the CPU: DepthModel.predict's MiDaS path on a
/// 512×512 frame (bench/python/midas_anchor.py is its PyTorch counterpart), and the memory of a whole 512×512 3D
/// render with depth warping and depth maps (SD 1.5 and DPT-Large together).
/// </summary>
public sealed class DepthBenchmarks : IBenchmarkSet
{
    const long WeightSeed = 1234;
    const int Side = 512;

    public IEnumerable<Benchmark> Create()
    {
        yield return new MidasPredict();
        yield return new Render3D(lowVram: false);
        yield return new Render3D(lowVram: true);
    }

    /// <summary>A 512×512 frame with smooth structure (a gradient and a disc), as uint8 H×W×3.</summary>
    static Tensor Frame()
    {
        var pixels = new byte[Side * Side * 3];
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                bool disc = (x - 300) * (x - 300) + (y - 200) * (y - 200) < 120 * 120;
                for (int c = 0; c < 3; c++) pixels[(y * Side + x) * 3 + c] = (byte)(disc ? 220 - 60 * c : (x + y * c) / 4);
            }
        return Tensor.From<byte>(pixels, [Side, Side, 3]);
    }

    sealed class MidasPredict() : Benchmark("depth-midas-512",
        "DepthModel.predict with MiDaS DPT-Large alone (midas_weight 1): 512×512 frame → 384×384 network input → depth 512×512, fp32 CPU")
    {
        DepthModel? _depth;
        Tensor? _frame;
        double _setupPeak;
        readonly List<double> _cpuMs = [];

        public override int TimedRuns => 3;

        public override void Setup()
        {
            _depth = new DepthModel(RandomWeights.Initialize(new DptDepthModel(DptConfig.DptLarge), WeightSeed), adabins: null, midasWeight: 1);
            _frame = DisposeScope.Detach(Frame());
            _setupPeak = ModelBenchmarks.PeakRssMb();
        }

        public override void Run()
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using var scope = DisposeScope.Begin();
            _depth!.Predict(_frame!);
            _cpuMs.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object>
        {
            ["median_cpu_ms"] = Math.Round(_cpuMs.Skip(WarmupRuns).Order().ElementAt((_cpuMs.Count - WarmupRuns) / 2), 1),
            ["peak_rss_mb"] = ModelBenchmarks.PeakRssMb(), ["setup_peak_rss_mb"] = _setupPeak, ["threads"] = TorchLibrary.NumThreads,
        };

        public override void Dispose()
        {
            _depth?.Dispose();
            _frame?.Dispose();
            base.Dispose();
        }
    }

    /// <summary>
    /// "Do the Run!" for 3D at 512×512 (3 frames, cadence 2, 4 steps, depth warping and maps, the notebook's midas_weight
    /// 0.3) from files as a user has them: a full SD 1.5 checkpoint, DPT-Large and AdaBins NYU (random weights; SD and
    /// DPT fp16 on disk like the released SD files), loaded in fp32. The figure that matters is peak_rss_mb: the three
    /// networks and one frame's activations.
    /// </summary>
    /// <summary>With <paramref name="lowVram"/> the same run with low_vram on (a no-op on the CPU: its peak RSS must match).</summary>
    sealed class Render3D(bool lowVram) : Benchmark(lowVram ? "render-3d-512-low-vram" : "render-3d-512",
        "3D render 512×512, 3 frames, cadence 2, 4 steps, use_depth_warping + save_depth_maps, midas_weight 0.3, full SD 1.5 + DPT-Large + AdaBins (random), fp32 CPU" +
        (lowVram ? ", low_vram" : ""))
    {
        /// <summary>Parameter and buffer elements of each network, for what low_vram keeps off the GPU (× 2 bytes in float16).</summary>
        readonly Dictionary<string, object> _elements = [];

        readonly string _dir = Path.Combine(Path.GetTempPath(), $"deforum-bench-depth-{Environment.ProcessId}");
        string Sd => Path.Combine(_dir, "sd15-random-fp16.safetensors");
        string Midas => Path.Combine(_dir, "dpt-large-random-fp16.safetensors");
        string AdaBins => Path.Combine(_dir, "adabins-nyu-random.safetensors");
        double _setupPeak;

        public override int WarmupRuns => 0;
        public override int TimedRuns => 1;

        public override void Setup()
        {
            Directory.CreateDirectory(_dir);
            var c = ModelConfig.Default;
            using (var unet = RandomWeights.Initialize(new UnetModel(c.Unet), WeightSeed, Device.Cpu, DType.Float16))
            using (var vae = RandomWeights.Initialize(new AutoencoderKL(c.Vae), WeightSeed, Device.Cpu, DType.Float16))
            using (var clip = RandomWeights.Initialize(new ClipTextEncoder(c.TextEncoder), WeightSeed, Device.Cpu, DType.Float16))
            {
                RandomWeights.WriteCheckpoint(Sd, DType.Float16, (CheckpointLayout.Unet, unet), (CheckpointLayout.Vae, vae), (CheckpointLayout.TextEncoder, clip));
                Count("unet", unet);
                Count("vae", vae);
                Count("text_encoder", clip);
            }
            using (var midas = RandomWeights.Initialize(new DptDepthModel(DptConfig.DptLarge), WeightSeed, Device.Cpu, DType.Float16))
            {
                RandomWeights.WriteCheckpoint(Midas, DType.Float16, ("", midas));
                Count("midas", midas);
            }
            using (var adabins = RandomWeights.Initialize(new UnetAdaptiveBins(AdaBinsConfig.Nyu), WeightSeed, Device.Cpu, DType.Float32))
            {
                RandomWeights.WriteCheckpoint(AdaBins, DType.Float32, ("", adabins));
                Count("adabins", adabins);
            }
            _setupPeak = ModelBenchmarks.PeakRssMb();
        }

        void Count(string network, Module module) =>
            _elements[$"{network}_elements"] = module.NamedTensors().Where(t => t.Tensor is not null).Sum(t => t.Tensor!.NumElements);

        public override void Run()
        {
            using var model = StableDiffusion.Load(ModelConfig.Default, Sd, ClipTokenizer.Load(Vocabulary()), Device.Cpu);
            var settings = SettingsFile.Read("""
                { "W": 512, "H": 512, "animation_mode": "3D", "max_frames": 3, "diffusion_cadence": "2", "steps": 4,
                  "sampler": "euler", "seed": 1, "use_depth_warping": true, "save_depth_maps": true, "midas_weight": 0.3,
                  "translation_z": "0:(10)", "batch_name": "bench", "low_vram": LOW_VRAM, "prompts": { "0": "a lighthouse" } }
                """.Replace("LOW_VRAM", lowVram ? "true" : "false", StringComparison.Ordinal), new DeforumSettings { Paths = new PathSettings { OutputPath = Path.Combine(_dir, "out") } }).Settings;
            var planned = DeforumRun.PlanAsync(settings, RunContext.Now()).GetAwaiter().GetResult();
            DeforumRun.ExecuteAsync(model, planned, depthModels: new DepthModelOptions { ModelsPath = _dir, MidasCheckpoint = Midas, AdaBinsCheckpoint = AdaBins })
                .GetAwaiter().GetResult();
        }

        /// <summary>The CLIP vocabulary of ../shared/golden (third-party data, not in the repository).</summary>
        static string Vocabulary()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Deforum.Interactive.sln")))
                    return Path.Combine(dir.FullName, "..", "shared", "golden", "clip", ClipVocabulary.FileName);
            throw new FileNotFoundException("repository root not found for the CLIP vocabulary");
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object>(_elements)
        {
            ["peak_rss_mb"] = ModelBenchmarks.PeakRssMb(), ["setup_peak_rss_mb"] = _setupPeak, ["threads"] = TorchLibrary.NumThreads,
            ["sd_file_bytes"] = new FileInfo(Sd).Length, ["midas_file_bytes"] = new FileInfo(Midas).Length, ["adabins_file_bytes"] = new FileInfo(AdaBins).Length,
            ["low_vram"] = lowVram,
        };

        public override void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
            base.Dispose();
        }
    }
}
