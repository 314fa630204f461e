namespace Deforum.Models;

/// <summary>What a state-dict tensor is, which decides how the random-weight generator fills it.</summary>
public enum WeightRole
{
    /// <summary>A linear, convolution or embedding weight: N(0, 1/fan_in).</summary>
    Matrix,
    /// <summary>A normalisation scale: 1 + 0.1·N(0, 1).</summary>
    NormScale,
    /// <summary>A bias or normalisation shift: 0.05·N(0, 1).</summary>
    Bias,
    /// <summary>An int64 index buffer 0, 1, 2, … along the last dimension (position ids).</summary>
    Index,
}

/// <summary>One row of a model's declarative key table: the state-dict key, its shape for a config, and its role.</summary>
public sealed record WeightSpec(string Key, long[] Shape, WeightRole Role);
