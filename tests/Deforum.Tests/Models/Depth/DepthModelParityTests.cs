using Deforum.Models.AdaBins;
using Deforum.Rendering;
using Deforum.Testing;
using Deforum.Tests.Models.AdaBins;
using Deforum.Tests.Animation;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Models.Depth;

/// <summary>
/// Deforum's DepthModel.predict (MiDaS + AdaBins, midas_weight blend, AdaBins' resize branches) against the original
/// on the tiny models (tests/golden/depth, group depth_model): both networks run, and AdaBins' own answer is checked
/// against what the original's InferenceHelper.predict_pil returned for that frame.
/// </summary>
public class DepthModelParityTests
{
    public static IEnumerable<object[]> Cases => Golden.DepthCases("depth_model");

    /// <summary>The AdaBins network, remembering the size of each image it was given and checking its answer.</summary>
    sealed class CheckedAdaBins(AdaBinsInference network, Action<Tensor> check) : IAdaBinsPredictor, IDisposable
    {
        public List<long[]> Inputs { get; } = [];

        public Tensor Predict(Tensor image)
        {
            Inputs.Add(image.Shape);
            var output = network.Predict(image);
            check(output);
            return output;
        }

        public void Dispose() => network.Dispose();
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Predict_matches_DepthModel_predict(string id)
    {
        var c = Golden.DepthCase(id);
        using var g = new ImageGolden(c);
        var weights = c.Params.GetProperty("midas_weights").EnumerateArray().Select(w => w.GetDouble()).ToList();
        var outputs = c.Params.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).ToList();
        var adabinsFile = AdaBinsGolden.CheckpointFile(c.Params.GetProperty("adabins_model").GetString()!);
        for (int k = 0; k < weights.Count; k++)
        {
            using var scope = DisposeScope.Begin();
            var adabins = new CheckedAdaBins(AdaBinsInference.Load(adabinsFile, TestDevice.Current),
                output => g.AssertClose(output.Unsqueeze(0).Unsqueeze(0), "inter_adabins_pred"));
            using var depth = new DepthModel(MidasParityTests.LoadModel(c), adabins, weights[k]);
            g.AssertClose(depth.Predict(g.Load("in_frame")), outputs[k]);
            // the original runs AdaBins only below weight 1, on the frame resized into its area range (BGR, uint8)
            var hw = c.Params.GetProperty("adabins_input_hw").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            Assert.Equal(weights[k] < 1 ? [[hw[0], hw[1], 3]] : [], adabins.Inputs);
        }
    }
}
