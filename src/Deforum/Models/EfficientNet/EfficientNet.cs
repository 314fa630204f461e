using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.EfficientNet;

/// <summary>
/// The feature trunk of gen-efficientnet's GenEfficientNet: conv_stem (3×3, stride 2) → bn1 → swish → blocks.{stage}.{i}
/// → conv_head (1×1). Its bn2 is part of the weights but never runs here: AdaBins reads conv_head's raw output.
/// global_pool and classifier are absent (AdaBins replaces them with nn.Identity before training).
/// Port of rwightman/gen-efficientnet-pytorch gen_efficientnet.py::GenEfficientNet.
/// </summary>
internal sealed class EfficientNet : Module
{
    readonly SameConv2d _convStem;
    readonly BatchNorm2d _bn1;
    readonly ModuleList<Sequential> _blocks;
    readonly Conv2d _convHead;

    public EfficientNet(EfficientNetConfig c)
    {
        Config = c;
        _convStem = Register("conv_stem", new SameConv2d(3, c.StemChannels, 3, stride: 2));
        _bn1 = Register("bn1", new BatchNorm2d(c.StemChannels, EfficientNetConfig.BatchNormEps));
        _blocks = Register("blocks", new ModuleList<Sequential>(c.Stages.Select(stage => new Sequential([.. stage.Select(Block)]))));
        _convHead = Register("conv_head", new Conv2d(c.Stages[^1][^1].OutChannels, c.HeadChannels, 1, bias: false));
        Register("bn2", new BatchNorm2d(c.HeadChannels, EfficientNetConfig.BatchNormEps));
    }

    public EfficientNetConfig Config { get; }

    static Module Block(BlockConfig b) => b.Kind == BlockKind.DepthwiseSeparable ? new DepthwiseSeparableConv(b) : new InvertedResidual(b);

    /// <summary>x [B, 3, H, W] → each stage's output (stage s at stride 2^(1+Σ strides)), then conv_head's output [B, head, H/32, W/32].</summary>
    public Tensor[] Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var outputs = new Tensor[_blocks.Count + 1];
        var h = Chain.Run(x, _convStem.Forward, _bn1.Forward, DepthwiseSeparableConv.Swish); // [B, stem, H/2, W/2]
        for (int s = 0; s < _blocks.Count; s++)
            h = outputs[s] = _blocks[s].Forward(h);
        outputs[^1] = _convHead.Forward(h);
        foreach (var o in outputs) scope.MoveToOuter(o);
        return outputs;
    }
}
