using Deforum.Outputs;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>Builds the render plan of a prepared run for its animation mode (the Run cell's dispatch).</summary>
public static class RenderPlanner
{
    /// <param name="run">From <see cref="RunPreparation.Prepare"/>.</param>
    /// <param name="resume">2D/3D only: where to continue (from <see cref="ResumeFinder"/>).</param>
    /// <param name="initImages">None mode with use_init: the init list from <see cref="InitImages.Resolve"/>; defaults to init_image alone.</param>
    /// <exception cref="SettingsException">Resume outside 2D/3D, or a bad prompt weight.</exception>
    public static RenderPlan Plan(PreparedRun run, ResumePoint? resume = null, IReadOnlyList<string>? initImages = null)
    {
        var g = run.Settings.Generation;
        var mode = run.Settings.Animation.AnimationMode;
        if (resume is not null && mode is not (AnimationModes.TwoD or AnimationModes.ThreeD))
            throw new SettingsException(new SettingProblem("resume_from_timestring", null, mode,
                "resuming is only defined for 2D and 3D animations", "turn resume_from_timestring off for this mode"));
        return mode switch
        {
            AnimationModes.None => Still(run, initImages ?? [g.InitImage ?? ""]),
            AnimationModes.Interpolation => new RenderPlan(mode, g.Timestring, InterpolationPlanner.Plan(run), []),
            _ => new RenderPlan(mode, resume?.Timestring ?? g.Timestring, AnimationPlanner.Plan(run, resume), [], resume),
        };
    }

    static RenderPlan Still(PreparedRun run, IReadOnlyList<string> initImages)
    {
        var (frames, grids) = StillBatchPlanner.Plan(run, initImages);
        return new RenderPlan(AnimationModes.None, run.Settings.Generation.Timestring, frames, grids);
    }
}
