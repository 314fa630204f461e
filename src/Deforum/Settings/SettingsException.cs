namespace Deforum.Settings;

/// <summary>
/// The project's single validation error: carries every problem found, so a user fixes them all in one pass.
/// </summary>
public sealed class SettingsException : Exception
{
    public IReadOnlyList<SettingProblem> Problems { get; }

    public SettingsException(IReadOnlyList<SettingProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    public SettingsException(SettingProblem problem) : this([problem]) { }

    public SettingsException() : this([]) { }

    public SettingsException(string message) : base(message) => Problems = [];

    public SettingsException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    /// <summary>
    /// The message alone: a settings problem is the user's input, not a bug, and a notebook cell or a log shows
    /// ToString(), where a stack trace would bury the setting, the value and the fix.
    /// </summary>
    public override string ToString() => $"Settings problem: {Message}";

    static string Describe(IReadOnlyList<SettingProblem> problems) => problems.Count switch
    {
        0 => "invalid settings",
        1 => problems[0].ToString(),
        _ => $"{problems.Count} problems in the settings:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)),
    };
}
