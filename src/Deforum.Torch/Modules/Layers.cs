namespace Deforum.Torch.Modules;

/// <summary>A module with one input and one output (what Sequential chains).</summary>
public interface IForward
{
    Tensor Forward(Tensor x);
}

/// <summary>y = x Wᵀ + b. Weight [out, in].</summary>
public sealed class Linear : Module, IForward
{
    public long InFeatures { get; }
    public long OutFeatures { get; }

    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Parameter("weight", outFeatures, inFeatures);
        if (bias) Parameter("bias", outFeatures);
        HasBias = bias;
    }

    bool HasBias { get; }

    public Tensor Forward(Tensor x) => F.Linear(x, Get("weight"), HasBias ? Get("bias") : null);
}

/// <summary>
/// 2-D convolution. Weight [out, in/groups, k, k]. A CPU float32 weight is packed for oneDNN at the first forward
/// (<see cref="F.PackConv2dWeight"/>, <see cref="TorchLibrary.PackConvWeights"/>) and held packed from then on, in
/// place of the plain one (<see cref="Tensor.IsMkldnn"/>; <see cref="Module.To"/> unpacks it).
/// </summary>
public sealed class Conv2d : Module, IForward
{
    readonly long _stride, _padding, _dilation, _groups;
    readonly bool _bias;
    readonly Lock _packing = new();
    Tensor? _packed;

    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
    {
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"channels {inChannels}->{outChannels} are not divisible by groups {groups}", nameof(groups));
        (InChannels, OutChannels, KernelSize) = (inChannels, outChannels, kernelSize);
        (_stride, _padding, _dilation, _groups, _bias) = (stride, padding, dilation, groups, bias);
        Parameter("weight", outChannels, inChannels / groups, kernelSize, kernelSize);
        if (bias) Parameter("bias", outChannels);
    }

    public long InChannels { get; }
    public long OutChannels { get; }
    public long KernelSize { get; }
    public long Groups => _groups;

    public Tensor Forward(Tensor x) => F.Conv2d(x, Weight(), _bias ? Get("bias") : null, _stride, _padding, _dilation, _groups);

    Tensor Weight()
    {
        var weight = Get("weight");
        if (ReferenceEquals(weight, _packed) || !TorchLibrary.PackConvWeights || weight.Device.IsCuda || weight.DType != DType.Float32)
            return weight;
        lock (_packing)
        {
            weight = Get("weight");
            if (ReferenceEquals(weight, _packed)) return weight;
            _packed = F.PackConv2dWeight(weight, _stride, _padding, _dilation, _groups);
            SetTensor("weight", _packed); // frees the plain weight: the packed one takes its place, not a second copy
            return _packed;
        }
    }
}

/// <summary>Transposed 2-D convolution (no groups, no dilation). Weight [in, out, k, k], as PyTorch stores it.</summary>
public sealed class ConvTranspose2d : Module, IForward
{
    readonly long _stride, _padding;

    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0)
    {
        (InChannels, OutChannels, KernelSize, _stride, _padding) = (inChannels, outChannels, kernelSize, stride, padding);
        Parameter("weight", inChannels, outChannels, kernelSize, kernelSize);
        Parameter("bias", outChannels);
    }

    public long InChannels { get; }
    public long OutChannels { get; }
    public long KernelSize { get; }

    public Tensor Forward(Tensor x) => F.ConvTranspose2d(x, Get("weight"), Get("bias"), _stride, _padding);
}

public sealed class GroupNorm : Module, IForward
{
    readonly bool _affine;

    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true)
    {
        if (numChannels % numGroups != 0)
            throw new ArgumentException($"{numChannels} channels are not divisible into {numGroups} groups", nameof(numGroups));
        (NumGroups, NumChannels, Eps, _affine) = (numGroups, numChannels, eps, affine);
        if (affine)
        {
            Parameter("weight", numChannels);
            Parameter("bias", numChannels);
        }
    }

    public long NumGroups { get; }
    public long NumChannels { get; }
    public double Eps { get; }

    public Tensor Forward(Tensor x) => F.GroupNorm(x, NumGroups, _affine ? Get("weight") : null, _affine ? Get("bias") : null, Eps);
}

/// <summary>
/// nn.BatchNorm2d in eval mode: normalises with the running statistics. The training-batch counter
/// (num_batches_tracked) is not declared: inference never reads it.
/// </summary>
public sealed class BatchNorm2d : Module, IForward
{
    public BatchNorm2d(long numFeatures, double eps = 1e-5)
    {
        (NumFeatures, Eps) = (numFeatures, eps);
        Parameter("weight", numFeatures);
        Parameter("bias", numFeatures);
        Buffer("running_mean", shape: [numFeatures]);
        Buffer("running_var", shape: [numFeatures]);
    }

    public long NumFeatures { get; }
    public double Eps { get; }

    public Tensor Forward(Tensor x) => F.BatchNorm(x, Get("running_mean"), Get("running_var"), Get("weight"), Get("bias"), Eps);
}

public sealed class LayerNorm : Module, IForward
{
    readonly long[] _shape;
    readonly double _eps;

    public LayerNorm(long normalizedShape, double eps = 1e-5)
    {
        _shape = [normalizedShape];
        _eps = eps;
        Parameter("weight", normalizedShape);
        Parameter("bias", normalizedShape);
    }

    public IReadOnlyList<long> NormalizedShape => _shape;

    public Tensor Forward(Tensor x) => F.LayerNorm(x, _shape, Get("weight"), Get("bias"), _eps);
}

/// <summary>Lookup table [num, dim]; Forward takes int64 indices.</summary>
public sealed class Embedding : Module, IForward
{
    public Embedding(long numEmbeddings, long embeddingDim)
    {
        (NumEmbeddings, EmbeddingDim) = (numEmbeddings, embeddingDim);
        Parameter("weight", numEmbeddings, embeddingDim);
    }

    public long NumEmbeddings { get; }
    public long EmbeddingDim { get; }

    public Tensor Weight => Get("weight");

    public Tensor Forward(Tensor x) => F.Embedding(x, Get("weight"));
}

/// <summary>Children named "0", "1", ... as nn.ModuleList names them.</summary>
public class ModuleList<T> : Module where T : Module
{
    readonly List<T> _items = [];

    public ModuleList(IEnumerable<T> items)
    {
        foreach (var m in items) Add(m);
    }

    public void Add(T module) => _items.Add(Register(_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    public IReadOnlyList<T> Items => _items;
}

/// <summary>Applies its children in order (nn.Sequential); children are named "0", "1", ...</summary>
public sealed class Sequential(params Module[] layers) : ModuleList<Module>(layers), IForward
{
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Chain.Run(x, [.. Items.Select(Step)]));
    }

    static Func<Tensor, Tensor> Step(Module m) =>
        m is IForward f ? f.Forward : throw new InvalidOperationException($"{m.GetType().Name} in a Sequential has no single-input Forward");
}
