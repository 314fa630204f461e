using Deforum.Animation.Perlin;
using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Sampling;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// One diffusion of the render loop. <see cref="InitSample"/> is the noised, warped previous frame ([1, 3, H, W]
/// float16 on the generator's device) or null for txt2img / a file init (<see cref="InitImage"/>).
/// <see cref="HostRandom"/> is the CPU generator already seeded with <see cref="Seed"/> (seed_everything): the
/// generator makes its CPU draws (the VAE posterior) from it, because the next frame's noise continues that stream.
/// <see cref="Sampler"/> is sampler_schedule's pick for this frame, null for the run's sampler. <see cref="InitC"/>
/// (Interpolation mode's init_c, [1, 77, C]) replaces the prompt's c; uc still comes from the prompt (spec §6).
/// <see cref="PromptWindow"/> blends c and uc toward the next prompt (prompt_blend_window).
/// <see cref="StepProgress"/> hears each sampler step as it finishes (on the generating thread). <see cref="PerlinInit"/>
/// (perlin_init) replaces the init image file with Disco Diffusion's Perlin-noise picture seeded with <see cref="Seed"/>.
/// </summary>
public sealed record GenerationRequest(
    int FrameIndex,
    FramePrompt Prompt,
    long Seed,
    double Strength,
    int Steps,
    Tensor? InitSample,
    string? InitImage,
    string? MaskImage,
    Generator HostRandom,
    SamplerName? Sampler = null,
    Tensor? InitC = null,
    IProgress<SamplerProgress>? StepProgress = null,
    PerlinMode? PerlinInit = null,
    PromptWindow? PromptWindow = null);

/// <summary>The diffusion step of the renderer; the Stable Diffusion pipeline implements it, tests stub it.</summary>
public interface IFrameGenerator
{
    /// <summary>The device the returned samples (and so the render loop's frames) live on.</summary>
    Device Device { get; }

    /// <summary>The decoded sample [1, 3, H, W] in [-1, 1] (before clamping); the caller owns it.</summary>
    Tensor Generate(GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>The conditioning c [1, 77, C] a prompt gives (generate()'s return_c); the caller owns it.</summary>
    Tensor EncodePrompt(FramePrompt prompt);
}
