namespace Deforum.Schedules;

/// <summary>
/// One <c>frame:(value)</c> entry. A plain-number value has <see cref="Number"/>; any other value has
/// <see cref="Expression"/>, evaluated per frame until the next key; a text schedule's value (sampler_schedule) has
/// neither and is read from <see cref="Text"/>. <see cref="Position"/> is the offset of the
/// value text inside the schedule string.
/// </summary>
public sealed record Keyframe(int Frame, string Text, int Position, double? Number, MathExpression? Expression)
{
    public bool IsNumber => Number.HasValue;

    public double ValueAt(ScheduleVariables variables) => Number ?? Expression!.Evaluate(variables);
}
