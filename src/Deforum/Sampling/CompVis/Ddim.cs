using Deforum.Torch;

namespace Deforum.Sampling.CompVis;

/// <summary>DDIM (Song et al. 2021) over a <see cref="DdimSchedule"/>.</summary>
public static class Ddim
{
    /// <summary>
    /// One update at table index k: x̂₀ = (x − √(1−a)·ε)/√a; x ← √a_prev·x̂₀ + √(1 − a_prev − σ²)·ε + σ·N(0, 1).
    /// The noise is drawn even at η = 0, as the original does. Port of CompVis ddim.py::p_sample_ddim.
    /// </summary>
    /// <returns>(x_prev, x̂₀), both [B, 4, H/8, W/8].</returns>
    public static (Tensor X, Tensor Denoised) Step(Tensor x, NoisePrediction prediction, DdimSchedule schedule, int index, INoiseSource noise)
    {
        using var scope = DisposeScope.Begin();
        float a = schedule.Alphas[index], aPrev = schedule.AlphasPrev[index], sigma = schedule.Sigmas[index];
        var eps = prediction.Eps;
        var denoised = prediction.Denoised ?? x.Sub(eps.Mul(schedule.SqrtOneMinusAlphas[index])).Div(MathF.Sqrt(a));
        var direction = eps.Mul(MathF.Sqrt(1f - aPrev - sigma * sigma));
        var fresh = noise.Randn(x.Shape, x.Device).Mul(sigma);
        var next = denoised.Mul(MathF.Sqrt(aPrev)).Add(direction).Add(fresh);
        return (scope.MoveToOuter(next), scope.MoveToOuter(denoised));
    }

    /// <summary>
    /// Runs table indices tStart−1 … 0 from x (Deforum's decode; CompVis sample() is tStart = the table length).
    /// The callback gets the updated x (editable in place), the step, the timestep and x̂₀.
    /// Port of Deforum v0.4 ldm ddim.py::decode and CompVis ddim.py::ddim_sampling.
    /// </summary>
    public static Tensor Sample(INoisePredictor model, Tensor x, DdimSchedule schedule, int tStart, SamplingContext context)
    {
        if (tStart < 0 || tStart > schedule.Length) throw new ArgumentOutOfRangeException(nameof(tStart), tStart, $"t_start must be within 0 … {schedule.Length}");
        using var run = DisposeScope.Begin();
        var current = x.Clone();
        for (int i = 0; i < tStart; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var step = DisposeScope.Begin();
            int index = tStart - 1 - i, timestep = schedule.Timesteps[index];
            var (next, denoised) = Step(current, model.Predict(current, timestep), schedule, index, context.Noise);
            current.Copy_(next);
            context.Report(current, i, timestep, timestep, denoised);
        }
        return run.MoveToOuter(current);
    }

    /// <summary>q(x_k | x₀) at DDIM table index k: √a_k·x₀ + √(1−a_k)·noise. Port of CompVis ddim.py::stochastic_encode.</summary>
    public static Tensor StochasticEncode(Tensor x0, DdimSchedule schedule, int index, Tensor noise)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(x0.Mul(MathF.Sqrt(schedule.Alphas[index])).Add(noise.Mul(schedule.SqrtOneMinusAlphas[index])));
    }
}
