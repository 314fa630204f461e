using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Unet;

/// <summary>
/// Residual block conditioned on the time embedding (added after the first convolution).
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/openaimodel.py::ResBlock (use_scale_shift_norm False).
/// </summary>
internal sealed class ResBlock : Module
{
    const int Groups = 32;
    const double Eps = 1e-5;

    readonly Sequential _inLayers, _embLayers, _outLayers;
    readonly Conv2d? _skip;

    public ResBlock(int channels, int embChannels, int outChannels)
    {
        _inLayers = Register("in_layers", new Sequential(new GroupNorm32(Groups, channels, Eps), new SiLU(), new Conv2d(channels, outChannels, 3, padding: 1)));
        _embLayers = Register("emb_layers", new Sequential(new SiLU(), new Linear(embChannels, outChannels)));
        _outLayers = Register("out_layers", new Sequential(
            new GroupNorm32(Groups, outChannels, Eps), new SiLU(), new Dropout(), new Conv2d(outChannels, outChannels, 3, padding: 1)));
        if (outChannels != channels) _skip = Register("skip_connection", new Conv2d(channels, outChannels, 1));
    }

    /// <summary>x [B, C, H, W], emb [B, E] → [B, C_out, H, W].</summary>
    public Tensor Forward(Tensor x, Tensor emb)
    {
        using var scope = DisposeScope.Begin();
        var h = _inLayers.Forward(x);
        var embOut = _embLayers.Forward(emb).To(h.DType);
        h.Add_(embOut.Unsqueeze(-1).Unsqueeze(-1)); // emb broadcast over [H, W]: [B, C_out, 1, 1]
        h = _outLayers.Forward(h);
        return scope.MoveToOuter(h.Add_(_skip?.Forward(x) ?? x));
    }
}
