namespace Deforum.Models.Weights;

/// <summary>
/// The key table of a CompVis LatentDiffusion state dict: which prefix feeds which module. Below its prefix every
/// module's tree reproduces the reference's names exactly (e.g. <c>input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight</c>,
/// <c>encoder.down.0.block.1.norm1.weight</c>), so a key maps to a parameter by name alone.
/// </summary>
public static class CheckpointLayout
{
    /// <summary>UNet (openaimodel.py::UNetModel).</summary>
    public const string Unet = "model.diffusion_model.";

    /// <summary>VAE (autoencoder.py::AutoencoderKL): encoder.*, decoder.*, quant_conv.*, post_quant_conv.*.</summary>
    public const string Vae = "first_stage_model.";

    /// <summary>Text encoder (Hugging Face CLIPTextModel layout under FrozenCLIPEmbedder.transformer).</summary>
    public const string TextEncoder = "cond_stage_model.transformer.";

    /// <summary>EMA copies in "full-ema" files: unused at inference (use_ema false).</summary>
    public const string Ema = "model_ema.";

    /// <summary>The DDPM schedule buffers stored at the top level (recomputable from the config).</summary>
    public static IReadOnlyList<string> ScheduleBuffers { get; } =
    [
        "betas", "alphas_cumprod", "alphas_cumprod_prev", "sqrt_alphas_cumprod", "sqrt_one_minus_alphas_cumprod",
        "log_one_minus_alphas_cumprod", "sqrt_recip_alphas_cumprod", "sqrt_recipm1_alphas_cumprod", "posterior_variance",
        "posterior_log_variance_clipped", "posterior_mean_coef1", "posterior_mean_coef2",
    ];
}
