using Deforum.Interactive.Charts;
using Deforum.Rendering;

namespace Deforum.Interactive;

/// <summary>What the Prompts cell shows before anything renders: the plan, its schedules plotted, the frame table.</summary>
public sealed record PlanView(PlannedRun Planned, ScheduleChart Schedules);
