using Deforum.Models.Config;
using Deforum.Models.Weights;

namespace Deforum.Models.Clip;

/// <summary>
/// The declarative key table of the CLIP text encoder: Hugging Face CLIPTextModel's state-dict keys (relative to
/// <see cref="CheckpointLayout.TextEncoder"/>) with the shape each has for a config.
/// </summary>
public static class ClipTextLayout
{
    public const string PositionIdsKey = "text_model.embeddings.position_ids";

    static readonly string[] AttentionProjections = ["q_proj", "k_proj", "v_proj", "out_proj"];

    public static IReadOnlyList<WeightSpec> Keys(TextEncoderConfig c)
    {
        long d = c.HiddenSize, mlp = c.IntermediateSize;
        var keys = new List<WeightSpec>
        {
            new("text_model.embeddings.token_embedding.weight", [c.VocabSize, d], WeightRole.Matrix),
            new("text_model.embeddings.position_embedding.weight", [c.MaxPositions, d], WeightRole.Matrix),
            new(PositionIdsKey, [1, c.MaxPositions], WeightRole.Index),
        };
        for (int i = 0; i < c.NumLayers; i++)
        {
            var layer = $"text_model.encoder.layers.{i}.";
            foreach (var proj in AttentionProjections)
            {
                keys.Add(new($"{layer}self_attn.{proj}.weight", [d, d], WeightRole.Matrix));
                keys.Add(new($"{layer}self_attn.{proj}.bias", [d], WeightRole.Bias));
            }
            AddNorm(keys, $"{layer}layer_norm1", d);
            keys.Add(new($"{layer}mlp.fc1.weight", [mlp, d], WeightRole.Matrix));
            keys.Add(new($"{layer}mlp.fc1.bias", [mlp], WeightRole.Bias));
            keys.Add(new($"{layer}mlp.fc2.weight", [d, mlp], WeightRole.Matrix));
            keys.Add(new($"{layer}mlp.fc2.bias", [d], WeightRole.Bias));
            AddNorm(keys, $"{layer}layer_norm2", d);
        }
        AddNorm(keys, "text_model.final_layer_norm", d);
        return keys;
    }

    static void AddNorm(List<WeightSpec> keys, string name, long d)
    {
        keys.Add(new($"{name}.weight", [d], WeightRole.NormScale));
        keys.Add(new($"{name}.bias", [d], WeightRole.Bias));
    }
}
