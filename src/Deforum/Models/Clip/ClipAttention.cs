using Deforum.Models.Config;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Clip;

/// <summary>Causal multi-head self-attention of one CLIP layer (HF CLIPAttention: q/k/v/out projections).</summary>
internal sealed class ClipAttention : Module
{
    readonly Linear _q, _k, _v, _out;
    readonly int _heads;

    public ClipAttention(TextEncoderConfig c)
    {
        _heads = c.NumHeads;
        _q = Register("q_proj", new Linear(c.HiddenSize, c.HiddenSize));
        _k = Register("k_proj", new Linear(c.HiddenSize, c.HiddenSize));
        _v = Register("v_proj", new Linear(c.HiddenSize, c.HiddenSize));
        _out = Register("out_proj", new Linear(c.HiddenSize, c.HiddenSize));
    }

    /// <summary>x [B, L, D] → [B, L, D]; each token sees itself and the tokens before it (padding is not masked).</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        long b = x.Size(0), l = x.Size(1), d = x.Size(2);
        var q = SplitHeads(_q.Forward(x), b, l, d);
        var k = SplitHeads(_k.Forward(x), b, l, d);
        var v = SplitHeads(_v.Forward(x), b, l, d);
        var attended = F.ScaledDotProductAttention(q, k, v, isCausal: true); // [B, heads, L, head_dim]
        var merged = attended.Transpose(1, 2).Reshape(b, l, d);               // [B, L, D]
        return scope.MoveToOuter(_out.Forward(merged));
    }

    Tensor SplitHeads(Tensor t, long b, long l, long d) =>
        t.View(b, l, _heads, d / _heads) // [B, L, heads, head_dim]
         .Transpose(1, 2);               // [B, heads, L, head_dim]
}
