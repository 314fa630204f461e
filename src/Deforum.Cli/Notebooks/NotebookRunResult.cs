using Microsoft.DotNet.Interactive.Documents;

namespace Deforum.Cli.Notebooks;

/// <summary>An executed notebook: the document with its outputs, which cell failed (if one did), and how often each display was updated in place.</summary>
public sealed record NotebookRunResult(InteractiveDocument Notebook, int CellsRun, int? FailedCell, string? Failure,
    IReadOnlyDictionary<string, int> DisplayUpdates, bool Cancelled)
{
    public bool Succeeded => FailedCell is null && !Cancelled;
}
