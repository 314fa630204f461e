using System.Diagnostics;
using System.Text.Json;
using Deforum.Testing;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Xunit;

namespace Deforum.Interactive.Tests;

/// <summary>
/// Every notebook through the real client: Jupyter's nbconvert --execute with the dotnet-interactive kernel, which
/// restores the Deforum.Interactive package this build packed and loads its kernel extension, as VS Code does.
/// </summary>
public class JupyterClientTests
{
    /// <summary>A kernel start, a package restore and a script compile per notebook, on 2 cores.</summary>
    static readonly TimeSpan NotebookTimeout = TimeSpan.FromMinutes(8);

    static string Tools => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");

    [SkippableFact]
    public async Task Every_notebook_runs_in_the_dotnet_interactive_kernel_under_nbconvert()
    {
        var versionFile = Path.Combine(RepoPaths.Root, "artifacts", "Deforum.Interactive.version");
        Golden.RequireData(File.Exists(versionFile) && File.Exists(Path.Combine(Tools, "dotnet-interactive")) && OnPath("jupyter-nbconvert"),
            "the real notebook client is not installed (environment/setup.sh installs jupyter-nbconvert and the dotnet-interactive tool)");
        var version = File.ReadAllText(versionFile).Trim();
        // one at a time: two kernels starting together on 2 busy cores have died before answering kernel_info
        var failures = new List<string>();
        foreach (var notebook in NotebookCases.All().Select(c => (string)c[0]))
            if (await RunAsync(notebook, version) is { } failure) failures.Add(failure);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    static async Task<string?> RunAsync(string notebook, string version)
    {
        using var run = NotebookCases.Prepare(notebook);
        var document = run.Document();
        // pin this build's package (the notebook's own `*-*` then reuses it) from this clone's folder
        document.Elements.Insert(0, new InteractiveDocumentElement(
            $"#i \"nuget: {Path.Combine(RepoPaths.Root, "artifacts", "packages")}\"\n#r \"nuget: Deforum.Interactive, {version}\"", "csharp"));
        var input = Path.Combine(run.Dir, "in.ipynb");
        await File.WriteAllTextAsync(input, document.ToJupyterJson());
        var start = new ProcessStartInfo("jupyter-nbconvert",
            ["--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=300", "--output", "out.ipynb", input])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = run.Dir,
        };
        start.Environment["PATH"] = $"{Environment.GetEnvironmentVariable("PATH")}:{Tools}";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(NotebookTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) return $"{notebook}: nbconvert exited {process.ExitCode}: {Tail(await stderr)}";

        using var executed = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.Dir, "out.ipynb")));
        var outputs = executed.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : Enumerable.Empty<JsonElement>()).ToList();
        var text = string.Join('\n', outputs.Select(o => o.GetRawText()));
        if (outputs.Any(o => o.GetProperty("output_type").GetString() == "error")) return $"{notebook}: error output: {Tail(text)}";
        foreach (var expected in new[] { "Loading extensions from", "plan, timestring", "data:image/png;base64,", "Run finished", "finished" })
            if (!text.Contains(expected, StringComparison.Ordinal)) return $"{notebook}: no '{expected}' in the outputs";
        return run.Frames().Any() ? null : $"{notebook}: no frame written";
    }

    static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;
}
