using Deforum.Models.DepthAnything;
using Deforum.Testing;
using Deforum.Tests.Animation;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Models.DepthAnything;

public class DepthAnythingParityTests
{
    public static IEnumerable<object[]> ForwardCases => Golden.DepthAnythingCases("forward");
    public static IEnumerable<object[]> InferCases => Golden.DepthAnythingCases("infer_image");

    static string ModelOf(GoldenCase c) => c.Raw.GetProperty("model").GetString()!;

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(ForwardCases))]
    public void Forward_matches_the_original(string id)
    {
        using var g = new ImageGolden(Golden.DepthAnythingCase(id));
        var model = DepthAnythingGoldenModels.Shared(ModelOf(g.Case));
        using var scope = DisposeScope.Begin();
        var x = g.Load("in_x");
        g.AssertIntermediate(model.Backbone.InterpolatePositionEncoding((int)x.Size(2), (int)x.Size(3)), "inter_pos_embed");
        var features = model.Backbone.GetIntermediateLayers(x, model.Config.Layout.IntermediateLayers);
        for (int i = 0; i < features.Count; i++)
        {
            g.AssertIntermediate(features[i].Patches, $"inter_tokens{i}");
            g.AssertIntermediate(features[i].ClassToken, $"inter_cls{i}");
        }
        g.AssertClose(model.Forward(x), "out_depth");
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(InferCases))]
    public void Infer_image_matches_the_original(string id)
    {
        using var g = new ImageGolden(Golden.DepthAnythingCase(id));
        var model = DepthAnythingGoldenModels.Shared(ModelOf(g.Case));
        int inputSize = g.P.GetProperty("input_size").GetInt32();
        using var scope = DisposeScope.Begin();
        var bgr = g.Load("in_image_bgr");
        var (w, h) = DepthAnythingInput.NetworkSize((int)bgr.Size(1), (int)bgr.Size(0), inputSize);
        Assert.Equal((g.P.GetProperty("net_W").GetInt32(), g.P.GetProperty("net_H").GetInt32()), (w, h));
        g.AssertIntermediate(DepthAnythingInput.FromRgb(bgr.Flip(2), inputSize, model.Device), "inter_net_input");
        g.AssertIntermediate(model.Predict(bgr.Flip(2), inputSize), "inter_pred");
        g.AssertClose(model.InferImage(bgr, inputSize), "out_depth");
    }
}
