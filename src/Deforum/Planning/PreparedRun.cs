using Deforum.Sampling;
using Deforum.Schedules;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>
/// Settings after validation and the Run cell's adjustments (settings.md §8.8), with the per-frame series built.
/// <see cref="Schedules"/> is null in modes that build none (None, Interpolation); <see cref="SeedSchedule"/> is
/// set only for seed_behavior "schedule"; <see cref="SamplerSchedule"/> only with enable_schedule_samplers in 2D, 3D and
/// Video Input.
/// </summary>
public sealed record PreparedRun(
    DeforumSettings Settings,
    AnimationSchedules? Schedules,
    double[]? SeedSchedule,
    IReadOnlyList<SettingsNotice> Notices,
    SamplerName[]? SamplerSchedule = null);
