using System.CommandLine;
using Deforum.Cli.Notebooks;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Deforum.Cli;

/// <summary>`deforum notebook run NB.ipynb [-p name=value ...] [--output executed.ipynb]`: a notebook headless, in this process.</summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var notebook = new Argument<FileInfo>("notebook") { Description = "the .ipynb to execute" };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "name=value, injected after the cell tagged 'parameters' (numbers and true/false as written, anything else as a string)",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "where to write the executed notebook (default: NAME.executed.ipynb beside it)" };
        var run = new Command("run", "Execute a notebook top to bottom and write it with its outputs, as Jupyter's nbconvert --execute does.")
        {
            notebook, parameters, output,
        };
        run.SetAction((parse, token) => RunAsync(parse.GetValue(notebook)!, parse.GetValue(parameters) ?? [], parse.GetValue(output), token));
        return new Command("notebook", "Run notebooks headless.") { run };
    }

    static async Task<int> RunAsync(FileInfo file, string[] assignments, FileInfo? output, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"deforum notebook run: {file.FullName} does not exist");
            return 2;
        }
        InteractiveDocument document;
        try
        {
            document = Notebook.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false));
            if (assignments.Length > 0) NotebookParameters.Inject(document, [.. assignments.Select(NotebookParameters.Parse)]);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"deforum notebook run: {e.Message}");
            return 2;
        }
        var target = output?.FullName ?? Path.Combine(file.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(file.Name) + ".executed.ipynb");
        var result = await NotebookRunner.RunAsync(document, new ConsoleLines(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(target, result.Notebook.ToJupyterJson(), CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine($"notebook: {target}");
        if (result.Cancelled)
        {
            Console.Error.WriteLine("deforum notebook run: stopped; the executed notebook holds the cells run so far");
            return 130;
        }
        if (result.FailedCell is { } failed)
        {
            Console.Error.WriteLine($"deforum notebook run: cell {failed} failed: {result.Failure}");
            return 1;
        }
        return 0;
    }
}

/// <summary>Progress lines to stderr as they happen (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
file sealed class ConsoleLines : IProgress<string>
{
    public void Report(string value) => Console.Error.WriteLine(value);
}
