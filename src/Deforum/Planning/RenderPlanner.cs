using System.Globalization;
using Deforum.Outputs;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>Builds the render plan of a prepared run for its animation mode (the Run cell's dispatch), fresh or resumed.</summary>
public static class RenderPlanner
{
    /// <param name="run">From <see cref="RunPreparation.Prepare"/>.</param>
    /// <param name="resume">Animations only: what the folder holds (from <see cref="ResumeFinder"/>); the plan's <see cref="RenderPlan.Resume"/> says how it continues.</param>
    /// <param name="initImages">None mode with use_init: the init list from <see cref="InitImages.Resolve"/>; defaults to init_image alone.</param>
    /// <exception cref="SettingsException">Resume of a still batch, a resume state the settings no longer fit, or a bad prompt weight.</exception>
    public static RenderPlan Plan(PreparedRun run, ResumePoint? resume = null, IReadOnlyList<string>? initImages = null)
    {
        var g = run.Settings.Generation;
        var mode = run.Settings.Animation.AnimationMode;
        if (resume is not null) return Resumed(run, resume);
        return mode switch
        {
            AnimationModes.None => Still(run, initImages ?? [g.InitImage ?? ""]),
            AnimationModes.Interpolation => new RenderPlan(mode, g.Timestring, InterpolationPlanner.Plan(run), []),
            _ => new RenderPlan(mode, g.Timestring, AnimationPlanner.Plan(run, null), []),
        };
    }

    /// <summary>
    /// The uninterrupted run's plan under the old timestring, less what is done: everything up to the state's diffused
    /// frame (exact), the original's restart (no state), or the frames on disk where frames are independent.
    /// </summary>
    static RenderPlan Resumed(PreparedRun run, ResumePoint resume)
    {
        var mode = run.Settings.Animation.AnimationMode;
        if (mode == AnimationModes.None)
            throw new SettingsException(new SettingProblem("resume_from_timestring", null, mode,
                "a still batch cannot be resumed: each run of it makes a new batch", "turn resume_from_timestring off for this mode"));
        var named = run with { Settings = run.Settings with { Generation = run.Settings.Generation with { Timestring = resume.Timestring } } };
        var full = mode == AnimationModes.Interpolation ? InterpolationPlanner.Plan(named) : AnimationPlanner.Plan(named, null);
        if (full.All(f => f.FileName is null || f.Index < resume.FramesOnDisk))
            return new RenderPlan(mode, resume.Timestring, [], [], resume with { Kind = ResumeKind.Finished });

        bool independent = mode is AnimationModes.VideoInput or AnimationModes.Interpolation;
        var kind = independent ? ResumeKind.Continue : resume.Kind;
        var frames = kind switch
        {
            ResumeKind.Exact => After(full, Check(run.Settings, resume.State!)),
            ResumeKind.Original => AnimationPlanner.Plan(named, resume),
            _ => [.. full.Where(f => f.FileName is null || f.Index >= resume.FramesOnDisk)],
        };
        return new RenderPlan(mode, resume.Timestring, frames, [], resume with { Kind = kind });
    }

    /// <summary>The loop state fits only the run it came from: same mode, size and cadence.</summary>
    static ResumeStateInfo Check(DeforumSettings s, ResumeStateInfo state)
    {
        var problems = new ProblemCollector();
        void Same(string setting, object now, object then)
        {
            string n = Convert.ToString(now, CultureInfo.InvariantCulture)!, t = Convert.ToString(then, CultureInfo.InvariantCulture)!;
            if (n != t)
                problems.Add(setting, null, n, $"the stopped run {state.Timestring} was rendered with {setting} {t}, and its resume state only continues that",
                    $"set {setting} back to {t} to continue it, or turn resume_from_timestring off to start a new run");
        }
        Same("animation_mode", s.Animation.AnimationMode, state.Mode);
        Same("W", s.Generation.W, state.Width);
        Same("H", s.Generation.H, state.Height);
        Same("diffusion_cadence", s.Animation.DiffusionCadence, state.Cadence);
        problems.ThrowIfAny();
        return state;
    }

    static List<PlannedFrame> After(List<PlannedFrame> full, ResumeStateInfo state)
    {
        int i = full.FindIndex(f => f.Kind == FrameKind.Diffused && f.Index == state.LastFrame);
        if (i < 0)
            throw new SettingsException(new SettingProblem("resume_timestring", null, state.Timestring,
                $"its resume state was taken after frame {state.LastFrame}, which this run does not diffuse",
                $"delete {OutputPaths.ResumeStateFile(state.Timestring)} to resume as the original notebook does (from the last saved frame)"));
        return full[(i + 1)..];
    }

    static RenderPlan Still(PreparedRun run, IReadOnlyList<string> initImages)
    {
        var (frames, grids) = StillBatchPlanner.Plan(run, initImages);
        return new RenderPlan(AnimationModes.None, run.Settings.Generation.Timestring, frames, grids);
    }
}
