using Deforum.Outputs;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>What a resumed plan tells the user about how it continues (docs/compat.md § Resume).</summary>
internal static class ResumeNotices
{
    public static SettingsNotice For(RenderPlan plan, string outdir)
    {
        var r = plan.Resume ?? throw new ArgumentException("the plan does not resume a run", nameof(plan));
        string run = $"run {r.Timestring}";
        return new SettingsNotice("resume_timestring", r.Kind switch
        {
            ResumeKind.Exact => $"continuing {run} exactly after frame {r.LastFrame} from its resume state: the frames come out as if it had never stopped",
            ResumeKind.Original =>
                $"{run} has no resume state ({OutputPaths.ResumeStateFile(r.Timestring)}), as a run the Python notebook made: resuming as the original does — " +
                $"frame {r.LastFrame} is read back as the previous frame and the colour reference, the seeds restart from seed, " +
                $"so frames from {r.StartFrame} on can differ from an uninterrupted run",
            ResumeKind.Finished => $"{run} is finished: all its frames are in {outdir}; nothing to render",
            _ when r.FramesOnDisk == 0 => $"{run} has no frames yet: rendering it from frame 0",
            _ => $"continuing {run} at frame {r.FramesOnDisk}: {plan.Mode} frames do not depend on each other, so they are the same as an uninterrupted run's",
        });
    }
}
