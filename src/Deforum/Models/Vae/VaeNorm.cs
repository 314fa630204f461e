using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// The VAE's normalization: GroupNorm(32, eps 1e-6, affine), and the nonlinearity that always follows it.
/// Port of CompVis/stable-diffusion model.py::Normalize and ::nonlinearity.
/// </summary>
internal static class VaeNorm
{
    const int Groups = 32;
    const double Eps = 1e-6;

    public static GroupNorm Create(int channels) => new(Groups, channels, Eps);

    /// <summary>
    /// x·sigmoid(x) as silu, in place on the norm's fresh output (the same function; the two evaluation orders
    /// differ by an ulp). In place saves one full-resolution activation per call.
    /// </summary>
    public static Tensor Nonlinearity(Tensor normed) => normed.Silu_();
}
