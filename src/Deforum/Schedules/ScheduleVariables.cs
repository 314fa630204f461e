namespace Deforum.Schedules;

/// <summary>
/// The names an expression may read: <c>t</c> (frame index), <c>max_f</c> (last frame index) and <c>s</c> (seed),
/// as in the notebook (t) and the web-UI extension (max_f, s).
/// </summary>
public readonly record struct ScheduleVariables(double T, double MaxF, double S);
