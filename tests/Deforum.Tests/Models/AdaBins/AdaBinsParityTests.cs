using Deforum.Models.AdaBins;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Models.AdaBins;

/// <summary>The AdaBins cases of the depth manifest (tools/reference/depth/adabins_cases.py) on the tiny model.</summary>
public sealed class AdaBinsParityTests
{
    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Golden.DepthCases), "adabins_forward", MemberType = typeof(Golden))]
    public void Forward_matches_reference(string id)
    {
        var c = Golden.DepthCase(id);
        using var model = AdaBinsGolden.Load(c);
        using var file = c.Open();
        using var scope = DisposeScope.Begin();
        var (edges, depth) = model.Forward(GoldenModels.Input(c, file, "in_x"));
        var byName = new Dictionary<string, Tensor> { ["out_bin_edges"] = edges, ["out_pred"] = depth };
        foreach (var name in c.Outputs.Keys) GoldenModels.AssertOutput(c, file, name, byName[name]);
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Golden.DepthCases), "adabins_predict", MemberType = typeof(Golden))]
    public void Predict_matches_inference_helper(string id)
    {
        var c = Golden.DepthCase(id);
        using var helper = new AdaBinsInference(AdaBinsGolden.Load(c));
        using var file = c.Open();
        using var scope = DisposeScope.Begin();
        var (depth, centers) = helper.PredictWithBinCenters(GoldenModels.Input(c, file, "in_image"));
        foreach (var name in c.Outputs.Keys)
        {
            if (name == "out_bin_centers") AdaBinsGolden.AssertOutput(c, file, name, centers);
            else GoldenModels.AssertOutput(c, file, name, new Dictionary<string, Tensor> { ["out_depth"] = depth }[name]);
        }
    }
}
