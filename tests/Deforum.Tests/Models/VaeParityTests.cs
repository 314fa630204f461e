using Deforum.Models.Vae;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Models;

public sealed class VaeParityTests
{
    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Golden.Cases), "vae_encode", MemberType = typeof(Golden))]
    public void Encode_matches_reference(string id)
    {
        var c = Golden.Case(id);
        using var vae = LoadVae(c);
        using var file = c.Open();
        using var scope = DisposeScope.Begin();
        using var posterior = vae.Encode(GoldenModels.Input(c, file, "image"));
        var byRole = new Dictionary<string, Tensor>
        {
            ["moments"] = posterior.Moments, ["mean"] = posterior.Mean, ["logvar"] = posterior.LogVar, ["std"] = posterior.Std,
        };
        foreach (var role in c.Outputs.Keys) GoldenModels.AssertOutput(c, file, role, byRole[role]);
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Golden.Cases), "vae_decode", MemberType = typeof(Golden))]
    public void Decode_matches_reference(string id)
    {
        var c = Golden.Case(id);
        using var vae = LoadVae(c);
        using var file = c.Open();
        using var scope = DisposeScope.Begin();
        GoldenModels.AssertOutput(c, file, "image", vae.Decode(GoldenModels.Input(c, file, "z")));
    }

    internal static AutoencoderKL LoadVae(GoldenCase c)
    {
        var model = GoldenModels.ModelOf(c);
        using var weights = GoldenModels.Weights(model);
        return AutoencoderKL.Load(weights, GoldenModels.Config(model).Vae, TestDevice.Current, DType.Float32);
    }
}
