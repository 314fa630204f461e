using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.AdaBins;

/// <summary>
/// The U-Net decoder: conv2 (1×1 with padding 1: the bottleneck map grows by a pixel of bias on every side, kept as
/// in the original), four UpSampleBN stages towards the stride-2 skip, conv3 (3×3) to the mini-ViT's input width.
/// Port of shariqfarooq123/AdaBins models/unet_adaptive_bins.py::DecoderBN.
/// </summary>
internal sealed class DecoderBN : Module
{
    readonly Conv2d _conv2, _conv3;
    readonly UpSampleBN[] _ups = new UpSampleBN[AdaBinsConfig.DecoderStages];

    public DecoderBN(AdaBinsConfig c)
    {
        int features = c.DecoderFeatures;
        _conv2 = Register("conv2", new Conv2d(c.Encoder.HeadChannels, features, 1, padding: 1));
        var skipWidths = AdaBinsConfig.SkipStages.Reverse().Select(s => c.Encoder.Stages[s][^1].OutChannels).ToArray();
        for (int k = 0; k < _ups.Length; k++)
            _ups[k] = Register($"up{k + 1}", new UpSampleBN((features >> k) + skipWidths[k], features >> (k + 1)));
        _conv3 = Register("conv3", new Conv2d(features >> AdaBinsConfig.DecoderStages, c.DecoderOutChannels, 3, padding: 1));
    }

    /// <summary>The encoder's features → [B, out, H/2, W/2] (the stride-2 skip's size).</summary>
    public Tensor Forward(EncoderFeatures features)
    {
        using var scope = DisposeScope.Begin();
        var x = _conv2.Forward(features.Bottleneck); // [B, F, H/32 + 2, W/32 + 2]
        for (int k = 0; k < _ups.Length; k++)
        {
            var next = _ups[k].Forward(x, features.Skips[^(k + 1)]);
            x.Dispose();
            x = next;
        }
        return scope.MoveToOuter(_conv3.Forward(x));
    }
}
