using Deforum.Models.Unet;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Models;

public sealed class UnetParityTests
{
    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Golden.Cases), "unet_forward", MemberType = typeof(Golden))]
    public void Forward_matches_reference(string id)
    {
        var c = Golden.Case(id);
        var model = GoldenModels.ModelOf(c);
        using var weights = GoldenModels.Weights(model);
        using var unet = UnetModel.Load(weights, GoldenModels.Config(model).Unet, TestDevice.Current, DType.Float32);
        using var file = c.Open();
        using var scope = DisposeScope.Begin();
        var output = unet.Forward(GoldenModels.Input(c, file, "x"), GoldenModels.Input(c, file, "timesteps"), GoldenModels.Input(c, file, "context"));
        GoldenModels.AssertOutput(c, file, "out", output);
    }
}
