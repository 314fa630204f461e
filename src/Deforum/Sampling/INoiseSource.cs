using Deforum.Torch;

namespace Deforum.Sampling;


/// <summary>
/// Where the samplers' Gaussian draws come from. Every call corresponds to one torch.randn / torch.randn_like of
/// the original, in the same order and shape, so a generator seeded like the original reproduces its run.
/// </summary>
public interface INoiseSource
{
    /// <summary>torch.randn(shape) on the latent's device.</summary>
    Tensor Randn(long[] shape, Device device);

    /// <summary>torch.randn_like(x).</summary>
    Tensor RandnLike(Tensor x);
}

/// <summary>Draws from a libtorch generator (bit-exact with PyTorch for the same seed and call sequence).</summary>
public sealed class GeneratorNoise(Generator generator) : INoiseSource
{
    public Generator Generator { get; } = generator;

    public Tensor Randn(long[] shape, Device device) => Tensor.Randn(shape, Generator, DType.Float32, device);

    public Tensor RandnLike(Tensor x) => Tensor.RandnLike(x, Generator);
}
