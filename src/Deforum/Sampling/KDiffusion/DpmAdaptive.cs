using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

/// <summary>dpm_adaptive's tuning; the defaults are k-diffusion's, which Deforum passes unchanged.</summary>
/// <param name="Order">3: third-order steps checked against the second-order one (r₁ = 1/3); 2: second against first.</param>
/// <param name="RelativeTolerance">rtol: error scale per element, relative to max(|x_low|, |x_prev|).</param>
/// <param name="AbsoluteTolerance">atol: the least error scale per element.</param>
/// <param name="InitialStep">h_init, the first step in t = −log σ.</param>
/// <param name="PCoefficient">Proportional weight of the step-size controller.</param>
/// <param name="ICoefficient">Integral weight of the step-size controller.</param>
/// <param name="DCoefficient">Derivative weight of the step-size controller.</param>
/// <param name="AcceptSafety">A step is kept when the controller's limited factor reaches this.</param>
public sealed record DpmAdaptiveOptions(int Order = 3, double RelativeTolerance = 0.05, double AbsoluteTolerance = 0.0078,
    double InitialStep = 0.05, double PCoefficient = 0, double ICoefficient = 1, double DCoefficient = 0, double AcceptSafety = 0.81);

public static partial class KSamplers
{
    /// <summary>DPM-Solver-23 over Deforum's σ list (σ_max = the first σ, σ_min = the smallest non-zero one; x unchanged without one).</summary>
    public static Tensor DpmAdaptive(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context) =>
        DpmSolverRange(sigmas) is (float min, float max) ? DpmAdaptive(model, x, min, max, context) : x.Clone();

    /// <summary>
    /// DPM-Solver-12/23 with adaptive steps (Lu et al. 2022) from σ_max to σ_min (not to 0; backwards when σ_min > σ_max).
    /// Each attempt from s to t = s + h (the last clamped to t(σ_min)) computes the embedded pair with <c>Order</c> model
    /// calls (ε at s and at the intermediate points, shared by both solutions), the error
    /// RMS((x_low − x_high)/max(atol, rtol·max(|x_low|, |x_prev|))) and lets <see cref="PidStepSizeController"/>
    /// accept it and rescale h. Accepted: x ← x_high, s ← t, x_prev ← x_low. Every attempt, kept or not, then reports
    /// x, σ(s) of the current s and the attempt's x − σ·ε, with attempts counted from 0 — after the update, unlike the
    /// other k-samplers. Port of k-diffusion v0.0.12 sampling.py::sample_dpm_adaptive (η = 0: the randn_like(x)
    /// added times 0 to each accepted step is drawn and dropped).
    /// </summary>
    public static Tensor DpmAdaptive(IDenoiser model, Tensor x, float sigmaMin, float sigmaMax, SamplingContext context, DpmAdaptiveOptions? options = null)
    {
        CheckDpmSolverRange(sigmaMin, sigmaMax);
        options ??= new DpmAdaptiveOptions();
        if (options.Order is not (2 or 3)) throw new ArgumentOutOfRangeException(nameof(options), options.Order, "order should be 2 or 3");
        double tStart = TimeAt(sigmaMax), tEnd = TimeAt(sigmaMin);
        bool forward = tEnd > tStart;
        var pid = new PidStepSizeController(Math.Abs(options.InitialStep) * (forward ? 1 : -1), options.PCoefficient, options.ICoefficient,
            options.DCoefficient, options.Order, options.AcceptSafety);
        using var run = DisposeScope.Begin();
        var current = x.Clone();
        Tensor? previous = null;  // x_prev, in the run's scope; null while the original still aliases it to x
        double s = tStart;
        for (int attempt = 0; forward ? s < tEnd - 1e-5 : s > tEnd + 1e-5; attempt++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var stepScope = DisposeScope.Begin();
            double t = forward ? Math.Min(tEnd, s + pid.H) : Math.Max(tEnd, s + pid.H);
            if (t == s) throw new InvalidOperationException($"dpm_adaptive: the step size {pid.H} no longer moves t = {s}");
            var step = new DpmSolverStep(model, current, s, t);
            var (low, high) = options.Order == 2 ? (step.First(), step.Second()) : (step.Second(1.0 / 3), step.Third());
            var scale = low.Abs().Maximum((previous ?? current).Abs()).Mul(options.RelativeTolerance).Clamp(min: options.AbsoluteTolerance);
            double error = low.Sub(high).Div(scale).Norm().Item() / Math.Sqrt(current.NumElements);
            if (!double.IsFinite(error))
                throw new InvalidOperationException($"dpm_adaptive: the error estimate is {error} at σ = {step.Sigma} (the model returned NaN or ∞)");
            if (pid.ProposeStep(error))
            {
                previous?.Dispose();
                previous = stepScope.MoveToOuter(low);
                current.Copy_(high);
                context.Noise.RandnLike(current).Dispose();
                s = t;
            }
            float sigma = SigmaAt(s);
            context.Report(current, attempt, sigma, sigma, step.Denoised);
        }
        return run.MoveToOuter(current);
    }

    /// <summary>
    /// k-diffusion's PIDStepSizeController: over the inverse errors e₀ (now), e₁, e₂ (the last two kept steps),
    /// factor = 1 + atan(e₀^b₁·e₁^b₂·e₂^b₃ − 1), b₁ = (p + i + d)/order, b₂ = −(p + 2d)/order, b₃ = d/order; the step is
    /// kept when factor ≥ accept_safety, and h is multiplied by factor either way. With the defaults (i = 1, order 3) a
    /// step is kept while its error is below about 1.9 (factor = 1 + atan(error^(−1/3) − 1) ≥ 0.81), not 1.
    /// </summary>
    sealed class PidStepSizeController(double h, double pCoefficient, double iCoefficient, double dCoefficient, double order, double acceptSafety)
    {
        /// <summary>Keeps 1/error finite at error 0.</summary>
        const double Epsilon = 1e-8;

        readonly double _b1 = (pCoefficient + iCoefficient + dCoefficient) / order;
        readonly double _b2 = -(pCoefficient + 2 * dCoefficient) / order;
        readonly double _b3 = dCoefficient / order;
        double[]? _inverseErrors;

        public double H { get; private set; } = h;

        public bool ProposeStep(double error)
        {
            double inverse = 1 / (error + Epsilon);
            _inverseErrors ??= [inverse, inverse, inverse];
            _inverseErrors[0] = inverse;
            double factor = 1 + Math.Atan(Math.Pow(_inverseErrors[0], _b1) * Math.Pow(_inverseErrors[1], _b2) * Math.Pow(_inverseErrors[2], _b3) - 1);
            bool accept = factor >= acceptSafety;
            if (accept)
            {
                _inverseErrors[2] = _inverseErrors[1];
                _inverseErrors[1] = _inverseErrors[0];
            }
            H *= factor;
            return accept;
        }
    }
}
