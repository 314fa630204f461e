namespace Deforum.Settings;

/// <summary>
/// One thing wrong with a user's input: which setting, where in its text (0-based character offset,
/// or null for non-text values), the offending text, what is wrong and how to fix it.
/// </summary>
public sealed record SettingProblem(string Setting, int? Position, string BadText, string Message, string Fix)
{
    public override string ToString()
    {
        var where = Position is { } p ? $" at position {p}" : "";
        return $"{Setting}{where}: {Message} (found '{BadText}'); fix: {Fix}";
    }
}
