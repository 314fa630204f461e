namespace Deforum.Planning;

/// <summary>Port of the img2img step rule of deforum-stable-diffusion generate(): t_enc = int((1.0 − strength) · steps).</summary>
public static class StepCount
{
    /// <summary>Computed in IEEE double and truncated, so strength 0.9 with 10 steps gives 0, as in the original.</summary>
    public static int Of(double strength, int steps) => (int)((1.0 - strength) * steps);

    /// <summary>The strength a generation really uses: strength_0_no_init zeroes it when there is no init.</summary>
    public static double Effective(double strength, bool hasInit, bool strength0NoInit) =>
        !hasInit && strength0NoInit && strength > 0 ? 0 : strength;
}
