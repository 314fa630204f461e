using Deforum.Models.Config;
using Deforum.Testing;

namespace Deforum.Tests.Models;

/// <summary>The complete tiny golden SD 1.x model (all three networks in one file) as the facade and registry tests use it.</summary>
internal static class TinyModel
{
    const string Model = "sd1";

    static System.Text.Json.JsonElement Entry => Golden.Manifest().Root.GetProperty("models").GetProperty(Model);

    public static string SafetensorsFileName =>
        Entry.GetProperty("checkpoints").EnumerateObject().Select(f => f.Name).First(n => n.EndsWith(".safetensors", StringComparison.Ordinal));

    public static string SafetensorsPath => Path.Combine(RepoPaths.GoldenDir, SafetensorsFileName);

    public static string Sha256 => Entry.GetProperty("checkpoints").GetProperty(SafetensorsFileName).GetProperty("sha256").GetString()!;

    public static string ConfigPath => Path.Combine(RepoPaths.GoldenDir, Entry.GetProperty("config").GetString()!);

    public static string VocabPath => Path.Combine(RepoPaths.GoldenDir, Entry.GetProperty("vocab").GetString()!);

    public static ModelConfig Config() => GoldenModels.Config(Model);

    public static TextEncoderConfig TextConfig() => Config().TextEncoder;
}
