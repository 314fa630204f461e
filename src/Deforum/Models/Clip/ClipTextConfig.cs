using System.Globalization;

namespace Deforum.Models.Clip;

/// <summary>The activation inside the CLIP MLP (Hugging Face <c>hidden_act</c>).</summary>
public enum ClipActivation { QuickGelu, Gelu }

/// <summary>
/// Hyper-parameters of the CLIP text transformer, named after Hugging Face CLIPTextConfig. The attention head count
/// is the one value the weights cannot tell, so it must come from here.
/// </summary>
public sealed record ClipTextConfig(
    int VocabSize,
    int HiddenSize,
    int IntermediateSize,
    int Layers,
    int Heads,
    int MaxPositions,
    double LayerNormEps,
    ClipActivation Activation)
{
    /// <summary>openai/clip-vit-large-patch14, the text tower every SD 1.x checkpoint carries.</summary>
    public static ClipTextConfig VitL14 { get; } = new(49408, 768, 3072, 12, 12, 77, 1e-5, ClipActivation.QuickGelu);

    public int HeadDim => HiddenSize / Heads;

    /// <summary>
    /// From a Hugging Face CLIPTextConfig-style mapping (the <c>text_config</c> of a model yaml); absent keys keep the
    /// ViT-L/14 values, unknown keys are ignored as Hugging Face does.
    /// </summary>
    public static ClipTextConfig FromHuggingFace(IReadOnlyDictionary<string, string> values)
    {
        int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var d = VitL14;
        var config = new ClipTextConfig(
            Int("vocab_size", d.VocabSize),
            Int("hidden_size", d.HiddenSize),
            Int("intermediate_size", d.IntermediateSize),
            Int("num_hidden_layers", d.Layers),
            Int("num_attention_heads", d.Heads),
            Int("max_position_embeddings", d.MaxPositions),
            values.TryGetValue("layer_norm_eps", out var eps) ? double.Parse(eps, CultureInfo.InvariantCulture) : d.LayerNormEps,
            values.TryGetValue("hidden_act", out var act) ? ParseActivation(act) : d.Activation);
        if (config.HiddenSize % config.Heads != 0)
            throw new ArgumentException($"CLIP text config: hidden_size {config.HiddenSize} is not divisible by num_attention_heads {config.Heads}");
        return config;
    }

    static ClipActivation ParseActivation(string name) => name switch
    {
        "quick_gelu" => ClipActivation.QuickGelu,
        "gelu" => ClipActivation.Gelu,
        _ => throw new NotSupportedException($"CLIP text config: hidden_act '{name}' is not supported (quick_gelu, gelu)"),
    };
}
