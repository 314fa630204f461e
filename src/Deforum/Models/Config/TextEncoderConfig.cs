namespace Deforum.Models.Config;

/// <summary>Which layer's hidden state conditions the UNet.</summary>
public enum TextEncoderLayer { Last, Penultimate }

/// <summary>
/// The text encoder of a CompVis <c>cond_stage_config</c>, in Hugging Face CLIPTextConfig terms. The real SD yaml
/// files name only the class (FrozenCLIPEmbedder = CLIP ViT-L/14 text tower, FrozenOpenCLIPEmbedder = OpenCLIP
/// ViT-H/14), so the sizes come from that class unless <c>params.text_config</c> gives them (the tiny golden
/// configs do); <see cref="WithShapesFrom"/> then checks them against a checkpoint's tensors.
/// </summary>
public sealed record TextEncoderConfig(
    string Target,
    int VocabSize,
    int HiddenSize,
    int IntermediateSize,
    int NumLayers,
    int NumHeads,
    int MaxPositions,
    int MaxLength,
    double LayerNormEps,
    string HiddenAct,
    TextEncoderLayer Layer)
{
    public const string ClipTarget = "ldm.modules.encoders.modules.FrozenCLIPEmbedder";
    public const string OpenClipTarget = "ldm.modules.encoders.modules.FrozenOpenCLIPEmbedder";

    /// <summary>openai/clip-vit-large-patch14, the SD 1.x text encoder.</summary>
    public static TextEncoderConfig ClipVitL14 { get; } = new(ClipTarget, 49408, 768, 3072, 12, 12, 77, 77, 1e-5, "quick_gelu", TextEncoderLayer.Last);

    /// <summary>OpenCLIP ViT-H/14 (laion2b), the SD 2.x text encoder, read at the penultimate layer.</summary>
    public static TextEncoderConfig OpenClipVitH14 { get; } = new(OpenClipTarget, 49408, 1024, 4096, 24, 16, 77, 77, 1e-5, "gelu", TextEncoderLayer.Penultimate);

    internal static TextEncoderConfig FromYaml(YamlSection condStageConfig)
    {
        var target = condStageConfig.String("target");
        var baseline = target switch
        {
            ClipTarget => ClipVitL14,
            OpenClipTarget => OpenClipVitH14,
            _ => throw new ModelConfigException($"{condStageConfig.Path}.target: '{target}' is not a supported text encoder ({ClipTarget} or {OpenClipTarget})"),
        };
        if (condStageConfig.OptionalSection("params") is not { } p) return baseline;
        var layer = p.OptionalString("layer") switch
        {
            null => baseline.Layer,
            "last" => TextEncoderLayer.Last,
            "penultimate" => TextEncoderLayer.Penultimate,
            var other => throw new ModelConfigException($"{p.Path}.layer: '{other}' is not supported (last or penultimate)"),
        };
        var config = baseline with { MaxLength = p.Int("max_length", baseline.MaxLength), Layer = layer };
        if (p.OptionalSection("text_config") is not { } t) return config;
        return config with
        {
            VocabSize = t.Int("vocab_size", config.VocabSize),
            HiddenSize = t.Int("hidden_size", config.HiddenSize),
            IntermediateSize = t.Int("intermediate_size", config.IntermediateSize),
            NumLayers = t.Int("num_hidden_layers", config.NumLayers),
            NumHeads = t.Int("num_attention_heads", config.NumHeads),
            MaxPositions = t.Int("max_position_embeddings", config.MaxPositions),
            LayerNormEps = t.Double("layer_norm_eps", config.LayerNormEps),
            HiddenAct = t.OptionalString("hidden_act") ?? config.HiddenAct,
        };
    }

    /// <summary>
    /// The sizes a Hugging Face CLIPTextModel state dict implies (keys relative to <c>cond_stage_model.transformer.</c>),
    /// overriding this config's; the head count is not visible in the shapes and is kept.
    /// </summary>
    public TextEncoderConfig WithShapesFrom(IReadOnlyDictionary<string, long[]> shapes)
    {
        const string embeddings = "text_model.embeddings.";
        const string layerPrefix = "text_model.encoder.layers.";
        long[] Shape(string key) => shapes.TryGetValue(key, out var s)
            ? s
            : throw new ModelConfigException($"the text encoder weights have no '{key}' (is this a CLIP text model checkpoint?)");
        var token = Shape(embeddings + "token_embedding.weight");
        var layers = shapes.Keys.Where(k => k.StartsWith(layerPrefix, StringComparison.Ordinal))
            .Select(k => int.Parse(k.AsSpan(layerPrefix.Length, k.IndexOf('.', layerPrefix.Length) - layerPrefix.Length), System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1).Max() + 1;
        return this with
        {
            VocabSize = (int)token[0],
            HiddenSize = (int)token[1],
            MaxPositions = (int)Shape(embeddings + "position_embedding.weight")[0],
            IntermediateSize = (int)Shape(layerPrefix + "0.mlp.fc1.weight")[0],
            NumLayers = layers,
        };
    }
}
