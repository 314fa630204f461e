namespace Deforum.Models.Config;

/// <summary>
/// The UNet hyper-parameters of a CompVis <c>unet_config</c> (openaimodel.py::UNetModel arguments that matter at
/// inference). <c>use_checkpoint</c> and <c>use_fp16</c> are training/precision switches and are not kept.
/// </summary>
public sealed record UnetConfig(
    int InChannels,
    int OutChannels,
    int ModelChannels,
    IReadOnlyList<int> AttentionResolutions,
    int NumResBlocks,
    IReadOnlyList<int> ChannelMult,
    int NumHeads,
    int NumHeadChannels,
    int TransformerDepth,
    int ContextDim,
    bool UseLinearInTransformer,
    bool Legacy)
{
    /// <summary>Time-embedding width: 4 × model_channels, as in the reference.</summary>
    public int TimeEmbedDim => ModelChannels * 4;

    /// <summary>
    /// Heads and channels per head of the transformer at width <paramref name="channels"/>: from num_heads
    /// (SD 1.x) or num_head_channels (SD 2.x), with the legacy rule of openaimodel.py.
    /// </summary>
    public (int Heads, int HeadDim) AttentionHeads(int channels)
    {
        var (heads, dim) = NumHeadChannels == -1 ? (NumHeads, channels / NumHeads) : (channels / NumHeadChannels, NumHeadChannels);
        return Legacy ? (heads, channels / heads) : (heads, dim);
    }

    internal static UnetConfig FromYaml(YamlSection unetConfig)
    {
        var p = unetConfig.Section("params");
        Reject(p, "use_scale_shift_norm", "scale-shift ResBlocks");
        Reject(p, "resblock_updown", "ResBlock up/down-sampling");
        Reject(p, "use_new_attention_order", "the QKV attention order");
        if (!p.Bool("use_spatial_transformer", false))
            throw new ModelConfigException($"{p.Path}.use_spatial_transformer: only the text-conditioned UNet (use_spatial_transformer: true) is supported");
        if (p.Has("num_classes") || p.Has("adm_in_channels"))
            throw new ModelConfigException($"{p.Path}: class-conditioned UNets (num_classes / adm_in_channels) are not supported");
        if (p.Int("dims", 2) != 2) throw new ModelConfigException($"{p.Path}.dims: only 2-D UNets are supported");

        var config = new UnetConfig(
            InChannels: p.Int("in_channels"),
            OutChannels: p.Int("out_channels"),
            ModelChannels: p.Int("model_channels"),
            AttentionResolutions: p.Ints("attention_resolutions"),
            NumResBlocks: p.Int("num_res_blocks"),
            ChannelMult: p.Ints("channel_mult", [1, 2, 4, 8]),
            NumHeads: p.Int("num_heads", -1),
            NumHeadChannels: p.Int("num_head_channels", -1),
            TransformerDepth: p.Int("transformer_depth", 1),
            ContextDim: p.Int("context_dim"),
            UseLinearInTransformer: p.Bool("use_linear_in_transformer", false),
            Legacy: p.Bool("legacy", true));
        if (config.NumHeads == -1 && config.NumHeadChannels == -1)
            throw new ModelConfigException($"{p.Path}: either num_heads or num_head_channels must be set");
        return config;
    }

    static void Reject(YamlSection p, string flag, string what)
    {
        if (p.Bool(flag, false)) throw new ModelConfigException($"{p.Path}.{flag}: {what} are not supported (no Stable Diffusion checkpoint uses them)");
    }
}
