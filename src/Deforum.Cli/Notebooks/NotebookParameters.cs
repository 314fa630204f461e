using System.Globalization;
using Microsoft.DotNet.Interactive.Documents;

namespace Deforum.Cli.Notebooks;

/// <summary>
/// Papermill's convention for C#: values given as name=value become a cell of top-level declarations inserted right
/// after the cell tagged <c>parameters</c>, so every later cell sees them instead of the notebook's defaults.
/// </summary>
public static class NotebookParameters
{
    public const string Tag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>"W=64" → ("W", "64"); the value is C# source after <see cref="Literal"/>.</summary>
    public static (string Name, string Value) Parse(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        var name = eq > 0 ? assignment[..eq].Trim() : "";
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"parameter '{assignment}' is not name=value with a C# identifier as name (e.g. -p W=256 -p models_path=~/models)");
        return (name, assignment[(eq + 1)..]);
    }

    /// <summary>A number or true/false stays as it is; anything else becomes a C# string literal (unless already quoted).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is "true" or "false") return value;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return value;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return value;
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') return value;
        return "@\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Inserts the parameters cell after the tagged one; returns its index.</summary>
    /// <exception cref="ArgumentException">Parameters were given but no cell carries the tag.</exception>
    public static int Inject(InteractiveDocument notebook, IReadOnlyList<(string Name, string Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(parameters);
        int tagged = notebook.Elements.ToList().FindIndex(HasParametersTag);
        if (tagged < 0)
            throw new ArgumentException($"the notebook has no cell tagged '{Tag}' to inject {string.Join(", ", parameters.Select(p => p.Name))} after; " +
                "tag the cell that declares them (cell metadata \"tags\": [\"parameters\"])");
        var code = string.Join('\n', parameters.Select(p => $"var {p.Name} = {Literal(p.Value)};"));
        var cell = new InteractiveDocumentElement(code, "csharp")
        {
            Metadata = new Dictionary<string, object> { ["tags"] = new[] { InjectedTag } },
        };
        notebook.Elements.Insert(tagged + 1, cell);
        return tagged + 1;
    }

    static bool HasParametersTag(InteractiveDocumentElement cell) =>
        cell.Metadata?.TryGetValue("tags", out var tags) == true && tags switch
        {
            IEnumerable<object> list => list.Any(t => t?.ToString() == Tag),
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } json => json.EnumerateArray().Any(t => t.GetString() == Tag),
            _ => false,
        };
}
