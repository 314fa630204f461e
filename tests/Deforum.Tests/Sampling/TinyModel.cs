using Deforum.Sampling;

namespace Deforum.Tests.Sampling;

/// <summary>
/// The golden tiny UNet (tiny-sd.safetensors; tiny-sd2-v-unet.safetensors for model "sd2_v") as an <see cref="IDiffusionModel"/>.
/// The model layer (issue 5) is not merged into this branch yet, so nothing can be loaded: the end-to-end parity tests
/// skip with <see cref="SkipReason"/>. Wiring it is one line per model key once the loader exists.
/// </summary>
internal static class TinyModel
{
    public const string SkipReason = "needs the tiny UNet (issue 5)";

    /// <param name="modelKey">The manifest's model key: "sd1" (default) or "sd2_v".</param>
    public static IDiffusionModel? TryLoad(string modelKey) => null;
}
