using Deforum.Models.Nn;
using Deforum.Torch.Modules;

namespace Deforum.Models.Weights;

/// <summary>
/// The shape every declared tensor of a module tree must have, derived from its layers' sizes (which the config
/// chose), so a checkpoint can be checked against the config before anything is loaded.
/// </summary>
public static class ParameterShapes
{
    /// <summary>Full dotted name → shape, in declaration order.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> Of(Module module) => Walk(module, "").ToList();

    static IEnumerable<(string, long[])> Walk(Module module, string prefix)
    {
        var own = module.NamedTensors().Take(OwnTensorCount(module)).ToList();
        if (own.Count > 0)
        {
            var shapeOf = LeafShapes(module)
                ?? throw new InvalidOperationException($"{module.GetType().Name} declares tensors but has no shape rule in {nameof(ParameterShapes)}");
            foreach (var (name, _, _) in own) yield return (prefix + name, shapeOf(name));
        }
        foreach (var (childName, child) in module.NamedChildren())
            foreach (var entry in Walk(child, prefix + childName + "."))
                yield return entry;
    }

    // NamedTensors lists a module's own tensors first, then its children's.
    static int OwnTensorCount(Module module) =>
        module.NamedTensors().Count() - module.NamedChildren().Sum(c => c.Module.NamedTensors().Count());

    static Func<string, long[]>? LeafShapes(Module module) => module switch
    {
        Linear l => name => name == "weight" ? [l.OutFeatures, l.InFeatures] : [l.OutFeatures],
        Conv2d c => name => name == "weight" ? [c.OutChannels, c.InChannels / c.Groups, c.KernelSize, c.KernelSize] : [c.OutChannels],
        ConvTranspose2d t => name => name == "weight" ? [t.InChannels, t.OutChannels, t.KernelSize, t.KernelSize] : [t.OutChannels],
        GroupNorm g => _ => [g.NumChannels],
        GroupNorm32 g => _ => [g.NumChannels],
        LayerNorm l => _ => [.. l.NormalizedShape],
        Embedding e => _ => [e.NumEmbeddings, e.EmbeddingDim],
        IDeclaresTensorShapes d => d.ShapeOf,
        _ => null,
    };
}
