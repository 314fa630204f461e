using Deforum.Planning;

namespace Deforum.Rendering;

/// <summary>What a <see cref="RenderProgress"/> report says happened.</summary>
public enum RenderEvent
{
    /// <summary>A plan entry finished: <see cref="RenderProgress.Completed"/> of <see cref="RenderProgress.Total"/> are done, the last being <see cref="RenderProgress.Frame"/>.</summary>
    EntryFinished = 0,
    /// <summary>Before the first entry: <see cref="RenderProgress.Plan"/> is what will run (<see cref="RenderProgress.Total"/> entries).</summary>
    RunStarted,
    /// <summary>Entry <see cref="RenderProgress.Completed"/> + 1 of <see cref="RenderProgress.Total"/> begins: <see cref="RenderProgress.Frame"/> (its Index and Kind: diffused, in-between, still …).</summary>
    FrameStarted,
    /// <summary>The sampler finished step <see cref="RenderProgress.Step"/> of <see cref="RenderProgress.Steps"/> of <see cref="RenderProgress.Frame"/>'s generation.</summary>
    SamplerStep,
    /// <summary><see cref="RenderProgress.Frame"/>'s image is on disk at <see cref="RenderProgress.Path"/> (and its depth map at <see cref="RenderProgress.DepthPath"/>).</summary>
    FrameWritten,
    /// <summary>After the last entry; not reported when the run stops early (cancelled or failed).</summary>
    RunFinished,
}

/// <summary>
/// One report of a running render. The renderers report, in order: <see cref="RenderEvent.RunStarted"/>, then per plan
/// entry <see cref="RenderEvent.FrameStarted"/>, its <see cref="RenderEvent.SamplerStep"/>s, <see cref="RenderEvent.FrameWritten"/>
/// (entries that save an image) and <see cref="RenderEvent.EntryFinished"/>, and last <see cref="RenderEvent.RunFinished"/>.
/// Reports may arrive on any thread (sampler steps come from inside the generation); <see cref="RunProgressTracker"/>
/// turns them into frames done, speed and ETA.
/// </summary>
/// <param name="Completed">Plan entries finished when this was reported.</param>
/// <param name="Total">Entries in the plan.</param>
/// <param name="Frame">The entry this report is about; null for <see cref="RenderEvent.RunStarted"/> and <see cref="RenderEvent.RunFinished"/>.</param>
public readonly record struct RenderProgress(int Completed, int Total, PlannedFrame? Frame)
{
    public RenderEvent Event { get; init; }

    /// <summary>Time since the run started, stamped where the event happened (a consumer may receive it later).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The plan being executed (<see cref="RenderEvent.RunStarted"/> and <see cref="RenderEvent.RunFinished"/>).</summary>
    public RenderPlan? Plan { get; init; }

    /// <summary>Sampler steps finished in the current generation, from 1 (<see cref="RenderEvent.SamplerStep"/>).</summary>
    public int Step { get; init; }

    /// <summary>Steps the sampler will report for this generation; null when it adapts its steps (dpm_adaptive).</summary>
    public int? Steps { get; init; }

    /// <summary>The written image (<see cref="RenderEvent.FrameWritten"/>): a full path for files on disk.</summary>
    public string? Path { get; init; }

    /// <summary>The depth map written with it, if save_depth_maps wrote one.</summary>
    public string? DepthPath { get; init; }
}
