using Deforum.Outputs;

namespace Deforum.Planning;

/// <summary>
/// Everything a run will do, in execution order, before any GPU time is spent. <see cref="Grids"/> lists the
/// None-mode grid files. <see cref="Resume"/> is set when the plan continues an earlier run (2D/3D): its last saved
/// frame is the previous frame of the first entry. <see cref="ToTable"/> shows the plan for checking schedules by eye.
/// </summary>
public sealed record RenderPlan(string Mode, string Timestring, IReadOnlyList<PlannedFrame> Frames, IReadOnlyList<string> Grids,
    ResumePoint? Resume = null)
{
    /// <summary>Entries that write a file.</summary>
    public IEnumerable<PlannedFrame> SavedFrames => Frames.Where(f => f.FileName is not null);

    /// <summary>Entries that run the sampler.</summary>
    public IEnumerable<PlannedFrame> Generations => Frames.Where(f => f.Kind != FrameKind.InBetween);

    public string ToTable() => RenderPlanTable.Format(this);

    public override string ToString() => ToTable();
}
