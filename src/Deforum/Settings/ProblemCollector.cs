namespace Deforum.Settings;

/// <summary>Gathers problems across many settings so validation can report all of them at once.</summary>
public sealed class ProblemCollector
{
    readonly List<SettingProblem> _problems = [];

    public IReadOnlyList<SettingProblem> Problems => _problems;

    public bool HasProblems => _problems.Count > 0;

    public void Add(SettingProblem problem) => _problems.Add(problem);

    public void Add(string setting, int? position, string badText, string message, string fix) =>
        _problems.Add(new SettingProblem(setting, position, badText, message, fix));

    /// <summary>Runs <paramref name="action"/>, keeping its validation problems instead of letting them escape.</summary>
    public T? Try<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SettingsException e)
        {
            _problems.AddRange(e.Problems);
            return default;
        }
    }

    public void ThrowIfAny()
    {
        if (HasProblems) throw new SettingsException([.. _problems]);
    }
}
