namespace Deforum.Models.EfficientNet;

public enum BlockKind
{
    /// <summary>Depthwise-separable block (stage 0, expansion 1): conv_dw, se, conv_pw.</summary>
    DepthwiseSeparable,

    /// <summary>Inverted residual (MBConv): conv_pw (expand), conv_dw, se, conv_pwl (project).</summary>
    InvertedResidual,
}

/// <summary>One block: channels in → (expanded) → out, depthwise kernel and stride, squeeze-excitation width.</summary>
public sealed record BlockConfig(BlockKind Kind, int InChannels, int MidChannels, int OutChannels, int Kernel, int Stride, int SeChannels)
{
    /// <summary>The identity shortcut: stride 1 and unchanged width (noskip is off in every EfficientNet).</summary>
    public bool HasResidual => Stride == 1 && InChannels == OutChannels;
}

/// <summary>
/// The widths and depths of a TF-ported EfficientNet (gen-efficientnet's tf_efficientnet_*: TF "same" padding,
/// BatchNorm eps 1e-3, swish). <see cref="Scaled"/> follows gen-efficientnet's builder; a checkpoint's shapes give the
/// same record through the AdaBins key table (AdaBinsConfig.FromShapes).
/// </summary>
public sealed record EfficientNetConfig(int StemChannels, IReadOnlyList<IReadOnlyList<BlockConfig>> Stages, int HeadChannels)
{
    /// <summary>BN_EPS_TF_DEFAULT: the TF ports keep TensorFlow's BatchNorm epsilon.</summary>
    public const double BatchNormEps = 1e-3;

    // EfficientNet-B0's stages (gen_efficientnet.py::_gen_efficientnet arch_def): kind, repeats, kernel, stride,
    // expansion, channels; every block has squeeze-excitation with ratio 0.25 of its input width.
    static readonly (BlockKind Kind, int Repeats, int Kernel, int Stride, int Expansion, int Channels)[] B0Stages =
    [
        (BlockKind.DepthwiseSeparable, 1, 3, 1, 1, 16),
        (BlockKind.InvertedResidual, 2, 3, 2, 6, 24),
        (BlockKind.InvertedResidual, 2, 5, 2, 6, 40),
        (BlockKind.InvertedResidual, 3, 3, 2, 6, 80),
        (BlockKind.InvertedResidual, 3, 5, 1, 6, 112),
        (BlockKind.InvertedResidual, 4, 5, 2, 6, 192),
        (BlockKind.InvertedResidual, 1, 3, 1, 6, 320),
    ];

    const int B0Stem = 32, B0Head = 1280, ChannelDivisor = 8;
    const double SeRatio = 0.25;

    /// <summary>The stride of each stage's first block (the rest have stride 1): fixed by the architecture, not the weights.</summary>
    public static IReadOnlyList<int> StageStrides { get; } = [.. B0Stages.Select(s => s.Stride)];

    /// <summary>tf_efficientnet_b5 / _b5_ap / _b5_ns: width 1.6, depth 2.2 (AdaBins' backbone).</summary>
    public static EfficientNetConfig B5 { get; } = Scaled(1.6, 2.2);

    /// <summary>
    /// B0 scaled as gen-efficientnet's builder scales it: channels round_channels(c·width) to multiples of 8, repeats
    /// ceil(r·depth). Port of rwightman/gen-efficientnet-pytorch efficientnet_builder.py (round_channels,
    /// _scale_stage_depth, block channel rules).
    /// </summary>
    public static EfficientNetConfig Scaled(double widthMultiplier, double depthMultiplier)
    {
        int stem = RoundChannels(B0Stem * widthMultiplier);
        int inChannels = stem;
        var stages = new List<IReadOnlyList<BlockConfig>>();
        foreach (var s in B0Stages)
        {
            int repeats = (int)Math.Ceiling(s.Repeats * depthMultiplier);
            int outChannels = RoundChannels(s.Channels * widthMultiplier);
            var blocks = new List<BlockConfig>();
            for (int i = 0; i < repeats; i++)
            {
                int mid = s.Kind == BlockKind.DepthwiseSeparable ? inChannels : MakeDivisible(inChannels * s.Expansion, ChannelDivisor);
                blocks.Add(new BlockConfig(s.Kind, inChannels, mid, outChannels, s.Kernel, i == 0 ? s.Stride : 1,
                    MakeDivisible(inChannels * SeRatio, 1)));
                inChannels = outChannels;
            }
            stages.Add(blocks);
        }
        return new EfficientNetConfig(stem, stages, RoundChannels(B0Head * widthMultiplier));
    }

    static int RoundChannels(double channels) => MakeDivisible(channels, ChannelDivisor);

    // make_divisible: to the nearest multiple, at least one divisor, never more than 10% below the request.
    static int MakeDivisible(double v, int divisor)
    {
        int rounded = Math.Max(divisor, (int)(v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    public bool Equals(EfficientNetConfig? other) =>
        other is not null && StemChannels == other.StemChannels && HeadChannels == other.HeadChannels &&
        Stages.Count == other.Stages.Count && Stages.Zip(other.Stages).All(p => p.First.SequenceEqual(p.Second));

    public override int GetHashCode() => HashCode.Combine(StemChannels, HeadChannels, Stages.Sum(s => s.Count));
}
