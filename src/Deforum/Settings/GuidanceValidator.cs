namespace Deforum.Settings;

/// <summary>Checks the 0.6 conditioning-guidance settings (settings.md §8.7).</summary>
static class GuidanceValidator
{
    public static void Check(GuidanceSettings c, ProblemCollector problems)
    {
        Rules.Between(problems, "exposure_target", c.ExposureTarget, 0, 1);
        Rules.AtLeast(problems, "colormatch_n_colors", c.ColormatchNColors, 1);
        Rules.OneOf(problems, "clip_name", c.ClipName, Choices.ClipNames);
        Rules.AtLeast(problems, "cutn", c.Cutn, 1);
        Rules.OneOf(problems, "gradient_wrt", c.GradientWrt, Choices.GradientWrts);
        Rules.OneOf(problems, "gradient_add_to", c.GradientAddTo, Choices.GradientAddTos);
        Rules.OneOf(problems, "decode_method", c.DecodeMethod, Choices.DecodeMethods);
        Rules.OneOf(problems, "grad_threshold_type", c.GradThresholdType, Choices.GradThresholdTypes);
        Rules.AtLeast(problems, "clamp_grad_threshold", c.ClampGradThreshold, 0);
        if (c.ColormatchScale != 0 && string.IsNullOrWhiteSpace(c.ColormatchImage))
            problems.Add("colormatch_image", null, c.ColormatchImage, "colormatch_scale is on but colormatch_image is empty",
                "give a palette image path or URL, or set colormatch_scale to 0");
        if (c.InitMseScale != 0 && string.IsNullOrWhiteSpace(c.InitMseImage))
            problems.Add("init_mse_image", null, c.InitMseImage, "init_mse_scale is on but init_mse_image is empty",
                "give an image path or URL, or set init_mse_scale to 0");
    }
}
