namespace Deforum.Outputs;

/// <summary>How a resumed run continues (docs/compat.md § Resume).</summary>
public enum ResumeKind
{
    /// <summary>The stopped run's loop state (<see cref="ResumePoint.State"/>): continue after its last diffused frame, bit for bit as if never stopped.</summary>
    Exact,
    /// <summary>
    /// No state file (a run the Python notebook made): the original's start-up (spec §19) — the last diffused frame on
    /// disk is read back as the previous frame, the colour reference and both cadence buffers.
    /// </summary>
    Original,
    /// <summary>Continue at the first frame not on disk: nothing rendered yet, or a mode whose frames are independent (Video Input, Interpolation).</summary>
    Continue,
    /// <summary>Every frame the plan writes is on disk already: nothing to render (the video can still be made).</summary>
    Finished,
}

/// <summary>
/// Where a resumed run continues, under its old timestring. For <see cref="ResumeKind.Original"/>: the frame to load as
/// the previous frame (also the new colour reference) and the first frame to render; with cadence both cadence
/// buffers start as the loaded frame.
/// </summary>
public sealed record ResumePoint(string Timestring, int LastFrame, int StartFrame, string LastFrameFile)
{
    public ResumeKind Kind { get; init; } = ResumeKind.Original;

    /// <summary>Frames 0 … FramesOnDisk − 1 of the run are on disk (the unbroken run from frame 0).</summary>
    public int FramesOnDisk { get; init; }

    /// <summary>The state file's header, for <see cref="ResumeKind.Exact"/>.</summary>
    public ResumeStateInfo? State { get; init; }
}
