using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.AdaBins;

/// <summary>
/// The backbone under the name the weights use ("original_model"), returning the five feature maps DecoderBN reads.
/// Port of shariqfarooq123/AdaBins models/unet_adaptive_bins.py::Encoder (as vendored by deforum-stable-diffusion).
/// </summary>
internal sealed class Encoder : Module
{
    readonly EfficientNet.EfficientNet _originalModel;

    public Encoder(EfficientNet.EfficientNetConfig config) =>
        _originalModel = Register("original_model", new EfficientNet.EfficientNet(config));

    /// <summary>x [B, 3, H, W] → blocks.0, .1, .2, .4 outputs (strides 2, 4, 8, 16) and conv_head's raw output (stride 32).</summary>
    public EncoderFeatures Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var outputs = _originalModel.Forward(x);
        var skips = AdaBinsConfig.SkipStages.Select(s => scope.MoveToOuter(outputs[s])).ToArray();
        return new EncoderFeatures(skips, scope.MoveToOuter(outputs[^1]));
    }
}

/// <summary>The encoder outputs DecoderBN reads: skips from fine to coarse (x_block0 … x_block3) and the bottleneck (x_block4).</summary>
internal sealed record EncoderFeatures(IReadOnlyList<Tensor> Skips, Tensor Bottleneck) : IDisposable
{
    public void Dispose()
    {
        foreach (var s in Skips) s.Dispose();
        Bottleneck.Dispose();
    }
}
