using Deforum.Outputs;
using Deforum.Prompts;
using Deforum.Sampling;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>
/// Port of deforum-stable-diffusion render_interpolation (0.4, algorithms.md §17): one generation per keyframe
/// prompt, then (K−1)·(x+1)+1 saved frames (or the key differences with interpolate_key_frames) conditioned on
/// blends of neighbouring prompts (linear as 0.4, or 0.7.1's slerp with prompt_blend_method), all with the same seed.
/// </summary>
static class InterpolationPlanner
{
    public static List<PlannedFrame> Plan(PreparedRun run)
    {
        var g = run.Settings.Generation;
        var a = run.Settings.Animation;
        var keys = run.Settings.Prompts.AnimationPrompts.ToList();
        var perlinInit = PerlinRules.InitMode(g);
        double strength = Img2Img.EffectiveStrength(g.Strength, g.UseInit || perlinInit is not null, g.Strength0NoInit);
        var method = Enum.Parse<ConditioningBlendMethod>(a.PromptBlendMethod);
        var frames = new List<PlannedFrame>();

        PlannedFrame Generation(int index, FrameKind kind, int promptIndex) => new()
        {
            Index = index,
            Kind = kind,
            Strength = strength,
            Steps = Img2Img.TEnc(strength, g.Steps),
            Prompt = PromptResolver.Resolve(keys[promptIndex].Value, "", keys[promptIndex].Key, g, "animation_prompts"),
            Seed = g.Seed,
            InitImage = g.UseInit && perlinInit is null ? g.InitImage : null,
            PerlinInit = perlinInit,
        };

        for (int i = 0; i < keys.Count; i++)
            frames.Add(Generation(i, FrameKind.KeyPrompt, i));

        int n = 0;
        for (int i = 0; i + 1 < keys.Count; i++)
        {
            int count = a.InterpolateKeyFrames ? keys[i + 1].Key - keys[i].Key : a.InterpolateXFrames + 1;
            for (int j = 0; j < count; j++, n++)
                frames.Add(Generation(n, FrameKind.Interpolated, i) with
                {
                    PromptBlend = new PromptBlend(i, i + 1, (double)j / count, method),
                    FileName = OutputPaths.FrameFile(g.Timestring, n),
                });
        }
        frames.Add(Generation(n, FrameKind.Interpolated, keys.Count - 1) with
        {
            PromptBlend = new PromptBlend(keys.Count - 1, keys.Count - 1, 0, method),
            FileName = OutputPaths.FrameFile(g.Timestring, n),
        });
        return frames;
    }
}
