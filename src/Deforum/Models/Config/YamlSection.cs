using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Deforum.Models.Config;

/// <summary>
/// Typed, path-aware reads from one mapping of a CompVis (OmegaConf) YAML file, so that every error names the key
/// that is missing or malformed (e.g. "model.params.unet_config.params.channel_mult").
/// </summary>
internal sealed class YamlSection(YamlMappingNode node, string path, string source)
{
    public string Path { get; } = path;

    public static YamlSection ParseDocument(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ModelConfigException($"{source}: not valid YAML ({e.Message})", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ModelConfigException($"{source}: expected a YAML mapping at the top level");
        return new YamlSection(root, "", source);
    }

    string Key(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    YamlNode? Find(string name) => node.Children.TryGetValue(new YamlScalarNode(name), out var v) ? v : null;

    public bool Has(string name) => Find(name) is not null and not YamlScalarNode { Value: null or "" or "null" or "~" };

    public YamlSection Section(string name) =>
        Find(name) is YamlMappingNode m ? new YamlSection(m, Key(name), source) : throw Error(name, "a mapping");

    public YamlSection? OptionalSection(string name) => Has(name) ? Section(name) : null;

    public string String(string name) => Scalar(name) ?? throw Error(name, "a value");

    public string? OptionalString(string name) => Has(name) ? Scalar(name) : null;

    public int Int(string name) => ParseInt(name, String(name));

    public int Int(string name, int fallback) => Has(name) ? Int(name) : fallback;

    public double Double(string name) =>
        double.TryParse(String(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Error(name, "a number");

    public double Double(string name, double fallback) => Has(name) ? Double(name) : fallback;

    public bool Bool(string name, bool fallback)
    {
        if (!Has(name)) return fallback;
        return String(name).ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(name, "true or false"),
        };
    }

    public IReadOnlyList<int> Ints(string name) =>
        Find(name) is YamlSequenceNode seq
            ? seq.Children.Select(c => ParseInt(name, (c as YamlScalarNode)?.Value ?? "")).ToArray()
            : throw Error(name, "a list of integers");

    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback) => Has(name) ? Ints(name) : fallback;

    string? Scalar(string name) => Find(name) is YamlScalarNode s ? s.Value : null;

    int ParseInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw Error(name, "an integer");

    ModelConfigException Error(string name, string expected) =>
        new($"{source}: '{Key(name)}' must be {expected}" + (Find(name) is { } n ? $" (found '{n}')" : " (missing)"));
}
