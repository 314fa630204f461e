namespace Deforum.Settings;

/// <summary>Checks the Run-cell settings against the ranges in settings.md §8.</summary>
static class GenerationValidator
{
    public const long MaxSeed = uint.MaxValue;

    public static void Check(GenerationSettings g, ProblemCollector problems)
    {
        CheckSize(problems, "W", g.W);
        CheckSize(problems, "H", g.H);
        Rules.OneOf(problems, "bit_depth_output", g.BitDepthOutput.ToString(System.Globalization.CultureInfo.InvariantCulture), Choices.BitDepths);
        if (g.Seed != -1 && (g.Seed < 0 || g.Seed > MaxSeed))
            problems.Add("seed", null, g.Seed.ToString(), "must be -1 (random) or from 0 to 4294967295",
                "use -1 for a random seed or a whole number from 0 to 4294967295");
        Rules.OneOf(problems, "sampler", g.Sampler, Choices.Samplers);
        Rules.AtLeast(problems, "steps", g.Steps, 1);
        if (!double.IsFinite(g.Scale))
            problems.Add("scale", null, g.Scale.ToString(), "must be a finite number", "set scale to a number such as 7");
        Rules.AtLeast(problems, "ddim_eta", g.DdimEta, 0);
        if (g.DynamicThreshold is { } dyn) Rules.Between(problems, "dynamic_threshold", dyn, 0, 100);
        if (g.StaticThreshold is { } st) Rules.AtLeast(problems, "static_threshold", st, double.Epsilon);
        Rules.AtLeast(problems, "n_batch", g.NBatch, 1);
        Rules.PlanSize(problems, "n_batch", g.NBatch, g.NBatch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Rules.OneOf(problems, "filename_format", g.FilenameFormat, Choices.FilenameFormats);
        Rules.OneOf(problems, "seed_behavior", g.SeedBehavior, Choices.SeedBehaviors);
        Rules.AtLeast(problems, "seed_iter_N", g.SeedIterN, 1);
        Rules.AtLeast(problems, "grid_rows", g.GridRows, 1);
        if (!double.IsFinite(g.Strength))
            problems.Add("strength", null, g.Strength.ToString(), "must be a finite number", "set strength from 0 to 1");
        Rules.AtLeast(problems, "init_noise", g.InitNoise, 0);
        if (g.UseInit && !g.PerlinInit && string.IsNullOrWhiteSpace(g.InitImage))
            problems.Add("init_image", null, g.InitImage ?? "null", "use_init is on but init_image is empty",
                "give a file path or http(s) URL in init_image, or turn use_init off");
        if (g.UseMask && !g.UseInit)
            problems.Add("use_mask", null, "true", "a mask needs an init image (the original asserts here)",
                "turn use_init on with an init_image, or turn use_mask off");
        if (g.UseMask && string.IsNullOrWhiteSpace(g.MaskFile) && !g.UseAlphaAsMask)
            problems.Add("mask_file", null, g.MaskFile, "use_mask is on but mask_file is empty",
                "give a mask image path or URL, or turn use_alpha_as_mask on");
        Rules.AtLeast(problems, "mask_overlay_blur", g.MaskOverlayBlur, 0);
        Rules.AtLeast(problems, "n_samples", g.NSamples, 1);
    }

    static void CheckSize(ProblemCollector problems, string setting, int value)
    {
        if (value >= 64) return;
        problems.Add(setting, null, value.ToString(), "is below 64, so rounding down to a multiple of 64 leaves 0",
            $"set {setting} to 64 or more, ideally a multiple of 64 such as 512");
    }
}
