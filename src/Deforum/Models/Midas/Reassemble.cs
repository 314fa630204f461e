using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// One of DPT's four reassemble stages (<c>pretrained.act_postprocess{1..4}</c>): readout, tokens back onto the 1/16
/// grid, a 1×1 convolution to the stage's width, then ×4 / ×2 transposed convolution (stages 1, 2), nothing (3) or
/// a stride-2 3×3 convolution (4). The original is an nn.Sequential whose entries 1 and 2 (Transpose, Unflatten) have
/// no weights, so the weighted ones keep the keys "0", "3" and "4". Port of deforum-stable-diffusion
/// src/midas/vit.py::_make_vit_b16_backbone and forward_vit.
/// </summary>
internal sealed class Reassemble : Module
{
    readonly ProjectReadout _readout;
    readonly Conv2d _project;
    readonly IForward? _resample;

    /// <param name="stage">1–4: 4× up, 2× up, same, 2× down.</param>
    public Reassemble(int stage, int vitFeatures, int features)
    {
        _readout = Register("0", new ProjectReadout(vitFeatures));
        _project = Register("3", new Conv2d(vitFeatures, features, 1));
        _resample = stage switch
        {
            1 => Register("4", new ConvTranspose2d(features, features, 4, stride: 4)),
            2 => Register("4", new ConvTranspose2d(features, features, 2, stride: 2)),
            3 => null,
            4 => Register("4", new Conv2d(features, features, 3, stride: 2, padding: 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "DPT has reassemble stages 1 to 4"),
        };
    }

    /// <summary>tokens [B, 1 + gh·gw, D] → [B, features, s·gh, s·gw] with s = 4, 2, 1, ½.</summary>
    public Tensor Forward(Tensor tokens, long gh, long gw)
    {
        using var scope = DisposeScope.Begin();
        var grid = _readout.Forward(tokens).Transpose(1, 2);                 // [B, D, gh·gw]
        grid = grid.Reshape(grid.Size(0), grid.Size(1), gh, gw);             // [B, D, gh, gw]
        var h = _project.Forward(grid);                                      // [B, features, gh, gw]
        return scope.MoveToOuter(_resample?.Forward(h) ?? h);
    }
}
