using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.DepthAnything;

/// <summary>One tapped block's output after the final LayerNorm: patch tokens [B, N, C] and the class token [B, C].</summary>
public sealed record DinoFeatures(Tensor Patches, Tensor ClassToken) : IDisposable
{
    public void Dispose()
    {
        Patches.Dispose();
        ClassToken.Dispose();
    }
}

/// <summary>
/// The DINOv2 ViT encoder as Depth-Anything-V2 uses it: patch embedding, class token, a learned position embedding
/// resized to the input's patch grid, pre-norm blocks with LayerScale, one final LayerNorm. No register tokens, no
/// block chunks (block_chunks=0, num_register_tokens=0 in every release).
/// Port of DepthAnything/Depth-Anything-V2 depth_anything_v2/dinov2.py::DinoVisionTransformer.
/// </summary>
public sealed class DinoVisionTransformer : Module, IDeclaresTensorShapes
{
    readonly DepthAnythingConfig _c;
    readonly PatchEmbed _patchEmbed;
    readonly ModuleList<DinoBlock> _blocks;
    readonly LayerNorm _norm;

    internal DinoVisionTransformer(DepthAnythingConfig c)
    {
        _c = c;
        Parameter("cls_token", ShapeOf("cls_token"));
        Parameter("pos_embed", ShapeOf("pos_embed"));
        Parameter("mask_token", ShapeOf("mask_token")); // training only; kept so the state dict loads totally
        _patchEmbed = Register("patch_embed", new PatchEmbed(c.PatchSize, c.EmbedDim));
        _blocks = Register("blocks", new ModuleList<DinoBlock>(Enumerable.Range(0, c.Depth).Select(_ => new DinoBlock(c))));
        _norm = Register("norm", new LayerNorm(c.EmbedDim, DepthAnythingConfig.LayerNormEps));
    }

    public long[] ShapeOf(string name) => name switch
    {
        "cls_token" => [1, 1, _c.EmbedDim],
        "pos_embed" => [1, 1 + (long)_c.PositionGrid * _c.PositionGrid, _c.EmbedDim],
        "mask_token" => [1, _c.EmbedDim],
        _ => throw new KeyNotFoundException($"{nameof(DinoVisionTransformer)} has no tensor '{name}'"),
    };

    /// <summary>
    /// interpolate_pos_encoding for an input of <paramref name="height"/>×<paramref name="width"/> pixels → [1, 1 + N, C]:
    /// unchanged when the input has the training grid and is square; otherwise the patch part is resized bicubically
    /// by the scale ((H/p + 0.1)/g, (W/p + 0.1)/g) (not to a size: the kernel samples by that scale), in float32.
    /// </summary>
    public Tensor InterpolatePositionEncoding(int height, int width)
    {
        using var scope = DisposeScope.Begin();
        var pos = Get("pos_embed");
        int g = _c.PositionGrid, ph = height / _c.PatchSize, pw = width / _c.PatchSize;
        if (ph * pw == g * g && height == width) return scope.MoveToOuter(pos.Clone());
        var full = pos.To(DType.Float32);
        var classPos = full.Narrow(1, 0, 1);                                                           // [1, 1, C]
        var grid = full.Narrow(1, 1, (long)g * g).Reshape(1, g, g, _c.EmbedDim).Permute(0, 3, 1, 2); // [1, C, g, g]
        double sqrtN = Math.Sqrt((double)g * g);
        var scale = ((ph + DepthAnythingConfig.InterpolateOffset) / sqrtN, (pw + DepthAnythingConfig.InterpolateOffset) / sqrtN);
        var resized = F.Interpolate(grid, scale, InterpolateMode.Bicubic);                               // [1, C, ph, pw]
        if (resized.Size(2) != ph || resized.Size(3) != pw)
            throw new InvalidOperationException($"position embedding resized to [{resized.Size(2)}, {resized.Size(3)}], expected [{ph}, {pw}]");
        var patchPos = resized.Permute(0, 2, 3, 1).Reshape(1, (long)ph * pw, _c.EmbedDim);            // [1, N, C]
        return scope.MoveToOuter(Tensor.Cat([classPos, patchPos], 1).To(pos.DType));                  // [1, 1 + N, C]
    }

    /// <summary>
    /// get_intermediate_layers(x, layers, return_class_token=True): x [B, 3, H, W] (multiples of the patch size) → for each
    /// tapped block, in order, its normalised patch tokens and class token. The caller owns the features.
    /// </summary>
    public IReadOnlyList<DinoFeatures> GetIntermediateLayers(Tensor x, IReadOnlyList<int> layers)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(layers);
        using var scope = DisposeScope.Begin();
        var h = PrepareTokens(x);                                                                        // [B, 1 + N, C]
        var taken = new List<Tensor>();
        for (int i = 0; taken.Count < layers.Count; i++)
        {
            var next = _blocks[i].Forward(h);
            if (!taken.Contains(h)) h.Dispose(); // a block's input is only kept when it was tapped
            h = next;
            if (layers.Contains(i)) taken.Add(h);
        }
        return taken.Select(t =>
        {
            var normed = _norm.Forward(t);                                                               // [B, 1 + N, C]
            return new DinoFeatures(
                scope.MoveToOuter(normed.Narrow(1, 1, normed.Size(1) - 1)),                              // [B, N, C]
                scope.MoveToOuter(normed.Select(1, 0)));                                                 // [B, C]
        }).ToList();
    }

    /// <summary>Patch tokens with the class token in front, plus the position embedding → [B, 1 + N, C].</summary>
    Tensor PrepareTokens(Tensor x)
    {
        if (x.Shape.Length != 4 || x.Shape[1] != 3 || x.Shape[2] % _c.PatchSize != 0 || x.Shape[3] % _c.PatchSize != 0)
            throw new ArgumentException(
                $"the input must be [B, 3, H, W] with H and W multiples of {_c.PatchSize}; got [{string.Join(", ", x.Shape)}]", nameof(x));
        using var scope = DisposeScope.Begin();
        var patches = _patchEmbed.Forward(x);                                                          // [B, N, C]
        var cls = Get("cls_token").Expand(patches.Size(0), 1, _c.EmbedDim);                            // [B, 1, C]
        var tokens = Tensor.Cat([cls, patches], 1);                                                   // [B, 1 + N, C]
        return scope.MoveToOuter(tokens.Add(InterpolatePositionEncoding((int)x.Size(2), (int)x.Size(3))));
    }
}
