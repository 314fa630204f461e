using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Unet;

/// <summary>
/// One UNet stage: layers applied in order, each given what it consumes (ResBlocks the time embedding,
/// transformers the context). Port of CompVis/stable-diffusion openaimodel.py::TimestepEmbedSequential.
/// </summary>
internal sealed class TimestepEmbedSequential(params Module[] layers) : ModuleList<Module>(layers)
{
    public Tensor Forward(Tensor x, Tensor emb, Tensor context)
    {
        using var scope = DisposeScope.Begin();
        var h = x;
        foreach (var layer in Items)
        {
            h = layer switch
            {
                ResBlock res => res.Forward(h, emb),
                SpatialTransformer transformer => transformer.Forward(h, context),
                IForward plain => plain.Forward(h),
                _ => throw new InvalidOperationException($"{layer.GetType().Name} cannot be a UNet stage layer"),
            };
        }
        return scope.MoveToOuter(h);
    }
}
