using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.DepthAnything;

/// <summary>x · γ per channel. Port of depth_anything_v2/dinov2_layers/layer_scale.py::LayerScale (not in place).</summary>
internal sealed class LayerScale : Module, IDeclaresTensorShapes
{
    readonly long _dim;

    public LayerScale(long dim)
    {
        _dim = dim;
        Parameter("gamma", dim);
    }

    public long[] ShapeOf(string name) => [_dim];

    public Tensor Forward(Tensor x) => x.Mul(Get("gamma"));
}
