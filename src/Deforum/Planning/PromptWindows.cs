using Deforum.Prompts;
using Deforum.Sampling;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>
/// prompt_blend_window N (2D, 3D, Video Input): instead of 0.4's hard switch where a frame's prompt text (or its
/// neg_prompts text) changes, the N frames before the change blend toward the new prompt with weights
/// 1/(N+1) … N/(N+1); the window shrinks to the frames after the previous change, so each prompt still has its own
/// keyframe in full. The new prompt's backtick weights are evaluated at the blending frame.
/// </summary>
public static class PromptWindows
{
    /// <summary>Each frame's window, null outside every window (always null with a window of 0).</summary>
    /// <param name="own">The frames' own prompts (<see cref="PromptResolver.ForFrames"/>).</param>
    /// <exception cref="SettingsException">A bad backtick weight of a new prompt at a blending frame.</exception>
    public static PromptWindow?[] Plan(DeforumSettings settings, IReadOnlyList<FramePrompt> own)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(own);
        var a = settings.Animation;
        int maxFrames = own.Count;
        var windows = new PromptWindow?[maxFrames];
        if (a.PromptBlendWindow <= 0) return windows;
        var method = Enum.Parse<ConditioningBlendMethod>(a.PromptBlendMethod);
        var texts = PromptResolver.Texts(settings.Prompts, maxFrames);
        var problems = new ProblemCollector();
        int previousChange = 0;
        for (int change = 1; change < maxFrames; change++)
        {
            if (texts[change] == texts[change - 1]) continue;
            int n = Math.Min(a.PromptBlendWindow, change - previousChange - 1);
            for (int f = change - n; f < change; f++)
            {
                var target = problems.Try(() => PromptResolver.Resolve(texts[change].Positive, texts[change].Negative, f, settings.Generation, "animation_prompts"));
                if (target is null || (target.SameCond(own[f]) && target.SameUncond(own[f]))) continue;
                windows[f] = new PromptWindow(previousChange, change, target, (double)(f - (change - n) + 1) / (n + 1), method);
            }
            previousChange = change;
        }
        problems.ThrowIfAny();
        return windows;
    }
}
