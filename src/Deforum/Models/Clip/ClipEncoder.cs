using Deforum.Models.Config;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Clip;

/// <summary>The stack of transformer layers (HF CLIPEncoder; keys <c>layers.N.*</c>).</summary>
internal sealed class ClipEncoder : Module
{
    readonly ModuleList<ClipEncoderLayer> _layers;

    public ClipEncoder(TextEncoderConfig c) =>
        _layers = Register("layers", new ModuleList<ClipEncoderLayer>(Enumerable.Range(0, c.NumLayers).Select(_ => new ClipEncoderLayer(c))));

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        foreach (var layer in _layers.Items) x = layer.Forward(x);
        return scope.MoveToOuter(x);
    }
}
