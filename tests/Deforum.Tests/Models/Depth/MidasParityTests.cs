using Deforum.Models.Midas;
using Deforum.Rendering;
using Deforum.Testing;
using Deforum.Tests.Animation;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Tests.Models.Depth;

/// <summary>MiDaS DPT-Large against the original code on the tiny random-weight model (tests/golden/depth, midas_* groups).</summary>
public class MidasParityTests
{
    public static IEnumerable<object[]> ForwardCases => Golden.DepthCases("midas_forward");

    public static IEnumerable<object[]> PredictCases => Golden.DepthCases("midas_predict");

    internal static DptDepthModel LoadModel(GoldenCase c)
    {
        using var checkpoint = Checkpoint.Load(DepthGoldenModels.CheckpointFile(DepthGoldenModels.ModelOf(c)), TestDevice.Current);
        return DptDepthModel.Load(checkpoint);
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(ForwardCases))]
    public void Forward_matches_DPTDepthModel(string id)
    {
        var c = Golden.DepthCase(id);
        using var g = new ImageGolden(c);
        using var model = LoadModel(c);
        using var scope = DisposeScope.Begin();
        g.AssertClose(model.Forward(g.Load("in_x")), "out_depth");
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(PredictCases))]
    public void Predict_matches_DepthModel_predict_with_MiDaS_alone(string id)
    {
        var c = Golden.DepthCase(id);
        using var g = new ImageGolden(c);
        using var depth = new DepthModel(LoadModel(c), adabins: null, g.Double("midas_weight"));
        using var scope = DisposeScope.Begin();
        g.AssertClose(depth.Predict(g.Load("in_frame")), "out_depth");
    }
}
