using System.Text.Json;
using Deforum.Rendering;
using Deforum.Testing;
using Deforum.Torch;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Xunit;

namespace Deforum.Tests.Notebooks;

/// <summary>
/// The notebook's C# cells compile, cell after cell as the Polyglot kernel submits them, against the library as it is
/// now: a renamed API breaks this test instead of a user's notebook. (What the cells do is tested through the
/// library itself, e.g. DeforumRunTests; cells only call it.)
/// </summary>
public class NotebookTests
{
    /// <summary>The kernel's globals the cells use: display(...) with its updatable result, and HTML(...).</summary>
    public sealed class KernelGlobals
    {
        public sealed class DisplayedValue
        {
            public void Update(object value) => _ = value;
        }

        public DisplayedValue display(object value, params string[] mimeTypes) => new();

        public object HTML(string content) => content;
    }

    static string NotebookPath => Path.Combine(RepoPaths.Root, "notebooks", "Deforum.ipynb");

    static List<string> CodeCells()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(NotebookPath));
        return [.. doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))];
    }

    [Fact]
    public void Every_cell_compiles_against_the_library()
    {
        var cells = CodeCells();
        Assert.NotEmpty(cells);
        // #r lines point at the built assemblies; here the test references them directly.
        var options = ScriptOptions.Default
            .AddReferences(typeof(DeforumRun).Assembly, typeof(Tensor).Assembly)
            .AddImports("System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks");
        Script? script = null;
        var errors = new List<string>();
        foreach (var (cell, n) in cells.Select((c, i) => (c, i + 1)))
        {
            var code = string.Join('\n', cell.Split('\n').Where(l => !l.TrimStart().StartsWith("#r ", StringComparison.Ordinal)));
            script = script is null ? CSharpScript.Create(code, options, typeof(KernelGlobals)) : script.ContinueWith(code, options);
            errors.AddRange(script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"cell {n}: {d}"));
        }
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void The_assemblies_the_notebook_references_are_the_ones_the_build_writes()
    {
        var references = CodeCells().SelectMany(c => c.Split('\n')).Where(l => l.StartsWith("#r ", StringComparison.Ordinal))
            .Select(l => Path.GetFileName(l[3..].Trim().Trim('"'))).ToList();
        Assert.Equal(["Deforum.Torch.dll", "Deforum.dll"], references);
        Assert.All(CodeCells().SelectMany(c => c.Split('\n')).Where(l => l.StartsWith("#r ", StringComparison.Ordinal)),
            l => Assert.StartsWith("#r \"../src/Deforum/bin/Release/net10.0/", l, StringComparison.Ordinal));
    }
}
