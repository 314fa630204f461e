using Deforum.Models.Dpt;
using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.DepthAnything;

/// <summary>
/// The DPT decoder of Depth-Anything-V2: four token maps → projected and resized to 4×, 2×, 1×, ½× the patch grid →
/// RefineNet fusion from coarse to fine → output convolutions at the input resolution → one channel (before the
/// final ReLU, which <see cref="DepthAnythingV2"/> applies).
/// Port of DepthAnything/Depth-Anything-V2 depth_anything_v2/dpt.py::DPTHead (use_clstoken=False, use_bn=False).
/// </summary>
internal sealed class DptHead : Module
{
    readonly ModuleList<Conv2d> _projects;
    readonly ModuleList<Module> _resizeLayers;
    readonly DptScratch _scratch;
    readonly int _patchSize;

    public DptHead(DepthAnythingConfig c)
    {
        _patchSize = c.PatchSize;
        var o = c.OutChannels;
        _projects = Register("projects", new ModuleList<Conv2d>(o.Select(ch => new Conv2d(c.EmbedDim, ch, 1))));
        _resizeLayers = Register("resize_layers", new ModuleList<Module>(
        [
            new ConvTranspose2d(o[0], o[0], 4, stride: 4),
            new ConvTranspose2d(o[1], o[1], 2, stride: 2),
            new Identity(),
            new Conv2d(o[3], o[3], 3, stride: 2, padding: 1),
        ]));
        _scratch = Register("scratch", new DptScratch(c));
    }

    /// <summary>Four tapped backbone outputs on a <paramref name="patchH"/>×<paramref name="patchW"/> grid → [B, 1, p·patchH, p·patchW].</summary>
    public Tensor Forward(IReadOnlyList<DinoFeatures> features, int patchH, int patchW)
    {
        using var scope = DisposeScope.Begin();
        var layers = features.Select((f, i) =>
        {
            var x = f.Patches;                                                                          // [B, N, C]
            var grid = x.Permute(0, 2, 1).Reshape(x.Size(0), x.Size(2), patchH, patchW);               // [B, C, h, w]
            return ((IForward)_resizeLayers[i]).Forward(_projects[i].Forward(grid));                    // [B, out_i, h·4/2/1/½]
        }).ToList();
        var rn = layers.Select((l, i) => _scratch.LayerRn[i].Forward(l)).ToList();                      // [B, F, ...] each
        (long, long) SizeOf(Tensor t) => (t.Size(2), t.Size(3));
        var path4 = _scratch.RefineNet[3].Forward(rn[3], null, SizeOf(rn[2]));
        var path3 = _scratch.RefineNet[2].Forward(path4, rn[2], SizeOf(rn[1]));
        var path2 = _scratch.RefineNet[1].Forward(path3, rn[1], SizeOf(rn[0]));
        var path1 = _scratch.RefineNet[0].Forward(path2, rn[0], null);                                 // [B, F, 8h, 8w]
        var hidden = F.Interpolate(_scratch.OutputConv1.Forward(path1), (patchH * _patchSize, patchW * _patchSize),
            InterpolateMode.Bilinear, alignCorners: true);                                              // [B, F/2, p·h, p·w]
        return scope.MoveToOuter(_scratch.OutputConv2.Forward(hidden));                                 // [B, 1, p·h, p·w]
    }

    /// <summary>nn.Module "scratch" of the original: the fusion-width convolutions, the RefineNets and the output layers.</summary>
    sealed class DptScratch : Module
    {
        public DptScratch(DepthAnythingConfig c)
        {
            LayerRn = [.. c.OutChannels.Select((ch, i) => Register($"layer{i + 1}_rn", new Conv2d(ch, c.Features, 3, padding: 1, bias: false)))];
            RefineNet = [.. Enumerable.Range(1, 4).Select(i => Register($"refinenet{i}", new FeatureFusionBlock(c.Features)))];
            OutputConv1 = Register("output_conv1", new Conv2d(c.Features, c.Features / 2, 3, padding: 1));
            OutputConv2 = Register("output_conv2", new Sequential(
                new Conv2d(c.Features / 2, c.HeadFeatures2, 3, padding: 1), new ReLU(),
                new Conv2d(c.HeadFeatures2, 1, 1), new ReLU(), new Identity()));
        }

        public IReadOnlyList<Conv2d> LayerRn { get; }
        public IReadOnlyList<FeatureFusionBlock> RefineNet { get; }
        public Conv2d OutputConv1 { get; }
        public Sequential OutputConv2 { get; }
    }
}
