using Deforum.Models.EfficientNet;
using Deforum.Models.Weights;

namespace Deforum.Models.AdaBins;

/// <summary>
/// The sizes of a UnetAdaptiveBins. <see cref="FromShapes"/> reads them from a checkpoint's tensor shapes, so the real
/// AdaBins_nyu.pt and a tiny test model load through the same code; what the weights cannot tell (strides, the head
/// count, the depth range) is the original's and fixed here.
/// </summary>
public sealed record AdaBinsConfig(
    EfficientNetConfig Encoder,
    int DecoderFeatures,
    int DecoderOutChannels,
    int EmbeddingDim,
    int TransformerLayers,
    int FeedForward,
    int PatchSize,
    int MaxPatches,
    int QueryChannels,
    int RegressorHidden,
    int Bins)
{
    /// <summary>nn.MultiheadAttention's head count is not in the weights; mViT always uses its default, 4.</summary>
    public const int NumHeads = 4;

    /// <summary>InferenceHelper's depth range for dataset 'nyu' (metres): the bins span it, predictions are clipped to it.</summary>
    public const double MinDepth = 1e-3, MaxDepth = 10;

    /// <summary>DecoderBN reads these encoder outputs as x_block0 … x_block3 (Encoder.forward's features[4], [5], [6], [8]).</summary>
    public static IReadOnlyList<int> SkipStages { get; } = [0, 1, 2, 4];

    /// <summary>
    /// AdaBins_nyu.pt: tf_efficientnet_b5_ap, DecoderBN(num_features 2048, num_classes 128), mViT(128, n_query_channels
    /// 128, patch_size 16, embedding_dim 128, 4 layers of width 1024), 256 bins
    /// (shariqfarooq123/AdaBins models/unet_adaptive_bins.py::UnetAdaptiveBins.build(n_bins=256)).
    /// </summary>
    public static AdaBinsConfig Nyu { get; } = new(EfficientNetConfig.B5, 2048, 128, 128, 4, 1024, 16, 500, 128, 256, 256);

    /// <summary>The number of DecoderBN's up-sampling stages (up1 … up4), each halving the width.</summary>
    public const int DecoderStages = 4;

    /// <summary>Reads the sizes from the shapes of a state dict (keys as UnetAdaptiveBins names them, no 'module.' prefix).</summary>
    public static AdaBinsConfig FromShapes(IReadOnlyDictionary<string, long[]> shapes, string source)
    {
        long[] Shape(string key) => shapes.TryGetValue(key, out var s) ? s
            : throw new ModelWeightsException($"'{source}' has no tensor '{key}': it is not an AdaBins checkpoint (AdaBins_nyu.pt)");
        int Dim(string key, int dim, int rank)
        {
            var s = Shape(key);
            return s.Length == rank ? (int)s[dim]
                : throw new ModelWeightsException($"'{source}': '{key}' has shape [{string.Join(", ", s)}], expected {rank} dimensions");
        }

        const string enc = "encoder.original_model.";
        var stages = new List<IReadOnlyList<BlockConfig>>();
        for (int s = 0; s < EfficientNetConfig.StageStrides.Count; s++)
        {
            var blocks = new List<BlockConfig>();
            for (int i = 0; shapes.ContainsKey($"{enc}blocks.{s}.{i}.conv_dw.weight"); i++)
                blocks.Add(Block($"{enc}blocks.{s}.{i}.", i == 0 ? EfficientNetConfig.StageStrides[s] : 1));
            if (blocks.Count == 0)
                throw new ModelWeightsException($"'{source}' has no blocks in encoder stage {s} ('{enc}blocks.{s}.0.*'): it is not an AdaBins checkpoint (AdaBins_nyu.pt)");
            stages.Add(blocks);
        }
        var encoder = new EfficientNetConfig(Dim($"{enc}conv_stem.weight", 0, 4), stages, Dim($"{enc}conv_head.weight", 0, 4));

        const string vit = "adaptive_bins_layer.";
        int layers = 0;
        while (shapes.ContainsKey($"{vit}patch_transformer.transformer_encoder.layers.{layers}.linear1.weight")) layers++;
        int embedding = Dim($"{vit}patch_transformer.embedding_convPxP.weight", 0, 4);
        if (embedding % NumHeads != 0)
            throw new ModelWeightsException($"'{source}': the patch embedding width {embedding} does not split into {NumHeads} attention heads");
        return new AdaBinsConfig(
            encoder,
            DecoderFeatures: Dim("decoder.conv2.weight", 0, 4),
            DecoderOutChannels: Dim("decoder.conv3.weight", 0, 4),
            EmbeddingDim: embedding,
            TransformerLayers: layers,
            FeedForward: Dim($"{vit}patch_transformer.transformer_encoder.layers.0.linear1.weight", 0, 2),
            PatchSize: Dim($"{vit}patch_transformer.embedding_convPxP.weight", 2, 4),
            MaxPatches: Dim($"{vit}patch_transformer.positional_encodings", 0, 2),
            QueryChannels: Dim("conv_out.0.weight", 1, 4),
            RegressorHidden: Dim($"{vit}regressor.0.weight", 0, 2),
            Bins: Dim("conv_out.0.weight", 0, 4));

        BlockConfig Block(string p, int stride)
        {
            int kernel = Dim(p + "conv_dw.weight", 2, 4), se = Dim(p + "se.conv_reduce.weight", 0, 4);
            return shapes.ContainsKey(p + "conv_pwl.weight")
                ? new BlockConfig(BlockKind.InvertedResidual, Dim(p + "conv_pw.weight", 1, 4), Dim(p + "conv_pw.weight", 0, 4),
                    Dim(p + "conv_pwl.weight", 0, 4), kernel, stride, se)
                : new BlockConfig(BlockKind.DepthwiseSeparable, Dim(p + "conv_dw.weight", 0, 4), Dim(p + "conv_dw.weight", 0, 4),
                    Dim(p + "conv_pw.weight", 0, 4), kernel, stride, se);
        }
    }
}
