using Deforum.Models.Config;
using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Deforum.Torch.Modules;

namespace Deforum.Models.Clip;

// Port of HF transformers CLIPTextModel (modeling_clip.py) as used by ldm FrozenCLIPEmbedder: the conditioning is the
// last hidden state after the final LayerNorm, with a causal mask and no padding mask.

/// <summary>The CLIP text encoder of SD 1.x: token ids [B, L] → conditioning [B, L, hidden].</summary>
public sealed class ClipTextEncoder : Module
{
    readonly ClipTextTransformer _textModel;

    public ClipTextEncoder(TextEncoderConfig config)
    {
        if (config.Target != TextEncoderConfig.ClipTarget || config.Layer != TextEncoderLayer.Last)
            throw new NotSupportedException(
                $"text encoder {config.Target} (layer {config.Layer}) is not available: only the CLIP text model read at its last layer (SD 1.x) is");
        Config = config;
        _textModel = Register("text_model", new ClipTextTransformer(config));
    }

    /// <summary>The position-id buffer's key (HF layout), relative to <see cref="CheckpointLayout.TextEncoder"/>.</summary>
    public const string PositionIdsKey = "text_model.embeddings." + ClipEmbeddings.PositionIds;

    public TextEncoderConfig Config { get; }

    /// <summary>Where the weights live (inputs are expected there).</summary>
    public Device Device => NamedParameters().First().Tensor.Device;

    /// <summary>input ids [B, L] int64 (L ≤ max positions) → last hidden state [B, L, hidden] in the weights' dtype.</summary>
    public Tensor Forward(Tensor inputIds)
    {
        if (inputIds.Dim != 2 || inputIds.DType != DType.Int64 || inputIds.Size(1) > Config.MaxPositions)
            throw new ArgumentException(
                $"CLIP text encoder: expected int64 token ids [batch, ≤{Config.MaxPositions}], got {inputIds.DType} [{string.Join(", ", inputIds.Shape)}]",
                nameof(inputIds));
        return _textModel.Forward(inputIds);
    }

    /// <summary>Takes the text encoder's tensors (<see cref="CheckpointLayout.TextEncoder"/>) out of a checkpoint and loads them.</summary>
    public static ClipTextEncoder FromCheckpoint(CheckpointTensors checkpoint, TextEncoderConfig config, Device device, DType? dtype = null) =>
        FromStateDict(checkpoint.Take(CheckpointLayout.TextEncoder), config, device, dtype);

    /// <summary>
    /// Loads HF-layout weights (keys <c>text_model.*</c>) totally, taking ownership of them: they become the module's
    /// tensors without a copy when already on <paramref name="device"/> in <paramref name="dtype"/>, and are freed on
    /// failure. Keys or shapes that do not fit the config raise <see cref="ModelWeightsException"/> naming them.
    /// </summary>
    public static ClipTextEncoder FromStateDict(Dictionary<string, Tensor> weights, TextEncoderConfig config, Device device, DType? dtype = null)
    {
        NormalisePositionIds(weights, config);
        return WeightLoader.Load(new ClipTextEncoder(config), weights, CheckpointLayout.TextEncoder, device, dtype);
    }

    /// <summary>
    /// Files saved by transformers ≥ 4.31 omit the position-id buffer (it became non-persistent): it is then the
    /// identity. Some merged checkpoints store it as floats; loading copies them into the int64 buffer, which
    /// truncates exactly as torch's copy_ did in the original.
    /// </summary>
    static void NormalisePositionIds(Dictionary<string, Tensor> weights, TextEncoderConfig config)
    {
        if (!weights.TryGetValue(PositionIdsKey, out var ids))
            weights[PositionIdsKey] = DisposeScope.Detach(ClipEmbeddings.Identity(config.MaxPositions));
        else if (ids.DType != DType.Int64)
        {
            weights[PositionIdsKey] = DisposeScope.Detach(ids.To(DType.Int64));
            ids.Dispose();
        }
    }
}
