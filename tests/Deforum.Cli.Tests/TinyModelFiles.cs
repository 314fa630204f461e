using System.Text.Json;
using Deforum.Testing;

namespace Deforum.Cli.Tests;

/// <summary>The tiny golden Stable Diffusion model as the command line takes it: a custom checkpoint and yaml, and models_path with the CLIP vocabulary.</summary>
internal static class TinyModelFiles
{
    static JsonElement Model => Golden.Manifest().Root.GetProperty("models").GetProperty("sd1");

    static string File(string key) => Path.Combine(RepoPaths.GoldenDir, Model.GetProperty(key).GetString()!);

    public static string Checkpoint(string extension) => Path.Combine(RepoPaths.GoldenDir,
        Model.GetProperty("checkpoints").EnumerateObject().Select(f => f.Name).First(n => n.EndsWith(extension, StringComparison.Ordinal)));

    /// <summary>--models-path (made in <paramref name="dir"/>), --checkpoint, --config and --device cpu; skips the test without the golden data.</summary>
    public static string[] Args(string dir)
    {
        var checkpoint = Checkpoint(".safetensors");
        Golden.RequireData(System.IO.File.Exists(checkpoint), $"{checkpoint} missing");
        var models = Directory.CreateDirectory(Path.Combine(dir, "models")).FullName;
        System.IO.File.Copy(File("vocab"), Path.Combine(models, Path.GetFileName(File("vocab"))), overwrite: true);
        return ["--models-path", models, "--checkpoint", checkpoint, "--config", File("config"), "--device", "cpu"];
    }
}
