using Deforum.Models.Nn;
using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.AdaBins;

/// <summary>
/// Non-overlapping P×P patches embedded by a strided convolution, plus learned positional encodings (one row per patch,
/// at most <see cref="AdaBinsConfig.MaxPatches"/>), through a stack of transformer encoder layers.
/// Port of shariqfarooq123/AdaBins models/layers.py::PatchTransformerEncoder.
/// </summary>
internal sealed class PatchTransformerEncoder : Module, IDeclaresTensorShapes
{
    readonly Conv2d _embeddingConv;
    readonly TransformerEncoder _transformer;
    readonly AdaBinsConfig _c;

    public PatchTransformerEncoder(AdaBinsConfig c)
    {
        _c = c;
        _transformer = Register("transformer_encoder",
            new TransformerEncoder(c.EmbeddingDim, AdaBinsConfig.NumHeads, c.FeedForward, c.TransformerLayers));
        _embeddingConv = Register("embedding_convPxP", new Conv2d(c.DecoderOutChannels, c.EmbeddingDim, c.PatchSize, stride: c.PatchSize));
        Parameter("positional_encodings", c.MaxPatches, c.EmbeddingDim);
    }

    public long[] ShapeOf(string name) => [_c.MaxPatches, _c.EmbeddingDim];

    /// <summary>x [N, C, h, w] → [S, N, E] with S = (h / P)·(w / P) patches, row-major.</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var embeddings = _embeddingConv.Forward(x).Flatten(2); // [N, E, S]
        long s = embeddings.Size(2);
        if (s > _c.MaxPatches)
            throw new ArgumentException(
                $"AdaBins sees {s} patches of {_c.PatchSize}×{_c.PatchSize} px at half resolution but has positional encodings for {_c.MaxPatches}: " +
                "the image is too large (Deforum resizes frames above 500000 pixels before AdaBins)", nameof(x));
        var positions = Get("positional_encodings").Narrow(0, 0, s).Transpose(0, 1).Unsqueeze(0); // [1, E, S]
        var sequence = embeddings.Add(positions).Permute(2, 0, 1); // [S, N, E]
        return scope.MoveToOuter(_transformer.Forward(sequence));
    }
}
