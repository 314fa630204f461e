using Deforum.Animation;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class InitSampleParityTests
{
    public static IEnumerable<object[]> ContrastCases => Golden.ImageCases("contrast_unsharp");
    public static IEnumerable<object[]> NoiseCases => Golden.ImageCases("noise");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(ContrastCases))]
    public void Contrast_and_unsharp_mask_match_the_original(string id)
    {
        var c = Golden.ImageCase(id);
        int kernel = c.Params.GetProperty("kernel").GetInt32();
        double sigma = c.Params.GetProperty("sigma").GetDouble(), amount = c.Params.GetProperty("amount").GetDouble();
        double threshold = c.Params.GetProperty("threshold").GetDouble(), contrast = c.Params.GetProperty("contrast").GetDouble();
        using var scope = DisposeScope.Begin();
        if (c.Raw.TryGetProperty("raises", out _))
        {
            // The original cannot run this case; we refuse it with a reason instead of crashing inside NumPy.
            var ex = Assert.Throws<ArgumentException>(() => Contrast.UnsharpMask(Tensor.Zeros([4, 4, 3], DType.Float64), kernel, sigma, amount, threshold));
            Assert.Contains("threshold", ex.Message, StringComparison.Ordinal);
            return;
        }
        using var g = new ImageGolden(id);
        var contrasted = Contrast.Apply(g.Load("in_prev_img"), contrast);
        g.AssertClose(contrasted, "contrast_sample");
        g.AssertClose(Contrast.UnsharpMask(contrasted, kernel, sigma, amount, threshold), "out_image");
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(NoiseCases))]
    public void Noise_matches_the_original(string id)
    {
        using var g = new ImageGolden(id);
        using var scope = DisposeScope.Begin();
        var sample = FrameConversions.SampleFromFrame(g.Load("in_image"));
        g.AssertClose(sample, "sample_f16");

        using var generator = new Generator((ulong)g.P.GetProperty("seed").GetInt64());
        var drawn = Noise.Add(sample, g.Double("noise"), generator);
        var replayed = Noise.Add(sample, g.Double("noise"), g.Load("noise_randn"));
        g.AssertClose(replayed, "out_noised");
        g.AssertClose(drawn, "out_noised");
        g.AssertClose(replayed.To(DType.Float16), "out_init_sample_f16");
    }
}
