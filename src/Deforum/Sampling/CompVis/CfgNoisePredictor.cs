using Deforum.Torch;

namespace Deforum.Sampling.CompVis;


/// <summary>
/// Classifier-free guidance on the raw model output with uncond and cond batched in one call: F_u + scale·(F_c − F_u);
/// a v-model's guided output becomes ε = √ᾱ_t·v + √(1−ᾱ_t)·x and x̂₀ = √ᾱ_t·x − √(1−ᾱ_t)·v (DDPM buffers at t).
/// Port of CompVis ddim.py::p_sample_ddim's guidance and Stability-AI ddpm.py::predict_eps_from_z_and_v / predict_start_from_z_and_v.
/// </summary>
public sealed class CfgNoisePredictor(IDiffusionModel model, Conditioning conditioning, DdpmSchedule ddpm) : INoisePredictor
{
    public NoisePrediction Predict(Tensor x, int timestep)
    {
        using var scope = DisposeScope.Begin();
        var output = Guided(x, timestep);
        if (model.Prediction == ModelPrediction.Epsilon) return new NoisePrediction(scope.MoveToOuter(output), null);
        double sqrtAlpha = ddpm.SqrtAlphasCumprod[timestep], sqrtOneMinus = ddpm.SqrtOneMinusAlphasCumprod[timestep];
        var eps = output.Mul(sqrtAlpha).Add(x.Mul(sqrtOneMinus));
        var denoised = x.Mul(sqrtAlpha).Sub(output.Mul(sqrtOneMinus));
        return new NoisePrediction(scope.MoveToOuter(eps), scope.MoveToOuter(denoised));
    }

    Tensor Guided(Tensor x, int timestep)
    {
        long batch = x.Size(0);
        if (!conditioning.Guided)
            return model.Forward(x, Tensor.Full([batch], timestep, DType.Int64, x.Device), conditioning.Cond);
        var both = model.Forward(Tensor.Cat([x, x]), Tensor.Full([2 * batch], timestep, DType.Int64, x.Device),
            Tensor.Cat([conditioning.Uncond, conditioning.Cond]));  // [2B, 4, H/8, W/8]
        var halves = both.Chunk(2);  // uncond first
        return halves[0].Add(halves[1].Sub(halves[0]).Mul(conditioning.Scale));
    }
}
