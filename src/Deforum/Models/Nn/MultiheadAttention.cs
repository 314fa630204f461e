using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Nn;

/// <summary>
/// nn.MultiheadAttention for self-attention on sequence-first input (batch_first off), without masks: one packed
/// input projection (in_proj_weight [3E, E], in_proj_bias [3E]) split into q, k, v, softmax(q kᵀ/√d) v per head,
/// then out_proj. The head count is not in the weights; the owner states it.
/// Port of pytorch/pytorch torch/nn/functional.py::multi_head_attention_forward (torch 1.13, eval).
/// </summary>
internal sealed class MultiheadAttention : Module, IDeclaresTensorShapes
{
    readonly Linear _outProj;
    readonly long _embed;
    readonly int _heads;

    public MultiheadAttention(long embedDim, int numHeads)
    {
        if (embedDim % numHeads != 0)
            throw new ArgumentException($"embedding width {embedDim} is not divisible by {numHeads} heads", nameof(numHeads));
        (_embed, _heads) = (embedDim, numHeads);
        Parameter("in_proj_weight", 3 * embedDim, embedDim);
        Parameter("in_proj_bias", 3 * embedDim);
        _outProj = Register("out_proj", new Linear(embedDim, embedDim));
    }

    public long[] ShapeOf(string name) => name == "in_proj_weight" ? [3 * _embed, _embed] : [3 * _embed];

    /// <summary>x [S, N, E] → [S, N, E].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        long s = x.Size(0), n = x.Size(1), headDim = _embed / _heads;
        var qkv = F.Linear(x, Get("in_proj_weight"), Get("in_proj_bias")).Chunk(3, dim: -1); // 3 × [S, N, E]
        var heads = qkv.Select(t => t.Reshape(s, n, _heads, headDim).Permute(1, 2, 0, 3)).ToArray(); // 3 × [N, H, S, d]
        var attended = Attention.Compute(heads[0], heads[1], heads[2], 1.0 / Math.Sqrt(headDim)); // [N, H, S, d]
        var merged = attended.Permute(2, 0, 1, 3).Reshape(s, n, _embed); // [S, N, E]
        return scope.MoveToOuter(_outProj.Forward(merged));
    }
}
