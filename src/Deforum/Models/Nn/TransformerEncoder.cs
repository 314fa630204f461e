using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Nn;

/// <summary>
/// nn.TransformerEncoder without a final norm: the layers ("layers.i") applied in order on [S, N, E].
/// Port of pytorch/pytorch torch/nn/modules/transformer.py::TransformerEncoder (torch 1.13, no nested-tensor path).
/// </summary>
internal sealed class TransformerEncoder : Module, IForward
{
    readonly ModuleList<TransformerEncoderLayer> _layers;

    public TransformerEncoder(long embedDim, int numHeads, long feedForward, int numLayers) =>
        _layers = Register("layers", new ModuleList<TransformerEncoderLayer>(
            Enumerable.Range(0, numLayers).Select(_ => new TransformerEncoderLayer(embedDim, numHeads, feedForward))));

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Chain.Run(x, [.. _layers.Items.Select(l => (Func<Tensor, Tensor>)l.Forward)]));
    }
}
