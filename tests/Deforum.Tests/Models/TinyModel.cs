using Deforum.Models.Clip;
using Deforum.Testing;
using YamlDotNet.RepresentationModel;

namespace Deforum.Tests.Models;

/// <summary>The tiny golden SD 1.x model: its files and the text-encoder hyper-parameters its yaml declares.</summary>
internal static class TinyModel
{
    static string Sd1(string property) =>
        Golden.Manifest().Root.GetProperty("models").GetProperty("sd1").GetProperty(property).GetString()!;

    public static string SafetensorsPath => Path.Combine(RepoPaths.GoldenDir, "tiny-sd.safetensors");

    public static string ConfigPath => Path.Combine(RepoPaths.GoldenDir, Sd1("config"));

    public static string VocabPath => Path.Combine(RepoPaths.GoldenDir, Sd1("vocab"));

    /// <summary>model.params.cond_stage_config.params.text_config of the tiny yaml, in Hugging Face names.</summary>
    public static ClipTextConfig TextConfig()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(ConfigPath)) yaml.Load(reader);
        YamlNode node = yaml.Documents[0].RootNode;
        foreach (var key in new[] { "model", "params", "cond_stage_config", "params", "text_config" })
            node = ((YamlMappingNode)node)[key];
        var values = ((YamlMappingNode)node).Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!, StringComparer.Ordinal);
        return ClipTextConfig.FromHuggingFace(values);
    }
}
