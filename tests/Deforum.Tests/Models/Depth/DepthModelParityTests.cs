using Deforum.Rendering;
using Deforum.Testing;
using Deforum.Tests.Animation;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Models.Depth;

/// <summary>
/// Deforum's DepthModel.predict (MiDaS + AdaBins, midas_weight blend, AdaBins' resize branches) against the original
/// on the tiny models (tests/golden/depth, group depth_model). AdaBins answers with what the original's
/// InferenceHelper.predict_pil returned for that frame, so MiDaS, the resizes and the blend are checked here; the
/// AdaBins network has its own parity tests.
/// </summary>
public class DepthModelParityTests
{
    public static IEnumerable<object[]> Cases => Golden.DepthCases("depth_model");

    /// <summary>Replays a recorded InferenceHelper.predict_pil output and remembers the image it was given.</summary>
    sealed class RecordedAdaBins(Tensor prediction) : IAdaBinsPredictor
    {
        public List<long[]> Inputs { get; } = [];

        public Tensor Predict(Tensor image)
        {
            Inputs.Add(image.Shape);
            return prediction.Squeeze(1).Squeeze(0).Clone(); // predict_pil's [1, 1, h, w], squeezed as Deforum does
        }
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Predict_matches_DepthModel_predict(string id)
    {
        var c = Golden.DepthCase(id);
        using var g = new ImageGolden(c);
        var weights = c.Params.GetProperty("midas_weights").EnumerateArray().Select(w => w.GetDouble()).ToList();
        var outputs = c.Params.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).ToList();
        for (int k = 0; k < weights.Count; k++)
        {
            using var scope = DisposeScope.Begin();
            var adabins = g.Has("inter_adabins_pred") ? new RecordedAdaBins(g.Load("inter_adabins_pred")) : null;
            using var depth = new DepthModel(MidasParityTests.LoadModel(c), adabins, weights[k]);
            g.AssertClose(depth.Predict(g.Load("in_frame")), outputs[k]);
            if (adabins is null) continue;
            // the original runs AdaBins only below weight 1, on the frame resized into its area range (BGR, uint8)
            var hw = c.Params.GetProperty("adabins_input_hw").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            Assert.Equal(weights[k] < 1 ? [[hw[0], hw[1], 3]] : [], adabins.Inputs);
        }
    }
}
