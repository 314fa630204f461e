using Deforum.Torch;

namespace Deforum.Sampling.CompVis;

/// <summary>A guided noise prediction at an integer DDPM timestep; Denoised is set when the model gives x̂₀ directly (v-prediction).</summary>
public sealed record NoisePrediction(Tensor Eps, Tensor? Denoised);

/// <summary>ε(x, t) with guidance: the "model" the CompVis DDIM and PLMS samplers call.</summary>
public interface INoisePredictor
{
    /// <param name="x">[B, 4, H/8, W/8]</param>
    /// <param name="timestep">The DDPM timestep (0 … T−1).</param>
    NoisePrediction Predict(Tensor x, int timestep);
}
