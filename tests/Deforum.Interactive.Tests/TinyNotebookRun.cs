using System.Text.Json;
using Deforum.Cli.Notebooks;
using Deforum.Testing;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Deforum.Interactive.Tests;

/// <summary>A notebook of the repository with the parameters that make it run in seconds on the tiny golden model.</summary>
sealed class TinyNotebookRun : IDisposable
{
    public TinyNotebookRun(string notebook, int maxFrames = 3, int steps = 4)
    {
        var model = Golden.Manifest().Root.GetProperty("models").GetProperty("sd1");
        var checkpoint = Path.Combine(RepoPaths.GoldenDir,
            model.GetProperty("checkpoints").EnumerateObject().Select(f => f.Name).First(n => n.EndsWith(".safetensors", StringComparison.Ordinal)));
        Golden.RequireData(File.Exists(checkpoint), $"{checkpoint} missing");
        Dir = Directory.CreateTempSubdirectory("deforum-notebook-").FullName;
        var models = Directory.CreateDirectory(Path.Combine(Dir, "models")).FullName;
        var vocab = Path.Combine(RepoPaths.GoldenDir, model.GetProperty("vocab").GetString()!);
        File.Copy(vocab, Path.Combine(models, Path.GetFileName(vocab)));
        NotebookPath = Path.Combine(RepoPaths.Root, "notebooks", notebook);
        OutputPath = Path.Combine(Dir, "output");
        Parameters =
        [
            ("models_path", models), ("output_path", OutputPath),
            ("model_checkpoint", "custom"), ("custom_checkpoint_path", checkpoint),
            ("model_config", "custom"), ("custom_config_path", Path.Combine(RepoPaths.GoldenDir, model.GetProperty("config").GetString()!)),
            ("W", "64"), ("H", "64"), ("max_frames", maxFrames.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    public string Dir { get; }
    public string NotebookPath { get; }
    public string OutputPath { get; }
    public List<(string Name, string Value)> Parameters { get; }

    /// <summary>The notebook with the parameters cell injected, as the headless runner and nbconvert get it.</summary>
    public InteractiveDocument Document()
    {
        var document = Notebook.Parse(File.ReadAllText(NotebookPath));
        NotebookParameters.Inject(document, Parameters);
        return document;
    }

    public IEnumerable<string> Frames() => Directory.Exists(OutputPath)
        ? Directory.EnumerateFiles(OutputPath, "*.png", SearchOption.AllDirectories).Where(f => !f.Contains("inputframes", StringComparison.Ordinal))
        : [];

    /// <summary>Every output of every cell as JSON text, for "is it in the outputs" checks.</summary>
    public static string OutputsText(InteractiveDocument document) => JsonSerializer.Serialize(
        document.Elements.SelectMany(e => e.Outputs).Select(o => o switch
        {
            DisplayElement d => string.Concat(d.Data.Values),
            ReturnValueElement r => string.Concat(r.Data.Values),
            TextElement t => t.Text,
            ErrorElement x => "ERROR " + x.ErrorValue,
            _ => "",
        }));

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
