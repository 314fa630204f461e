using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>The lowest-resolution stage of encoder and decoder: ResnetBlock, attention, ResnetBlock ("mid").</summary>
internal sealed class MidBlock : Module, IForward
{
    readonly ResnetBlock _block1, _block2;
    readonly AttnBlock _attn1;

    public MidBlock(int channels)
    {
        _block1 = Register("block_1", new ResnetBlock(channels, channels));
        _attn1 = Register("attn_1", new AttnBlock(channels));
        _block2 = Register("block_2", new ResnetBlock(channels, channels));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Chain.Run(x, _block1.Forward, _attn1.Forward, _block2.Forward));
    }
}
