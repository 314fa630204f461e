using Deforum.Planning;

namespace Deforum.Rendering;

/// <summary>Reported after each plan entry: <see cref="Completed"/> of <see cref="Total"/> entries are done, the last being <see cref="Frame"/>.</summary>
public readonly record struct RenderProgress(int Completed, int Total, PlannedFrame Frame);
