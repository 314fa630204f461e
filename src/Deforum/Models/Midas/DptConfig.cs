using System.Globalization;
using Deforum.Models.Weights;

namespace Deforum.Models.Midas;

/// <summary>
/// The sizes of a MiDaS DPT with a plain ViT backbone (the "vitl16_384" path of DPT-Large), read from the
/// checkpoint's tensor shapes so that the real file and the tiny golden model load through the same code. Two
/// things are not in the shapes and follow the timm/DPT conventions: 64-wide attention heads (ViT-B/16 and ViT-L/16),
/// and the hooks at the quarter points of the depth ([5, 11, 17, 23] for 24 blocks, [2, 5, 8, 11] for 12).
/// </summary>
public sealed record DptConfig(
    int EmbedDim,
    int Depth,
    int NumHeads,
    int MlpHidden,
    int PatchSize,
    int PosEmbedGrid,
    int NumClasses,
    IReadOnlyList<int> Hooks,
    IReadOnlyList<int> ReadoutFeatures,
    int Features,
    int HeadHidden)
{
    /// <summary>dpt_large-midas-2f21e586.pt: ViT-L/16 at 384 (24 blocks of 1024, 16 heads), reassemble 256/512/1024/1024, fusion 256.</summary>
    public static DptConfig DptLarge { get; } = new(1024, 24, 16, 4096, 16, 24, 1000, [5, 11, 17, 23], [256, 512, 1024, 1024], 256, 32);

    /// <summary>timm's ViT-B/16 and ViT-L/16 attention head width.</summary>
    public const int HeadDim = 64;

    /// <summary>The image side the network works in: inputs must be multiples of it (reassemble 4 halves the 1/16 grid).</summary>
    public int InputMultiple => 2 * PatchSize;

    const string Vit = "pretrained.model.";

    /// <summary>
    /// The configuration a DPT state dict implies. Keys are the checkpoint's own (pretrained.model.*, pretrained.act_postprocess*,
    /// scratch.*); a missing or inconsistent one is a <see cref="ModelWeightsException"/> that names it.
    /// </summary>
    public static DptConfig FromShapes(IReadOnlyDictionary<string, long[]> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Keys.Any(k => k.StartsWith(Vit + "patch_embed.backbone.", StringComparison.Ordinal)))
            throw new ModelWeightsException("this is a DPT-Hybrid checkpoint (ResNet-50 patch embedding); only DPT-Large (dpt_large-midas-2f21e586.pt, backbone vitl16_384) is supported");
        if (!shapes.ContainsKey("pretrained.act_postprocess1.0.project.0.weight"))
            throw new ModelWeightsException("the checkpoint has no pretrained.act_postprocess1.0.project.0.weight: only the readout 'project' of DPT-Large is supported (is this a MiDaS DPT checkpoint?)");

        var pos = Shape(shapes, Vit + "pos_embed", 3);                  // [1, 1 + grid², D]
        int embed = (int)pos[2];
        int grid = (int)Math.Round(Math.Sqrt(pos[1] - 1));
        if (pos[0] != 1 || grid * grid != pos[1] - 1)
            throw new ModelWeightsException($"{Vit}pos_embed is [{string.Join(", ", pos)}]: expected [1, 1 + n², D] (a class token and a square grid)");
        if (embed % HeadDim != 0)
            throw new ModelWeightsException($"{Vit}pos_embed: embedding width {embed} is not a multiple of the {HeadDim}-wide attention heads");
        var patch = Shape(shapes, Vit + "patch_embed.proj.weight", 4);  // [D, 3, p, p]
        int depth = BlockCount(shapes);
        return new DptConfig(
            EmbedDim: embed,
            Depth: depth,
            NumHeads: embed / HeadDim,
            MlpHidden: (int)Shape(shapes, Vit + "blocks.0.mlp.fc1.weight", 2)[0],
            PatchSize: (int)patch[2],
            PosEmbedGrid: grid,
            NumClasses: (int)Shape(shapes, Vit + "head.weight", 2)[0],
            Hooks: [.. Enumerable.Range(1, 4).Select(k => k * depth / 4 - 1)],
            ReadoutFeatures: [.. Enumerable.Range(1, 4).Select(i => (int)Shape(shapes, $"pretrained.act_postprocess{i}.3.weight", 4)[0])],
            Features: (int)Shape(shapes, "scratch.layer1_rn.weight", 4)[0],
            HeadHidden: (int)Shape(shapes, "scratch.output_conv.2.weight", 4)[0]);
    }

    static int BlockCount(IReadOnlyDictionary<string, long[]> shapes)
    {
        const string blocks = Vit + "blocks.";
        int count = shapes.Keys.Where(k => k.StartsWith(blocks, StringComparison.Ordinal))
            .Select(k => int.Parse(k.AsSpan(blocks.Length, k.IndexOf('.', blocks.Length) - blocks.Length), CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1).Max() + 1;
        if (count < 4)
            throw new ModelWeightsException($"the checkpoint has {count} {blocks}* transformer blocks; DPT reads four hooks, so it needs at least 4");
        return count;
    }

    static long[] Shape(IReadOnlyDictionary<string, long[]> shapes, string key, int dims) =>
        shapes.TryGetValue(key, out var s) && s.Length == dims
            ? s
            : throw new ModelWeightsException(s is null
                ? $"the checkpoint has no '{key}' (is this a MiDaS DPT-Large checkpoint?)"
                : $"'{key}' is [{string.Join(", ", s)}]: expected {dims} dimensions");
}
