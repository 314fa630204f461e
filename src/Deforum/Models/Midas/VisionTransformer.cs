using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// The timm VisionTransformer inside DPT (<c>pretrained.model</c>), run as DPT's forward_flex: any input whose sides
/// are multiples of the patch size, with the position embedding's grid resized bilinearly to the input's. Returns the
/// outputs of the hooked blocks; the final norm and the classifier head are loaded (the checkpoint has them) but their
/// results are never read in DPT, so they are not computed. Port of deforum-stable-diffusion src/midas/vit.py
/// (forward_flex, _resize_pos_embed) over timm v0.6 models/vision_transformer.py::VisionTransformer.
/// </summary>
internal sealed class VisionTransformer : Module, IDeclaresTensorShapes
{
    const string ClassToken = "cls_token", PosEmbed = "pos_embed";

    readonly DptConfig _c;
    readonly Conv2d _patchProj;
    readonly ModuleList<VitBlock> _blocks;

    public VisionTransformer(DptConfig c)
    {
        _c = c;
        Parameter(ClassToken, ShapeOf(ClassToken));
        Parameter(PosEmbed, ShapeOf(PosEmbed));
        _patchProj = Register("patch_embed", new PatchEmbed(c)).Proj;
        _blocks = Register("blocks", new ModuleList<VitBlock>(Enumerable.Range(0, c.Depth).Select(_ => new VitBlock(c))));
        Register("norm", new LayerNorm(c.EmbedDim, VitBlock.LayerNormEps));
        Register("head", new Linear(c.EmbedDim, c.NumClasses));
    }

    public long[] ShapeOf(string name) => name switch
    {
        ClassToken => [1, 1, _c.EmbedDim],
        PosEmbed => [1, 1 + _c.PosEmbedGrid * _c.PosEmbedGrid, _c.EmbedDim],
        _ => throw new KeyNotFoundException(name),
    };

    /// <summary>x [B, 3, H, W] (H, W multiples of the patch) → the tokens [B, 1 + h·w, D] after each hooked block.</summary>
    public Tensor[] Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        long b = x.Size(0), gh = x.Size(2) / _c.PatchSize, gw = x.Size(3) / _c.PatchSize;
        var patches = _patchProj.Forward(x).Flatten(2).Transpose(1, 2);                 // [B, h·w, D]
        var cls = Get(ClassToken).Expand(b, -1, -1);                                      // [B, 1, D]
        var h = Tensor.Cat([cls, patches], 1).Add_(ResizedPosEmbed(gh, gw));              // [B, 1 + h·w, D]
        var hooked = new List<Tensor>(_c.Hooks.Count);
        // blocks past the last hook only feed the unused final norm
        for (int i = 0; hooked.Count < _c.Hooks.Count; i++)
        {
            var output = _blocks[i].Forward(h);
            if (hooked.Count == 0 || !ReferenceEquals(h, hooked[^1])) h.Dispose(); // activations are freed as soon as they are consumed
            if (i == _c.Hooks[hooked.Count]) hooked.Add(output);
            h = output;
        }
        return [.. hooked.Select(scope.MoveToOuter)];
    }

    /// <summary>The class token's embedding, then the grid's resized (bilinear, align_corners false) to gh × gw: [1, 1 + gh·gw, D].</summary>
    public Tensor ResizedPosEmbed(long gh, long gw)
    {
        using var scope = DisposeScope.Begin();
        var pos = Get(PosEmbed);
        long d = pos.Size(2), g = _c.PosEmbedGrid;
        var grid = pos.Narrow(1, 1, g * g).Reshape(1, g, g, d).Permute(0, 3, 1, 2);      // [1, D, g, g]
        var resized = F.Interpolate(grid, (gh, gw), InterpolateMode.Bilinear, alignCorners: false)
            .Permute(0, 2, 3, 1).Reshape(1, gh * gw, d);                                  // [1, gh·gw, D]
        return scope.MoveToOuter(Tensor.Cat([pos.Narrow(1, 0, 1), resized], 1));
    }

    /// <summary>timm's PatchEmbed: only its projection has weights (no norm in ViT-L/16).</summary>
    sealed class PatchEmbed : Module
    {
        public PatchEmbed(DptConfig c) => Proj = Register("proj", new Conv2d(3, c.EmbedDim, c.PatchSize, stride: c.PatchSize));

        public Conv2d Proj { get; }
    }
}
