using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Nn;

/// <summary>
/// nn.TransformerEncoderLayer with its defaults (post-norm, ReLU, LayerNorm eps 1e-5; dropout is the identity at
/// inference): x = norm1(x + self_attn(x)); x = norm2(x + linear2(relu(linear1(x)))), on [S, N, E].
/// Port of pytorch/pytorch torch/nn/modules/transformer.py::TransformerEncoderLayer (torch 1.13, the non-fused path
/// batch_first=False takes).
/// </summary>
internal sealed class TransformerEncoderLayer : Module, IForward
{
    readonly MultiheadAttention _selfAttn;
    readonly Linear _linear1, _linear2;
    readonly LayerNorm _norm1, _norm2;

    public TransformerEncoderLayer(long embedDim, int numHeads, long feedForward)
    {
        _selfAttn = Register("self_attn", new MultiheadAttention(embedDim, numHeads));
        _linear1 = Register("linear1", new Linear(embedDim, feedForward));
        _linear2 = Register("linear2", new Linear(feedForward, embedDim));
        _norm1 = Register("norm1", new LayerNorm(embedDim));
        _norm2 = Register("norm2", new LayerNorm(embedDim));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = _norm1.Forward(x.Add(_selfAttn.Forward(x)));
        var ff = _linear2.Forward(_linear1.Forward(h).Relu_());
        return scope.MoveToOuter(_norm2.Forward(h.Add(ff)));
    }
}
