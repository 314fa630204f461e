using Deforum.Models.Weights;
using Deforum.Torch;

namespace Deforum.Models.DepthAnything;

/// <summary>
/// The two backbone facts a state dict cannot tell: attention heads (qkv packs them into one matrix) and which blocks
/// feed the DPT head. The released checkpoints get theirs from <see cref="DepthAnythingConfig.Released"/>.
/// </summary>
public sealed record DinoLayout(int NumHeads, IReadOnlyList<int> IntermediateLayers);

/// <summary>
/// Hyperparameters of a Depth-Anything-V2 network (DINOv2 ViT backbone + DPT head). Everything but
/// <see cref="Layout"/> is read off the weights' shapes (<see cref="FromWeights"/>), so the tiny test models and the
/// released Small/Base/Large files load through the same code.
/// Port of DepthAnything/Depth-Anything-V2 depth_anything_v2/dpt.py::DepthAnythingV2.__init__ and dinov2.py::DINOv2.
/// </summary>
public sealed record DepthAnythingConfig
{
    public required int EmbedDim { get; init; }
    /// <summary>Transformer blocks.</summary>
    public required int Depth { get; init; }
    public required int MlpHidden { get; init; }
    public required int PatchSize { get; init; }
    /// <summary>Side of the square grid the position embedding was trained on (37 = 518 / 14).</summary>
    public required int PositionGrid { get; init; }
    /// <summary>DPT fusion width (scratch layers and RefineNets).</summary>
    public required int Features { get; init; }
    /// <summary>Channels after each of the four projections.</summary>
    public required IReadOnlyList<int> OutChannels { get; init; }
    /// <summary>Width of the head's last hidden layer (32 in every release).</summary>
    public required int HeadFeatures2 { get; init; }
    public required DinoLayout Layout { get; init; }

    /// <summary>DINOv2's LayerNorm eps (dinov2.py: partial(nn.LayerNorm, eps=1e-6)).</summary>
    public const double LayerNormEps = 1e-6;

    /// <summary>DINOv2's work-around added to the patch grid before the position embedding is resized.</summary>
    public const double InterpolateOffset = 0.1;

    /// <summary>
    /// The released encoders (dpt.py's intermediate_layer_idx, dinov2.py's vit_small/base/large), found by width and
    /// depth. The Giant (vitg, 1536 wide) uses a SwiGLU feed-forward and is not supported.
    /// </summary>
    public static IReadOnlyList<(string Encoder, int EmbedDim, int Depth, DinoLayout Layout)> Released { get; } =
    [
        ("vits", 384, 12, new DinoLayout(6, [2, 5, 8, 11])),
        ("vitb", 768, 12, new DinoLayout(12, [2, 5, 8, 11])),
        ("vitl", 1024, 24, new DinoLayout(16, [4, 11, 17, 23])),
    ];

    const string Backbone = "pretrained.";
    const string Head = "depth_head.";

    /// <summary>
    /// The config of a Depth-Anything-V2 state dict (keys as the original's <c>torch.save(model.state_dict())</c>).
    /// <paramref name="layout"/> defaults to the released encoder of the same width and depth.
    /// </summary>
    public static DepthAnythingConfig FromWeights(IReadOnlyDictionary<string, Tensor> weights, DinoLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var cls = Shape(weights, Backbone + "cls_token");                      // [1, 1, C]
        var patch = Shape(weights, Backbone + "patch_embed.proj.weight");      // [C, 3, p, p]
        var pos = Shape(weights, Backbone + "pos_embed");                      // [1, 1 + g², C]
        var fc1 = Shape(weights, Backbone + "blocks.0.mlp.fc1.weight");        // [hidden, C]
        var fusion = Shape(weights, Head + "scratch.layer1_rn.weight");        // [features, out0, 3, 3]
        var last = Shape(weights, Head + "scratch.output_conv2.0.weight");     // [head_features_2, features/2, 3, 3]
        int embed = (int)cls[^1];
        int depth = 0;
        while (weights.ContainsKey($"{Backbone}blocks.{depth}.norm1.weight")) depth++;
        int grid = (int)Math.Round(Math.Sqrt(pos[1] - 1));
        if (grid * grid != pos[1] - 1)
            throw new ModelWeightsException($"{Backbone}pos_embed [{string.Join(", ", pos)}] is not a class token plus a square grid of patches");
        var outChannels = Enumerable.Range(0, 4).Select(i => (int)Shape(weights, $"{Head}projects.{i}.weight")[0]).ToList();
        var chosen = layout ?? ReleasedLayout(embed, depth);
        var tapped = chosen.IntermediateLayers;
        if (tapped.Count != 4 || tapped[0] < 0 || tapped[^1] >= depth || tapped.Zip(tapped.Skip(1)).Any(p => p.First >= p.Second))
            throw new ArgumentException(
                $"the DPT head takes 4 increasing block indices below {depth}; got [{string.Join(", ", tapped)}]", nameof(layout));
        if (embed % chosen.NumHeads != 0)
            throw new ArgumentException($"{chosen.NumHeads} attention heads do not divide the embedding width {embed}", nameof(layout));
        return new DepthAnythingConfig
        {
            EmbedDim = embed, Depth = depth, MlpHidden = (int)fc1[0], PatchSize = (int)patch[^1], PositionGrid = grid,
            Features = (int)fusion[0], OutChannels = outChannels, HeadFeatures2 = (int)last[0], Layout = chosen,
        };
    }

    static DinoLayout ReleasedLayout(int embed, int depth)
    {
        if (embed == 1536)
            throw new ModelWeightsException("this is a Depth-Anything-V2 Giant (vitg) checkpoint, whose SwiGLU feed-forward is not supported; use Small, Base or Large");
        return Released.FirstOrDefault(r => r.EmbedDim == embed && r.Depth == depth).Layout
            ?? throw new ModelWeightsException(
                $"the backbone ({embed} wide, {depth} blocks) is none of the released Depth-Anything-V2 encoders " +
                $"({string.Join(", ", Released.Select(r => $"{r.Encoder}: {r.EmbedDim} wide, {r.Depth} blocks"))}); " +
                "for another model give its attention heads and intermediate layers (DinoLayout)");
    }

    static long[] Shape(IReadOnlyDictionary<string, Tensor> weights, string key) =>
        weights.TryGetValue(key, out var t)
            ? t.Shape
            : throw new ModelWeightsException(
                $"not a Depth-Anything-V2 checkpoint: it has no '{key}' (its keys begin {string.Join(", ", weights.Keys.Take(3).Select(k => $"'{k}'"))}); " +
                "use a file from depth-anything/Depth-Anything-V2-Small, -Base or -Large (depth_anything_v2_vit?.pth), or the same state dict as .safetensors");
}
