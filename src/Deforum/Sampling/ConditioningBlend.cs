using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>prompt_blend_method: how two prompts' conditionings are mixed.</summary>
public enum ConditioningBlendMethod { Linear, Slerp }

/// <summary>
/// Mixing two conditionings (each [1, 77, C]) by a weight from 0 (all <c>from</c>) to 1 (all <c>to</c>): 0.4's
/// linear blend of render_interpolation, or 0.7.1's slerp (deforum-stable-diffusion helpers/interpolation.py::interpolate).
/// </summary>
public static class ConditioningBlend
{
    /// <summary>0.7.1 falls back to the linear form below this sin ω (compared in float32, as its tensor comparison is).</summary>
    const float NearlyParallel = 1e-5f;

    /// <summary>F.normalize's default eps: the norm is clamped to it so a zero conditioning does not divide by zero.</summary>
    const double NormEps = 1e-12;

    public static Tensor Blend(Tensor from, Tensor to, double weight, ConditioningBlendMethod method)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return method == ConditioningBlendMethod.Slerp ? Slerp(from, to, weight) : Linear(from, to, weight);
    }

    /// <summary>c_from + (c_to − c_from)·w, the order of render_interpolation (0.4, spec §17).</summary>
    public static Tensor Linear(Tensor from, Tensor to, double weight) => from.Add(to.Sub(from).Mul(weight));

    /// <summary>
    /// interpolate(t, c1, c2, "slerp") of 0.7.1 with c1, c2 flattened to one row [1, 77·C], the spherical interpolation
    /// spec §17 describes: cos ω = Σ normalize(c1)·normalize(c2) clamped to ±1, ω = acos, sin ω = √(1 − cos²ω);
    /// sin ω &lt; 1e-5 → (1 − t)·c1 + t·c2, else sin((1 − t)ω)/sin ω · c1 + sin(tω)/sin ω · c2, every scalar a float32
    /// tensor as in the original. (0.7.1 passes the [1, 77, C] tensor itself, so F.normalize's dim 1 is the token axis and
    /// the sum of C per-channel cosines clamps to ±1: it falls back to the linear form; docs/compat.md.)
    /// </summary>
    public static Tensor Slerp(Tensor from, Tensor to, double t)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        using var scope = DisposeScope.Begin();
        var cos = Normalized(from).Mul(Normalized(to)).Sum().Clamp(-1, 1); // []
        var omega = cos.Acos();
        var sin = (1.0 - cos.Pow(2)).Sqrt();
        var blended = sin.Item() < NearlyParallel
            ? from.Mul(1.0 - t).Add(to.Mul(t))
            : from.Mul(omega.Mul(1.0 - t).Sin().Div(sin)).Add(to.Mul(omega.Mul(t).Sin().Div(sin)));
        return scope.MoveToOuter(blended);
    }

    /// <summary>F.normalize(x.reshape(1, −1)): x over its L2 norm, the norm clamped below at 1e-12.</summary>
    static Tensor Normalized(Tensor x)
    {
        var row = x.Reshape([1, -1]); // [1, 77·C]
        return row.Div(row.Norm([1], keepDim: true).Clamp(min: NormEps));
    }
}
