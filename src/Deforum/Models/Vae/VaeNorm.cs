using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// The VAE's normalization: GroupNorm(32, eps 1e-6, affine). Its nonlinearity, x·sigmoid(x), is F.Silu (the same
/// function; the two evaluation orders differ by an ulp). Port of CompVis/stable-diffusion model.py::Normalize.
/// </summary>
internal static class VaeNorm
{
    const int Groups = 32;
    const double Eps = 1e-6;

    public static GroupNorm Create(int channels) => new(Groups, channels, Eps);
}
