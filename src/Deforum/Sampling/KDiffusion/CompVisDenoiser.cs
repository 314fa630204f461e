using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;


/// <summary>
/// Turns an ε- or v-predicting UNet into a denoiser D(x, σ) over the model's discrete schedule.
/// Port of k-diffusion external.py::CompVisDenoiser (DiscreteEpsDDPMDenoiser) and ::CompVisVDenoiser
/// (DiscreteVDDPMDenoiser), σ_data = 1.
/// </summary>
public sealed class CompVisDenoiser(IDiffusionModel model, DiscreteSchedule schedule)
{
    public IDiffusionModel Model { get; } = model;
    public DiscreteSchedule Schedule { get; } = schedule;

    /// <summary>The input scaling c_in = 1/√(σ² + 1) (both parameterisations).</summary>
    public static float CIn(float sigma) => 1f / MathF.Sqrt(sigma * sigma + 1f);

    /// <summary>(c_skip, c_out): ε-prediction (1, −σ); v-prediction (1/(σ²+1), −σ/√(σ²+1)).</summary>
    public static (float Skip, float Out) OutputScalings(ModelPrediction prediction, float sigma) => prediction switch
    {
        ModelPrediction.Epsilon => (1f, -sigma),
        ModelPrediction.V => (1f / (sigma * sigma + 1f), -sigma / MathF.Sqrt(sigma * sigma + 1f)),
        _ => throw new ArgumentOutOfRangeException(nameof(prediction), prediction, null),
    };

    /// <summary>D(x, σ) = c_skip·x + c_out·F(c_in·x, t(σ), context) for a batch sharing one σ.</summary>
    /// <param name="x">[B, 4, H/8, W/8]</param>
    /// <param name="context">[B, 77, C]</param>
    public Tensor Denoise(Tensor x, float sigma, Tensor context)
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.Full([x.Size(0)], Schedule.SigmaToT(sigma), DType.Float32, x.Device);  // [B]
        var output = Model.Forward(x.Mul(CIn(sigma)), t, context);
        var (skip, cOut) = OutputScalings(Model.Prediction, sigma);
        var denoised = Model.Prediction == ModelPrediction.Epsilon
            ? x.Add(output.Mul(cOut))
            : output.Mul(cOut).Add(x.Mul(skip));
        return scope.MoveToOuter(denoised);
    }
}
