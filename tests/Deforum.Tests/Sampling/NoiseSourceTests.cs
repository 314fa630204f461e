using Deforum.Sampling;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>The samplers' noise source draws PyTorch's numbers (rng_facts), for both call forms the samplers use.</summary>
public class NoiseSourceTests
{
    public static IEnumerable<object[]> Cases => Golden.Cases("rng_facts");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Generator_noise_reproduces_torch_randn_and_randn_like(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        var randn = c.Case.Outputs.Where(o => o.Key.StartsWith("randn", StringComparison.Ordinal));
        foreach (var (name, t) in randn)
        {
            using var generator = new Generator(0);
            var noise = new GeneratorNoise(generator.ManualSeed(c.Seed));
            Assert.Equal(c.Read(name), noise.Randn(t.Shape, Device.Cpu).ToArray<float>());
            generator.ManualSeed(c.Seed);
            Assert.Equal(c.Read(name), noise.RandnLike(Tensor.Zeros(t.Shape)).ToArray<float>());
        }
    }
}
