using Deforum.Models.Config;
using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Clip;

/// <summary>Token embedding plus learned absolute position embedding (HF CLIPTextEmbeddings).</summary>
internal sealed class ClipEmbeddings : Module, IDeclaresTensorShapes
{
    public const string PositionIds = "position_ids";

    readonly Embedding _token, _position;
    readonly long _maxPositions;

    public ClipEmbeddings(TextEncoderConfig c)
    {
        _maxPositions = c.MaxPositions;
        _token = Register("token_embedding", new Embedding(c.VocabSize, c.HiddenSize));
        _position = Register("position_embedding", new Embedding(c.MaxPositions, c.HiddenSize));
        // Starts as the identity, as HF registers it, but is replaced by the checkpoint's copy: HF indexes through this
        // buffer, so a checkpoint whose position ids were damaged by merging tools conditions exactly as in the original.
        Buffer(PositionIds, Identity(c.MaxPositions));
    }

    /// <summary>0, 1, …, n-1 as [1, n] int64.</summary>
    public static Tensor Identity(long n)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Tensor.Arange(n).Unsqueeze(0)); // [1, n]
    }

    public long[] ShapeOf(string name) => name == PositionIds
        ? [1, _maxPositions]
        : throw new ArgumentException($"{nameof(ClipEmbeddings)} declares no tensor '{name}'", nameof(name));

    /// <summary>ids [B, L] int64 → [B, L, D].</summary>
    public Tensor Forward(Tensor inputIds)
    {
        using var scope = DisposeScope.Begin();
        var positions = Get(PositionIds).Narrow(1, 0, inputIds.Size(1)); // [1, L]
        return scope.MoveToOuter(_token.Forward(inputIds) + _position.Forward(positions));
    }
}
