using Deforum.Outputs;
using Deforum.Prompts;
using Deforum.Sampling;
using Deforum.Seeds;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>
/// Port of deforum-stable-diffusion render_image_batch (algorithms.md §18): each prompt n_batch times per init,
/// one global index, the seed advanced after every image and never reset between prompts.
/// </summary>
static class StillBatchPlanner
{
    public static (List<PlannedFrame> Frames, List<string> Grids) Plan(PreparedRun run, IReadOnlyList<string> initImages)
    {
        var g = run.Settings.Generation;
        var seeds = new SeedSequence(g.SeedBehavior, g.Seed, g.SeedIterN);
        var perlinInit = PerlinRules.InitMode(g);
        var inits = g.UseInit && perlinInit is null ? initImages : [""];
        double strength = Img2Img.EffectiveStrength(g.Strength, g.UseInit || perlinInit is not null, g.Strength0NoInit);
        var frames = new List<PlannedFrame>();
        var grids = new List<string>();
        int index = 0;
        var prompts = run.Settings.Prompts.StillPrompts;
        for (int p = 0; p < prompts.Count; p++)
        {
            var prompt = PromptResolver.Resolve(prompts[p], "", 0, g, "prompts");
            for (int b = 0; b < g.NBatch; b++)
                foreach (var init in inits)
                {
                    frames.Add(new PlannedFrame
                    {
                        Index = index,
                        Kind = FrameKind.Still,
                        Strength = strength,
                        Steps = Img2Img.TEnc(strength, g.Steps),
                        Prompt = prompt,
                        Seed = seeds.Current,
                        InitImage = init.Length > 0 ? init : null,
                        PerlinInit = perlinInit,
                        FileName = g.SaveSamples ? OutputPaths.BatchImageFile(g.Timestring, index, g.FilenameFormat, prompts[p], seeds.Current) : null,
                    });
                    index++;
                    seeds.Advance();
                }
            if (g.MakeGrid) grids.Add(OutputPaths.GridFile(g.Timestring, p, seeds.Current));
        }
        return (frames, grids);
    }
}
