using Deforum.Animation;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class ConvertParityTests
{
    public static IEnumerable<object[]> Cases => Golden.ImageCases("convert");

    /// <summary>Each convert case names its operation by the tensors it carries.</summary>
    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Conversions_match_the_original(string id)
    {
        using var g = new ImageGolden(id);
        using var scope = DisposeScope.Begin();
        if (g.Has("out_sample_f16"))
            g.AssertClose(FrameConversions.SampleFromFrame(g.Load("in_image")), "out_sample_f16");
        if (g.Has("out_uint8"))
        {
            g.AssertClose(FrameConversions.FrameFromSample(g.Load("in_sample")), "out_uint8");
            g.AssertClose(FrameConversions.FrameFromSample(g.Load("in_sample"), asFloat: true), "out_float32");
        }
        if (g.Has("out_image") && g.Has("in_image"))
            g.AssertClose(FrameConversions.FrameFromSample(FrameConversions.SampleFromFrame(g.Load("in_image"))), "out_image");
        if (g.Has("out_image_f16"))
        {
            (int, int)? size = g.P.GetProperty("shape_WH").ValueKind == System.Text.Json.JsonValueKind.Array
                ? (g.P.GetProperty("shape_WH")[0].GetInt32(), g.P.GetProperty("shape_WH")[1].GetInt32())
                : null;
            g.AssertClose(FrameConversions.SampleFromInitImage(g.Load("in_image"), size), "out_image_f16");
        }
        if (g.Has("in_x_samples"))
            g.AssertClose(FrameConversions.ImageFromDecoded(g.Load("in_x_samples")), "out_image");
    }
}
