using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// Residual block without time conditioning (temb_channels 0), 1×1 shortcut when the width changes.
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/model.py::ResnetBlock.
/// </summary>
internal sealed class ResnetBlock : Module, IForward
{
    readonly GroupNorm _norm1, _norm2;
    readonly Conv2d _conv1, _conv2;
    readonly Conv2d? _ninShortcut;

    public ResnetBlock(int inChannels, int outChannels)
    {
        _norm1 = Register("norm1", VaeNorm.Create(inChannels));
        _conv1 = Register("conv1", new Conv2d(inChannels, outChannels, 3, padding: 1));
        _norm2 = Register("norm2", VaeNorm.Create(outChannels));
        _conv2 = Register("conv2", new Conv2d(outChannels, outChannels, 3, padding: 1));
        if (inChannels != outChannels) _ninShortcut = Register("nin_shortcut", new Conv2d(inChannels, outChannels, 1));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = Chain.Run(x, _norm1.Forward, VaeNorm.Nonlinearity, _conv1.Forward, _norm2.Forward, VaeNorm.Nonlinearity, _conv2.Forward);
        return scope.MoveToOuter(h.Add_(_ninShortcut?.Forward(x) ?? x));
    }
}
