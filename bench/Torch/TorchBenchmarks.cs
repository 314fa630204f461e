using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Bench.Torch;

/// <summary>The binding's own costs: per-op overhead, a convolution the UNet runs, checkpoint loading.</summary>
public sealed class TorchBenchmarks : IBenchmarkSet
{
    const int OpsPerRun = 10_000;

    public IEnumerable<Benchmark> Create()
    {
        yield return new OpOverhead();
        yield return new Conv2dBench();
        yield return new SgemmBench();
        yield return new LoadBench("safetensors-load", "tiny-sd.safetensors");
        yield return new LoadBench("ckpt-load", "tiny-sd.ckpt");
    }

    /// <summary>One tiny op (a + b on 4 floats) through the binding; median_ms is per run of 10 000, us_per_op per op.</summary>
    sealed class OpOverhead() : Benchmark("op-overhead", "10k tiny adds through the binding (scope included)")
    {
        Tensor? _a, _b;

        public override void Setup()
        {
            _a = DisposeScope.Detach(Tensor.Ones([4]));
            _b = DisposeScope.Detach(Tensor.Ones([4]));
        }

        public override void Run()
        {
            for (int i = 0; i < OpsPerRun; i++)
            {
                using var scope = DisposeScope.Begin();
                _ = _a! + _b!;
            }
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) =>
            new Dictionary<string, object> { ["us_per_op"] = Math.Round(medianMs * 1000 / OpsPerRun, 3) };

        public override void Dispose()
        {
            _a?.Dispose();
            _b?.Dispose();
            base.Dispose();
        }
    }

    /// <summary>2×320×64×64, 3×3, padding 1, fp32: the UNet's most common convolution at 512×512.</summary>
    sealed class Conv2dBench() : Benchmark("conv2d", "conv2d 2x320x64x64, 320->320, 3x3, fp32")
    {
        Tensor? _x, _w, _b;

        public override void Setup()
        {
            using var g = new Generator(0);
            _x = DisposeScope.Detach(Tensor.Randn([2, 320, 64, 64], g));
            _w = DisposeScope.Detach(Tensor.Randn([320, 320, 3, 3], g) * 0.02);
            _b = DisposeScope.Detach(Tensor.Zeros([320]));
        }

        public override void Run()
        {
            using var scope = DisposeScope.Begin();
            _ = F.Conv2d(_x!, _w!, _b, padding: 1);
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) =>
            new Dictionary<string, object> { ["gflops"] = Math.Round(2.0 * 2 * 320 * 64 * 64 * 320 * 9 / (medianMs * 1e6), 1) };

        public override void Dispose()
        {
            _x?.Dispose();
            _w?.Dispose();
            _b?.Dispose();
            base.Dispose();
        }
    }

    /// <summary>1024³ fp32 matrix product: what the BLAS kernels OpenBLAS runs (blas_core) are worth.</summary>
    sealed class SgemmBench() : Benchmark("sgemm-1024", "matmul [1024,1024] x [1024,1024], fp32")
    {
        const int N = 1024;
        Tensor? _a, _b;

        public override int TimedRuns => 10;

        public override void Setup()
        {
            using var g = new Generator(0);
            _a = DisposeScope.Detach(Tensor.Randn([N, N], g));
            _b = DisposeScope.Detach(Tensor.Randn([N, N], g));
        }

        public override void Run()
        {
            using var scope = DisposeScope.Begin();
            _ = _a!.MatMul(_b!);
        }

        public override IReadOnlyDictionary<string, object> Extra(double medianMs) => new Dictionary<string, object>
        {
            ["gflops"] = Math.Round(2.0 * N * N * N / (medianMs * 1e6), 1), ["blas_core"] = TorchLibrary.BuildInfo.BlasCore,
            ["threads"] = TorchLibrary.NumThreads,
        };

        public override void Dispose()
        {
            _a?.Dispose();
            _b?.Dispose();
            base.Dispose();
        }
    }

    /// <summary>Loads a golden checkpoint to CPU fp32 tensors and frees them.</summary>
    sealed class LoadBench(string name, string file) : Benchmark(name, $"load the golden {file} (all tensors, CPU)")
    {
        readonly string _path = Path.Combine(GoldenDir(), file);

        public override int TimedRuns => 10;

        public override void Setup()
        {
            if (!File.Exists(_path)) throw new FileNotFoundException($"golden checkpoint not found: {_path} (set DEFORUM_GOLDEN_DIR)");
        }

        public override void Run()
        {
            using var ckpt = Checkpoint.Load(_path);
        }
    }

    static string GoldenDir() =>
        Environment.GetEnvironmentVariable("DEFORUM_GOLDEN_DIR") is { Length: > 0 } d
            ? d
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "shared", "golden"));
}
