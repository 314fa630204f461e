using Deforum.Outputs;
using Deforum.Sampling;
using Deforum.Schedules;
using Deforum.Seeds;
using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>
/// Validates everything at once, then applies the Run cell's adjustments in the original order
/// (deforum-stable-diffusion Run cell, settings.md §8.8), reporting each one that changes a value.
/// </summary>
public static class RunPreparation
{
    /// <exception cref="SettingsException">All problems of all settings, schedules and prompts.</exception>
    public static PreparedRun Prepare(DeforumSettings settings, RunContext context)
    {
        var problems = new ProblemCollector();
        var notices = new List<SettingsNotice>();
        GenerationValidator.Check(settings.Generation, problems);
        GuidanceValidator.Check(settings.Guidance, problems);
        AnimationValidator.Check(settings.Animation, settings.Prompts, problems);
        PerlinRules.Check(settings.Generation, settings.Animation, problems);
        Rules.OneOf(problems, "model_config", settings.Model.ModelConfig, Choices.ModelConfigs);
        Rules.OneOf(problems, "map_location", settings.Model.MapLocation, Choices.MapLocations);
        Rules.AtLeast(problems, "fps", settings.Video.Fps, double.Epsilon);
        Rules.OneOf(problems, "path_name_modifier", settings.Video.PathNameModifier, Choices.PathNameModifiers);
        string mode = settings.Animation.AnimationMode;
        if (mode == AnimationModes.VideoInput && context.ExtractedVideoFrames is not > 0)
            problems.Add("video_init_path", null, settings.Animation.VideoInitPath, "no frames were extracted from the video",
                "check that the video exists and can be decoded, and that extract_nth_frame is not larger than its frame count");

        var g = Adjust(settings.Generation, mode, context, notices);
        PerlinRules.AddNotices(g, settings.Animation, notices);
        if (g.Outdir.Length == 0)
            g = g with { Outdir = OutputPaths.BatchFolder(settings.Paths.OutputPath, context.Started, g.BatchName) };
        var a = settings.Animation with
        {
            MaxFrames = mode switch
            {
                AnimationModes.None => 1,
                AnimationModes.VideoInput => context.ExtractedVideoFrames ?? 0,
                _ => settings.Animation.MaxFrames,
            },
        };
        if (mode == AnimationModes.VideoInput && a.MaxFrames != settings.Animation.MaxFrames)
            notices.Add(new SettingsNotice("max_frames", $"set to the {a.MaxFrames} frames extracted from the video"));
        if (mode == AnimationModes.VideoInput && a.UseMaskVideo)
            g = g with { UseMask = true, OverlayMask = true };

        // Schedules are checked even when other settings failed, so one pass reports everything (but not expanded to a
        // max_frames already refused as too large).
        bool expandable = a.MaxFrames is >= 1 and <= Rules.MaxPlannedImages;
        bool animated = expandable && mode is AnimationModes.TwoD or AnimationModes.ThreeD or AnimationModes.VideoInput;
        var schedules = animated ? problems.Try(() => AnimationSchedules.Build(a, a.MaxFrames, g.Seed)) : null;
        var seedSchedule = expandable && g.SeedBehavior == "schedule"
            ? problems.Try(() => KeyframeSchedule.Parse("seed_schedule", g.SeedSchedule).Expand(a.MaxFrames, g.Seed))
            : null;
        if (seedSchedule is not null) CheckSeedRange(seedSchedule, problems);
        var samplerSchedule = animated && a.EnableScheduleSamplers
            ? problems.Try(() => SamplerSchedule.Parse(a.SamplerSchedule).Expand(a.MaxFrames))
            : null;
        if (samplerSchedule is not null) SwapScheduledPlms(samplerSchedule, notices);
        if (mode == AnimationModes.VideoInput && g.Strength == 0)
            notices.Add(new SettingsNotice("strength", "0 in Video Input mode regenerates every frame from noise, so the video is practically ignored; raise strength to keep more of it"));
        problems.ThrowIfAny();

        var adjusted = settings with { Generation = g, Animation = a };
        return new PreparedRun(adjusted, schedules, seedSchedule, notices, samplerSchedule);
    }

    /// <summary>Animation frames always start from an init, which plms cannot do: the same swap as for the sampler setting.</summary>
    static void SwapScheduledPlms(SamplerName[] samplers, List<SettingsNotice> notices)
    {
        if (Array.IndexOf(samplers, SamplerName.Plms) < 0) return;
        samplers.AsSpan().Replace(SamplerName.Plms, SamplerName.Klms);
        notices.Add(new SettingsNotice("sampler_schedule", "plms cannot start from an init image; those frames use klms, as the sampler setting does"));
    }

    static void CheckSeedRange(double[] seeds, ProblemCollector problems)
    {
        int bad = Array.FindIndex(seeds, v => Math.Truncate(v) is < 0 or > uint.MaxValue);
        if (bad < 0) return;
        problems.Add("seed_schedule", null, seeds[bad].ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"the seed at frame {bad} is outside 0 … 4294967295", "keep seed_schedule values between 0 and 4294967295, e.g. 0:(s), 10:(s+10)");
    }

    static GenerationSettings Adjust(GenerationSettings g, string mode, RunContext context, List<SettingsNotice> notices)
    {
        int w = g.W - g.W % 64, h = g.H - g.H % 64;
        if (w != g.W || h != g.H)
            notices.Add(new SettingsNotice("W/H", $"{g.W}x{g.H} rounded down to {w}x{h}: sizes must be multiples of 64, as in the original"));
        double strength = Math.Clamp(g.Strength, 0, 1);
        if (strength != g.Strength)
            notices.Add(new SettingsNotice("strength", $"{g.Strength} clamped to {strength}"));
        long seed = InitialSeed.Resolve(g.Seed, context.Random, notices);
        bool useInit = g.UseInit || mode == AnimationModes.VideoInput;
        string sampler = g.Sampler;
        if (sampler == "plms" && (useInit || g.PerlinInit || mode != AnimationModes.None))
        {
            sampler = "klms";
            notices.Add(new SettingsNotice("sampler", "plms cannot start from an init image; switched to klms as the original does"));
        }
        string seedBehavior = g.SeedBehavior;
        if (mode == AnimationModes.Interpolation && seedBehavior != "fixed")
        {
            seedBehavior = "fixed";
            notices.Add(new SettingsNotice("seed_behavior", "Interpolation mode always uses a fixed seed"));
        }
        if (g.Scale == 1)
            notices.Add(new SettingsNotice("scale", "scale 1 means no guidance: the unconditional prompt is not used"));
        return g with
        {
            W = w,
            H = h,
            Strength = strength,
            Seed = seed,
            UseInit = useInit,
            InitImage = useInit ? g.InitImage : null,
            Sampler = sampler,
            DdimEta = sampler == "ddim" ? g.DdimEta : 0,
            SeedBehavior = seedBehavior,
            Timestring = context.Timestring,
        };
    }
}
