using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// DPT's encoder (<c>pretrained</c>): the ViT and the four reassemble stages that turn its hooked tokens into a
/// feature pyramid at 1/4, 1/8, 1/16 and 1/32 of the input. Port of deforum-stable-diffusion src/midas/vit.py::forward_vit.
/// </summary>
internal sealed class DptBackbone : Module
{
    readonly VisionTransformer _model;
    readonly Reassemble[] _reassemble;
    readonly int _patch;

    public DptBackbone(DptConfig c)
    {
        _patch = c.PatchSize;
        _model = Register("model", new VisionTransformer(c));
        _reassemble = [.. Enumerable.Range(1, 4).Select(i => Register($"act_postprocess{i}", new Reassemble(i, c.EmbedDim, c.ReadoutFeatures[i - 1])))];
    }

    public VisionTransformer Model => _model;

    /// <summary>x [B, 3, H, W] → layer_1…layer_4 [B, features_i, H/4, W/4] … [B, features_4, H/32, W/32].</summary>
    public Tensor[] Forward(Tensor x)
    {
        long gh = x.Size(2) / _patch, gw = x.Size(3) / _patch;
        var tokens = _model.Forward(x);
        try
        {
            return [.. _reassemble.Select((stage, i) => stage.Forward(tokens[i], gh, gw))];
        }
        finally
        {
            foreach (var t in tokens) t.Dispose();
        }
    }
}
