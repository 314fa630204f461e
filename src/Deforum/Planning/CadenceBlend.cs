namespace Deforum.Planning;

/// <summary>
/// How a cadence in-between is made (algorithms.md §13): output = prev·(1−w) + next·w, where prev and next are the
/// two newest diffused frames (by index) warped up to this frame; without a prev (or at w = 1) it is next alone.
/// </summary>
public sealed record CadenceBlend(int? PreviousDiffused, int NextDiffused, double Weight);
