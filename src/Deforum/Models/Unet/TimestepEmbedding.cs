using Deforum.Torch;

namespace Deforum.Models.Unet;


/// <summary>
/// Sinusoidal embedding of (possibly fractional) timesteps, float32 throughout as in the reference (computing the
/// arguments in float64 moves cos/sin by up to ~6e-5 at t≈1000, beyond the golden tolerance).
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/util.py::timestep_embedding.
/// </summary>
internal static class TimestepEmbedding
{
    const double MaxPeriod = 10000;

    /// <summary>timesteps [B] (int64 or float) → [B, dim], cos half first.</summary>
    public static Tensor Sinusoidal(Tensor timesteps, int dim)
    {
        if (dim % 2 != 0) throw new ArgumentException($"timestep embedding width {dim} must be even (model_channels)", nameof(dim));
        using var scope = DisposeScope.Begin();
        int half = dim / 2;
        var freqs = (Tensor.Arange(0, half, 1, DType.Float32, timesteps.Device) * -Math.Log(MaxPeriod) / half).Exp(); // [half]
        var args = timesteps.To(DType.Float32).Unsqueeze(1) * freqs.Unsqueeze(0); // [B, half]
        return scope.MoveToOuter(Tensor.Cat([args.Cos(), args.Sin()], dim: -1)); // [B, dim]
    }
}
