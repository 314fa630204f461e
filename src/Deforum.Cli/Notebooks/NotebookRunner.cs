using System.Text.RegularExpressions;
using Deforum.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Deforum.Cli.Notebooks;

/// <summary>
/// Executes a notebook's C# cells top to bottom in an in-process .NET Interactive C# kernel and records every output as
/// Jupyter would (display updates replace their display in place). This process already holds the engine, so the
/// setup cell's <c>#r "nuget: Deforum.Interactive"</c> is answered with the loaded assemblies and the kernel extension
/// instead of a package restore; every other line runs as written. Stops at the first failing cell, as nbconvert does.
/// </summary>
public static partial class NotebookRunner
{
    [GeneratedRegex("""^\s*#r\s+"nuget:\s*Deforum\.Interactive\b[^"]*"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex OwnPackageReference();

    public static async Task<NotebookRunResult> RunAsync(InteractiveDocument notebook, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        using var kernel = await CreateKernelAsync().ConfigureAwait(false);
        var updates = new Dictionary<string, int>();
        var cells = notebook.Elements.Where(e => e.KernelName is null or "csharp" or "C#").ToList();
        using var cancel = cancellationToken.Register(() => _ = kernel.SendAsync(new Cancel()));
        int run = 0;
        foreach (var cell in cells)
        {
            cell.Outputs.Clear();
            if (string.IsNullOrWhiteSpace(cell.Contents)) continue;
            if (cancellationToken.IsCancellationRequested) return new(notebook, run, null, null, updates, true);
            run++;
            progress?.Report($"cell {run}/{cells.Count}: {FirstLine(cell.Contents)}");
            var outputs = new CellOutputs(cell, updates);
            using var subscription = kernel.KernelEvents.Subscribe(outputs.Add);
            // not the token: a stop is the kernel's Cancel command (above), which the cell sees between frames
            var result = await kernel.SendAsync(new SubmitCode(WithoutOwnPackage(cell.Contents), "csharp"), CancellationToken.None).ConfigureAwait(false);
            cell.ExecutionOrder = run;
            if (result.Events.OfType<CommandFailed>().FirstOrDefault(f => f.Command == result.Command) is { } failed)
                return new(notebook, run, notebook.Elements.IndexOf(cell), failed.Message, updates, cancellationToken.IsCancellationRequested);
        }
        return new(notebook, run, null, null, updates, false);
    }

    static async Task<CompositeKernel> CreateKernelAsync()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        var references = string.Join('\n', new[] { typeof(DeforumNotebook), typeof(Deforum.Rendering.DeforumRun), typeof(Deforum.Torch.Tensor) }
            .Select(t => $"#r \"{t.Assembly.Location}\""));
        var added = await kernel.SendAsync(new SubmitCode(references, csharp.Name)).ConfigureAwait(false);
        if (added.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException($"referencing the engine in the kernel failed: {failed.Message}");
        await new DeforumKernelExtension().OnLoadAsync(kernel).ConfigureAwait(false);
        return kernel;
    }

    static string WithoutOwnPackage(string code) =>
        string.Join('\n', code.Split('\n').Select(l => OwnPackageReference().IsMatch(l.TrimEnd('\r')) ? "" : l));

    static string FirstLine(string code) => code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)) ?? "";

    /// <summary>One cell's outputs as its events arrive (from any thread: the engine reports from its own).</summary>
    sealed class CellOutputs(InteractiveDocumentElement cell, Dictionary<string, int> updates)
    {
        readonly Lock _lock = new();
        readonly Dictionary<string, int> _displays = [];

        public void Add(KernelEvent e)
        {
            lock (_lock)
            {
                switch (e)
                {
                    case DisplayedValueProduced d:
                        if (d.ValueId is { } id) _displays[id] = cell.Outputs.Count;
                        cell.Outputs.Add(new DisplayElement(Data(d.FormattedValues)));
                        break;
                    case DisplayedValueUpdated u when u.ValueId is { } updated && _displays.TryGetValue(updated, out var index):
                        cell.Outputs[index] = new DisplayElement(Data(u.FormattedValues));
                        lock (updates) updates[updated] = updates.GetValueOrDefault(updated) + 1;
                        break;
                    case ReturnValueProduced r:
                        var value = new ReturnValueElement();
                        foreach (var (mime, data) in Data(r.FormattedValues)) value.Data[mime] = data;
                        cell.Outputs.Add(value);
                        break;
                    case StandardOutputValueProduced o:
                        cell.Outputs.Add(new TextElement(Text(o.FormattedValues), "stdout"));
                        break;
                    case StandardErrorValueProduced o:
                        cell.Outputs.Add(new TextElement(Text(o.FormattedValues), "stderr"));
                        break;
                    case CommandFailed f when f.Command is SubmitCode:
                        cell.Outputs.Add(new ErrorElement(f.Message, "Error", []));
                        break;
                }
            }
        }

        static Dictionary<string, object> Data(IReadOnlyCollection<FormattedValue> values) =>
            values.Where(v => !v.SuppressDisplay).GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.First().Value);

        static string Text(IReadOnlyCollection<FormattedValue> values) => values.FirstOrDefault()?.Value ?? "";
    }
}
