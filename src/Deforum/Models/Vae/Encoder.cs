using Deforum.Models.Config;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// Image [B, 3, H, W] → moments [B, 2·z, H/f, W/f] before quant_conv.
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/model.py::Encoder.
/// </summary>
internal sealed class Encoder : Module, IForward
{
    readonly Conv2d _convIn, _convOut;
    readonly ModuleList<VaeLevel> _down;
    readonly MidBlock _mid;
    readonly GroupNorm _normOut;

    public Encoder(VaeConfig c)
    {
        _convIn = Register("conv_in", new Conv2d(c.InChannels, c.Ch, 3, padding: 1));
        var levels = new List<VaeLevel>();
        int blockIn = c.Ch, resolution = c.Resolution;
        for (int i = 0; i < c.ChMult.Count; i++)
        {
            int blockOut = c.Ch * c.ChMult[i];
            bool last = i == c.ChMult.Count - 1;
            levels.Add(new VaeLevel(blockIn, blockOut, c.NumResBlocks, c.AttnResolutions.Contains(resolution),
                last ? null : ("downsample", new Downsample(blockOut))));
            blockIn = blockOut;
            if (!last) resolution /= 2;
        }
        _down = Register("down", new ModuleList<VaeLevel>(levels));
        _mid = Register("mid", new MidBlock(blockIn));
        _normOut = Register("norm_out", VaeNorm.Create(blockIn));
        _convOut = Register("conv_out", new Conv2d(blockIn, c.DoubleZ ? 2 * c.ZChannels : c.ZChannels, 3, padding: 1));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Chain.Run(x,
            [_convIn.Forward, .. _down.Items.Select(level => (Func<Tensor, Tensor>)level.Forward),
             _mid.Forward, _normOut.Forward, VaeNorm.Nonlinearity, _convOut.Forward]));
    }
}
