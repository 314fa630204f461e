using Deforum.Models.Config;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Clip;

/// <summary>The feed-forward block of a CLIP layer: fc2(act(fc1(x))).</summary>
internal sealed class ClipMlp : Module
{
    // quick_gelu(x) = x·sigmoid(1.702·x), OpenAI CLIP's approximation of GELU.
    const double QuickGeluSlope = 1.702;

    readonly Linear _fc1, _fc2;
    readonly bool _quickGelu;

    public ClipMlp(TextEncoderConfig c)
    {
        _quickGelu = c.HiddenAct switch
        {
            "quick_gelu" => true,
            "gelu" => false,
            var other => throw new NotSupportedException($"CLIP text encoder: hidden_act '{other}' is not supported (quick_gelu, gelu)"),
        };
        _fc1 = Register("fc1", new Linear(c.HiddenSize, c.IntermediateSize));
        _fc2 = Register("fc2", new Linear(c.IntermediateSize, c.HiddenSize));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = _fc1.Forward(x);
        h = _quickGelu ? h * h.Mul(QuickGeluSlope).Sigmoid() : F.Gelu(h);
        return scope.MoveToOuter(_fc2.Forward(h));
    }
}
