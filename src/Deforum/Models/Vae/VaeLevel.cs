using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// One resolution level of the encoder ("down.i") or decoder ("up.i"): ResnetBlocks, each followed by attention when
/// the level's resolution is listed, then the optional resampler (named "downsample" or "upsample").
/// </summary>
internal sealed class VaeLevel : Module, IForward
{
    readonly ModuleList<ResnetBlock> _blocks;
    readonly ModuleList<AttnBlock> _attn;
    readonly IForward? _resample;

    public VaeLevel(int inChannels, int outChannels, int blocks, bool attention, (string Name, Module Layer)? resample)
    {
        _blocks = Register("block", new ModuleList<ResnetBlock>(
            Enumerable.Range(0, blocks).Select(i => new ResnetBlock(i == 0 ? inChannels : outChannels, outChannels))));
        _attn = Register("attn", new ModuleList<AttnBlock>(attention ? Enumerable.Range(0, blocks).Select(_ => new AttnBlock(outChannels)) : []));
        if (resample is { } r) _resample = (IForward)Register(r.Name, r.Layer);
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Chain.Run(x, [.. Steps()]));
    }

    IEnumerable<Func<Tensor, Tensor>> Steps()
    {
        for (int i = 0; i < _blocks.Count; i++)
        {
            yield return _blocks[i].Forward;
            if (_attn.Count > 0) yield return _attn[i].Forward;
        }
        if (_resample is not null) yield return _resample.Forward;
    }
}
