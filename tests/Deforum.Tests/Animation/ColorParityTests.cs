using Deforum.Animation.Color;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class ColorParityTests
{
    public static IEnumerable<object[]> Cases => Golden.ImageCases("color");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Maintain_colors_matches_the_original(string id)
    {
        using var g = new ImageGolden(id);
        using var scope = DisposeScope.Begin();
        var mode = ColorCoherence.Parse(g.String("mode"));
        var prev = g.Load("in_prev_img");
        if (g.Has("converted_prev"))
        {
            var forward = mode == ColorCoherenceMode.MatchFrame0Hsv ? (Func<Tensor, Tensor>)ColorSpaces.RgbToHsv : ColorSpaces.RgbToLab;
            g.AssertClose(forward(prev), "converted_prev");
            g.AssertClose(forward(g.Load("in_color_match_sample")), "converted_sample");
            var inverse = mode == ColorCoherenceMode.MatchFrame0Hsv ? (Func<Tensor, Tensor>)ColorSpaces.HsvToRgb : ColorSpaces.LabToRgb;
            g.AssertClose(inverse(g.Load("matched_converted")), "out_image");
        }
        g.AssertClose(ColorCoherence.Match(prev, g.Load("in_color_match_sample"), mode), "out_image");
    }
}
