using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.AdaBins;

/// <summary>
/// The adaptive-bins head: a patch transformer whose first output token regresses the bin widths and whose next
/// n_query tokens are dotted with every pixel's conv3x3 embedding into range-attention maps. Norm 'linear':
/// widths = (relu(y) + 0.1) normalised to sum 1.
/// Port of shariqfarooq123/AdaBins models/miniViT.py::mViT and layers.py::PixelWiseDotProduct.
/// </summary>
internal sealed class MiniViT : Module
{
    const double WidthEps = 0.1;

    readonly PatchTransformerEncoder _patchTransformer;
    readonly Conv2d _conv3x3;
    readonly Sequential _regressor;
    readonly int _queries;

    public MiniViT(AdaBinsConfig c)
    {
        _queries = c.QueryChannels;
        _patchTransformer = Register("patch_transformer", new PatchTransformerEncoder(c));
        _conv3x3 = Register("conv3x3", new Conv2d(c.DecoderOutChannels, c.EmbeddingDim, 3, padding: 1));
        _regressor = Register("regressor", new Sequential(
            new Linear(c.EmbeddingDim, c.RegressorHidden), new LeakyReLU(),
            new Linear(c.RegressorHidden, c.RegressorHidden), new LeakyReLU(),
            new Linear(c.RegressorHidden, c.Bins)));
    }

    /// <summary>x [N, C, h, w] → normalised bin widths [N, bins] and range-attention maps [N, n_query, h, w].</summary>
    public (Tensor BinWidthsNormed, Tensor RangeAttentionMaps) Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var tokens = _patchTransformer.Forward(x); // [S, N, E]
        if (tokens.Size(0) < _queries + 1)
            throw new ArgumentException(
                $"AdaBins needs at least {_queries + 1} patches of 16×16 px at half resolution (one regression token and {_queries} queries); " +
                $"this image gives {tokens.Size(0)}: it is too small (Deforum enlarges frames below 448×448 pixels before AdaBins)", nameof(x));
        var embedded = _conv3x3.Forward(x); // [N, E, h, w]
        long n = embedded.Size(0), e = embedded.Size(1), h = embedded.Size(2), w = embedded.Size(3);
        var regressionHead = tokens.Select(0, 0); // [N, E]
        var queries = tokens.Narrow(0, 1, _queries).Permute(1, 0, 2); // [N, Q, E]
        var maps = embedded.View(n, e, h * w).Permute(0, 2, 1) // [N, hw, E]
            .MatMul(queries.Permute(0, 2, 1)) // [N, hw, Q]
            .Permute(0, 2, 1).Reshape(n, _queries, h, w); // [N, Q, h, w]
        var y = _regressor.Forward(regressionHead).Relu_().Add_(WidthEps); // [N, bins]
        var widths = y.Div(y.Sum(1, keepDim: true));
        return (scope.MoveToOuter(widths), scope.MoveToOuter(maps));
    }
}
