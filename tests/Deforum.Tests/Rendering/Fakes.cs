using Deforum.Prompts;
using Deforum.Rendering;
using Deforum.Sampling;
using Deforum.Torch;

namespace Deforum.Tests.Rendering;

/// <summary>
/// A generator that returns its samples in call order, cycling (like the golden runs' stub generate), and records
/// what it was asked: requests, a host copy of each init sample and the CPU random state right after seeding; it
/// reports the request's steps as sampler steps.
/// </summary>
internal sealed class ReplayGenerator(IReadOnlyList<Tensor> samples, Device device) : IFrameGenerator, IDisposable
{
    public Device Device { get; } = device;
    public List<GenerationRequest> Requests { get; } = [];
    public List<Tensor?> InitSamples { get; } = [];
    public List<Tensor> RandomStates { get; } = [];
    /// <summary>The first value of each request's init_c, or null.</summary>
    public List<float?> InitCs { get; } = [];

    public Tensor Generate(GenerationRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        InitSamples.Add(request.InitSample is null ? null : DisposeScope.Detach(request.InitSample.To(Device.Cpu, DType.Float32)));
        RandomStates.Add(DisposeScope.Detach(request.HostRandom.GetState()));
        InitCs.Add(request.InitC?.ToArray<float>()[0]);
        for (int step = 1; step <= request.Steps; step++) request.StepProgress?.Report(new SamplerProgress(step, request.Steps));
        return samples[(Requests.Count - 1) % samples.Count].Clone();
    }

    /// <summary>A distinct constant per prompt text, so blends of them are easy to check.</summary>
    public Tensor EncodePrompt(FramePrompt prompt) => Tensor.Full([1, 77, 4], prompt.Text.Length);

    public void Dispose()
    {
        foreach (var t in InitSamples) t?.Dispose();
        foreach (var t in RandomStates) t.Dispose();
    }
}

/// <summary>Keeps a host copy of every image written.</summary>
internal sealed class MemorySink : IFrameSink, IDisposable
{
    public List<(RenderedImage Info, Tensor Image)> Images { get; } = [];

    public IEnumerable<(RenderedImage Info, Tensor Image)> Of(OutputKind kind) => Images.Where(i => i.Info.Kind == kind);

    public string Write(RenderedImage image)
    {
        Images.Add((image, DisposeScope.Detach(image.Image.Clone())));
        return image.FileName;
    }

    public Tensor Read(string fileName) => Images.Last(i => i.Info.FileName == fileName).Image.Clone();

    /// <summary>The frame after which each loop state was handed over.</summary>
    public List<int> StatesAfter { get; } = [];

    public void SaveState(LoopState state) => StatesAfter.Add(state.Info.LastFrame);

    public LoopState LoadState(string timestring) => throw new NotSupportedException("MemorySink keeps no loop state; resume through a PngFolderSink");

    public void Dispose()
    {
        foreach (var (_, t) in Images) t.Dispose();
    }
}

/// <summary>The same depth map for every frame, like the golden runs' stub networks.</summary>
internal sealed class ConstantDepth(Tensor depth) : IDepthEstimator
{
    public IReadOnlyList<Deforum.Torch.Modules.Module> Networks => [];

    public int Calls { get; private set; }

    public Tensor Predict(Tensor frame)
    {
        Calls++;
        return depth.Clone();
    }

    public void Dispose()
    {
        // the depth map belongs to the test
    }
}

/// <summary>Reports synchronously (System.Progress posts to the thread pool) and runs an action on each report.</summary>
internal sealed class InlineProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
