using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>σ(t) = e^(−t) as a float32 value (the original's σ are float32 tensors); the model sees this value.</summary>
    static float SigmaAt(double t) => (float)Math.Exp(-t);

    /// <summary>t(σ) = −log σ, DPM-Solver's time (it grows as σ falls).</summary>
    static double TimeAt(double sigma) => -Math.Log(sigma);

    /// <summary>
    /// σ_max and σ_min as Deforum's k-diffusion glue derives them for dpm_fast / dpm_adaptive: the first σ of the
    /// (img2img-shortened) list and the smallest non-zero one (σ_max itself when no later σ is smaller and non-zero).
    /// Null when the list holds no non-zero σ — strength 1, t_enc = 0: the original raises there ("sigma_min and
    /// sigma_max must not be 0"); this port returns x unchanged, as every other sampler does with a one-value list.
    /// </summary>
    static (float Min, float Max)? DpmSolverRange(IReadOnlyList<float> sigmas)
    {
        if (sigmas.Count < 1) throw new ArgumentException("the σ list must hold at least the final 0", nameof(sigmas));
        float max = sigmas[0], min = max;
        foreach (float s in sigmas)
            if (s < min && s != 0) min = s;
        return max > 0 ? (min, max) : null;
    }

    static void CheckDpmSolverRange(float sigmaMin, float sigmaMax)
    {
        if (!(sigmaMin > 0) || !float.IsFinite(sigmaMin)) throw new ArgumentOutOfRangeException(nameof(sigmaMin), sigmaMin, "σ_min must be finite and > 0");
        if (!(sigmaMax > 0) || !float.IsFinite(sigmaMax)) throw new ArgumentOutOfRangeException(nameof(sigmaMax), sigmaMax, "σ_max must be finite and > 0");
    }

    /// <summary>
    /// One DPM-Solver step (Lu et al. 2022) from t to t_next in t = −log σ. The solver works on the noise estimate
    /// ε(x, t) = (x − D(x, σ(t)))/σ(t), one model call each: ε at (x, t) is evaluated on construction, ε at s₁ when an
    /// order-2 or -3 solution first needs it and then kept, so an adaptive step's embedded pair (2 with r₁ = 1/3, then
    /// 3) shares it. Port of k-diffusion v0.0.12 sampling.py::DPMSolver.eps and dpm_solver_1/2/3_step.
    /// </summary>
    /// <remarks>
    /// The step holds the live x: an in-place edit between construction and the update (a dpm_fast callback's mask
    /// or threshold) enters the update while ε stays that of the unedited x, as in the original. Scalars are double.
    /// </remarks>
    sealed class DpmSolverStep
    {
        readonly IDenoiser _model;
        readonly Tensor _x;
        readonly double _t, _h;
        readonly float _sigmaNext;
        Tensor? _epsR1;
        double _r1;

        public DpmSolverStep(IDenoiser model, Tensor x, double t, double tNext)
        {
            _model = model;
            _x = x;
            _t = t;
            _h = tNext - t;
            _sigmaNext = SigmaAt(tNext);
            Sigma = SigmaAt(t);
            Eps = EpsAt(x, t);
            Denoised = x.Sub(Eps.Mul(Sigma));
        }

        /// <summary>σ(t) of the step's start.</summary>
        public float Sigma { get; }

        /// <summary>ε(x, t).</summary>
        public Tensor Eps { get; }

        /// <summary>x − σ(t)·ε, computed before any edit of x: what the original reports as denoised.</summary>
        public Tensor Denoised { get; }

        /// <summary>Order 1 (DDIM in t): x − σ(t_next)·(e^h − 1)·ε.</summary>
        public Tensor First() => _x.Sub(Eps.Mul(_sigmaNext * double.ExpM1(_h)));

        /// <summary>Order 2 with its intermediate evaluation at s₁ = t + r₁·h.</summary>
        public Tensor Second(double r1 = 0.5)
        {
            double e = double.ExpM1(_h);
            return _x.Sub(Eps.Mul(_sigmaNext * e)).Sub(EpsR1(r1).Sub(Eps).Mul(_sigmaNext / (2 * r1) * e));
        }

        /// <summary>Order 3 with intermediate evaluations at t + h/3 and t + 2h/3.</summary>
        public Tensor Third()
        {
            const double r1 = 1.0 / 3, r2 = 2.0 / 3;
            double s2 = _t + r2 * _h;
            float sigmaS2 = SigmaAt(s2);
            var u2 = _x.Sub(Eps.Mul(sigmaS2 * double.ExpM1(r2 * _h)))
                .Sub(EpsR1(r1).Sub(Eps).Mul(sigmaS2 * (r2 / r1) * (Phi(r2 * _h) - 1)));
            var epsR2 = EpsAt(u2, s2);
            return _x.Sub(Eps.Mul(_sigmaNext * double.ExpM1(_h))).Sub(epsR2.Sub(Eps).Mul(_sigmaNext / r2 * (Phi(_h) - 1)));
        }

        /// <summary>ε at s₁ = t + r₁·h from u₁ = x − σ(s₁)·(e^(r₁h) − 1)·ε (the original's "eps_r1" cache entry).</summary>
        Tensor EpsR1(double r1)
        {
            if (_epsR1 is null || _r1 != r1)
            {
                double s1 = _t + r1 * _h;
                var u1 = _x.Sub(Eps.Mul(SigmaAt(s1) * double.ExpM1(r1 * _h)));
                _epsR1 = EpsAt(u1, s1);
                _r1 = r1;
            }
            return _epsR1;
        }

        Tensor EpsAt(Tensor x, double t)
        {
            float sigma = SigmaAt(t);
            return x.Sub(_model.Denoise(x, sigma)).Div(sigma);
        }

        /// <summary>(e^h − 1)/h, with its limit 1 at h = 0 (σ_min = σ_max), where the original divides 0 by 0 and returns NaN.</summary>
        static double Phi(double h) => h == 0 ? 1 : double.ExpM1(h) / h;
    }
}
