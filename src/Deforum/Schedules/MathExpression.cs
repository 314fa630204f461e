using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>
/// A parsed schedule or prompt-weight expression (the numexpr language of notebook 0.5+, written here as a
/// closed interpreter). Booleans evaluate to 1 and 0, as numexpr's did when stored into a float series.
/// </summary>
public sealed class MathExpression
{
    readonly Func<ScheduleVariables, double> _evaluate;

    public string Text { get; }

    MathExpression(string text, Func<ScheduleVariables, double> evaluate)
    {
        Text = text;
        _evaluate = evaluate;
    }

    /// <summary>Parses <paramref name="text"/>; problems name <paramref name="setting"/> and positions shifted by <paramref name="offset"/>.</summary>
    /// <exception cref="SettingsException">The text is not a valid expression.</exception>
    public static MathExpression Parse(string text, string setting, int offset = 0) =>
        new(text, ExpressionParser.Parse(text, setting, offset));

    public double Evaluate(ScheduleVariables variables) => _evaluate(variables);

    public override string ToString() => Text;
}
