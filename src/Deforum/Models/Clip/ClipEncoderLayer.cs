using Deforum.Models.Config;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Clip;

/// <summary>One pre-LayerNorm transformer layer: x += attn(ln1(x)); x += mlp(ln2(x)).</summary>
internal sealed class ClipEncoderLayer : Module
{
    readonly LayerNorm _norm1, _norm2;
    readonly ClipAttention _attention;
    readonly ClipMlp _mlp;

    public ClipEncoderLayer(TextEncoderConfig c)
    {
        _attention = Register("self_attn", new ClipAttention(c));
        _norm1 = Register("layer_norm1", new LayerNorm(c.HiddenSize, c.LayerNormEps));
        _mlp = Register("mlp", new ClipMlp(c));
        _norm2 = Register("layer_norm2", new LayerNorm(c.HiddenSize, c.LayerNormEps));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = x + _attention.Forward(_norm1.Forward(x));
        h += _mlp.Forward(_norm2.Forward(h));
        return scope.MoveToOuter(h);
    }
}
