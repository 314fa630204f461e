using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;


/// <summary>
/// Classifier-free guidance on the denoised prediction with uncond and cond batched into one UNet call:
/// D = D_u + (D_c − D_u)·scale. Port of Deforum v0.4 helpers/k_samplers.py::CFGDenoiser; scale 1 skips uc.
/// </summary>
public sealed class CfgDenoiser(CompVisDenoiser inner, Conditioning conditioning) : IDenoiser
{
    public CompVisDenoiser Inner { get; } = inner;
    public Conditioning Conditioning { get; } = conditioning;

    public Tensor Denoise(Tensor x, float sigma)
    {
        if (!Conditioning.Guided) return Inner.Denoise(x, sigma, Conditioning.Cond);
        using var scope = DisposeScope.Begin();
        var both = Inner.Denoise(Tensor.Cat([x, x]), sigma, Tensor.Cat([Conditioning.Uncond, Conditioning.Cond]));  // [2B, 4, H/8, W/8]
        var halves = both.Chunk(2);  // 2 × [B, 4, H/8, W/8]: uncond first
        var (uncond, cond) = (halves[0], halves[1]);
        return scope.MoveToOuter(uncond.Add(cond.Sub(uncond).Mul(Conditioning.Scale)));
    }
}
