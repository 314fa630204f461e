namespace Deforum.Settings;

/// <summary>
/// Gathers problems across many settings so validation can report all of them at once. A problem already gathered is
/// not added again (a setting several checks read, such as keyframe_interpolation for every schedule, is reported once).
/// </summary>
public sealed class ProblemCollector
{
    readonly List<SettingProblem> _problems = [];
    readonly HashSet<SettingProblem> _seen = [];

    public IReadOnlyList<SettingProblem> Problems => _problems;

    public bool HasProblems => _problems.Count > 0;

    public void Add(SettingProblem problem)
    {
        if (_seen.Add(problem)) _problems.Add(problem);
    }

    public void Add(string setting, int? position, string badText, string message, string fix) =>
        Add(new SettingProblem(setting, position, badText, message, fix));

    /// <summary>Runs <paramref name="action"/>, keeping its validation problems instead of letting them escape.</summary>
    public T? Try<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Problems) Add(problem);
            return default;
        }
    }

    public void ThrowIfAny()
    {
        if (HasProblems) throw new SettingsException([.. _problems]);
    }
}
