using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>What the UNet's output means.</summary>
public enum ModelPrediction
{
    /// <summary>ε-prediction (SD 1.x, SD 2.x-base).</summary>
    Epsilon,

    /// <summary>v-prediction (SD 2.x 768-v): v = √ᾱ·ε − √(1−ᾱ)·x₀.</summary>
    V,
}

/// <summary>
/// The UNet as the samplers see it: one batched call per evaluation. The samplers own guidance and scalings;
/// the model only maps (latent, timestep, context) to its prediction.
/// </summary>
public interface IDiffusionModel
{
    ModelPrediction Prediction { get; }

    /// <param name="x">Scaled latent [B, 4, H/8, W/8].</param>
    /// <param name="t">Timesteps [B]: float32 and fractional for k-diffusion samplers, int64 for DDIM/PLMS.</param>
    /// <param name="context">Text conditioning [B, 77, C].</param>
    /// <returns>ε or v, [B, 4, H/8, W/8].</returns>
    Tensor Forward(Tensor x, Tensor t, Tensor context);
}
