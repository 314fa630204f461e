using Deforum.Models.Config;
using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// Latent [B, z, h, w] (after post_quant_conv) → image [B, 3, h·f, w·f].
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/model.py::Decoder.
/// </summary>
internal sealed class Decoder : Module, IForward
{
    readonly Conv2d _convIn, _convOut;
    readonly MidBlock _mid;
    readonly ModuleList<VaeLevel> _up;
    readonly GroupNorm _normOut;

    public Decoder(VaeConfig c)
    {
        int levels = c.ChMult.Count;
        int blockIn = c.Ch * c.ChMult[^1], resolution = c.Resolution >> (levels - 1);
        _convIn = Register("conv_in", new Conv2d(c.ZChannels, blockIn, 3, padding: 1));
        _mid = Register("mid", new MidBlock(blockIn));
        // Built from the lowest resolution up, but indexed like the encoder ("up.0" is the full-resolution level).
        var up = new VaeLevel[levels];
        for (int i = levels - 1; i >= 0; i--)
        {
            int blockOut = c.Ch * c.ChMult[i];
            up[i] = new VaeLevel(blockIn, blockOut, c.NumResBlocks + 1, c.AttnResolutions.Contains(resolution),
                i == 0 ? null : ("upsample", new Upsample(blockOut)));
            blockIn = blockOut;
            if (i != 0) resolution *= 2;
        }
        _up = Register("up", new ModuleList<VaeLevel>(up));
        _normOut = Register("norm_out", VaeNorm.Create(blockIn));
        _convOut = Register("conv_out", new Conv2d(blockIn, c.OutChannels, 3, padding: 1));
    }

    public Tensor Forward(Tensor z)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Chain.Run(z,
            [_convIn.Forward, _mid.Forward, .. _up.Items.Reverse().Select(level => (Func<Tensor, Tensor>)level.Forward),
             _normOut.Forward, VaeNorm.Nonlinearity, _convOut.Forward]));
    }
}
