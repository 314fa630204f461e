using Deforum.Torch;

namespace Deforum.Sampling.CompVis;

/// <summary>
/// Pseudo linear multistep (Liu et al. 2022): Adams–Bashforth combinations of the last ε's fed to the DDIM update;
/// the first step is a Heun-like pair of evaluations. Port of CompVis plms.py::plms_sampling / p_sample_plms.
/// </summary>
public static class Plms
{
    const int History = 3;

    public static Tensor Sample(INoisePredictor model, Tensor x, DdimSchedule schedule, SamplingContext context)
    {
        if (schedule.Eta != 0) throw new ArgumentException("PLMS requires η = 0 (the original raises ValueError)", nameof(schedule));
        using var run = DisposeScope.Begin();
        var current = x.Clone();
        var oldEps = new List<Tensor>();  // raw ε of earlier steps, newest last, in the run's scope
        int total = schedule.Length;
        for (int i = 0; i < total; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var step = DisposeScope.Begin();
            int index = total - 1 - i, timestep = schedule.Timesteps[index];
            int nextTimestep = schedule.Timesteps[Math.Max(index - 1, 0)];
            var eps = model.Predict(current, timestep).Eps;
            var combined = oldEps.Count == 0
                ? HeunStart(model, current, eps, schedule, index, nextTimestep, context.Noise)
                : AdamsBashforth(eps, oldEps);
            var (next, denoised) = Ddim.Step(current, new NoisePrediction(combined, null), schedule, index, context.Noise);
            oldEps.Add(step.MoveToOuter(eps));
            if (oldEps.Count > History)
            {
                oldEps[0].Dispose();
                oldEps.RemoveAt(0);
            }
            current.Copy_(next);
            context.Report(current, i, timestep, timestep, denoised);
        }
        return run.MoveToOuter(current);
    }

    // (ε + ε(x', t_next))/2 with x' the DDIM step taken with ε (its noise draw included, as the original).
    static Tensor HeunStart(INoisePredictor model, Tensor x, Tensor eps, DdimSchedule schedule, int index, int nextTimestep, INoiseSource noise)
    {
        var (xPrime, _) = Ddim.Step(x, new NoisePrediction(eps, null), schedule, index, noise);
        return eps.Add(model.Predict(xPrime, nextTimestep).Eps).Div(2);
    }

    static Tensor AdamsBashforth(Tensor eps, List<Tensor> old) => old.Count switch
    {
        1 => eps.Mul(3).Sub(old[^1]).Div(2),
        2 => eps.Mul(23).Sub(old[^1].Mul(16)).Add(old[^2].Mul(5)).Div(12),
        _ => eps.Mul(55).Sub(old[^1].Mul(59)).Add(old[^2].Mul(37)).Sub(old[^3].Mul(9)).Div(24),
    };
}
