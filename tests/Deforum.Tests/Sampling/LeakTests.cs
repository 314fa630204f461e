using Deforum.Sampling;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

[CollectionDefinition(nameof(LiveTensorCount), DisableParallelization = true)]
public sealed class LiveTensorCount;

/// <summary>Full runs of every sampler leave no native tensor behind (Tensor.LiveCount is process-wide, so no parallel tests).</summary>
[Collection(nameof(LiveTensorCount))]
public class LeakTests
{
    sealed class ShrinkingModel : IDiffusionModel
    {
        public ModelPrediction Prediction => ModelPrediction.Epsilon;

        public Tensor Forward(Tensor x, Tensor t, Tensor context) => x.Mul(0.1);
    }

    [Theory]
    [MemberData(nameof(AllSamplers))]
    public void Generation_frees_every_intermediate_tensor(SamplerName sampler)
    {
        using var g = new Generator(2);
        var ddpm = DdpmSchedule.Linear();
        using var cond = Tensor.Zeros([1, 3, 2]);
        using var uncond = Tensor.Ones([1, 3, 2]);
        using var init = Tensor.Zeros([1, 4, 2, 2]);
        using var mask = Tensor.Full([1, 4, 2, 2], 0.5);
        var conditioning = new Conditioning(cond, uncond, 7.5);
        bool useInit = sampler != SamplerName.Plms;
        var settings = new SamplerSettings { Sampler = sampler, Steps = 6 };
        long before = Tensor.LiveCount;
        using (var result = Generation.Sample(new ShrinkingModel(), ddpm, conditioning, settings, [1, 4, 2, 2], useInit ? 0.3 : 0,
                   useInit ? new InitLatent(init, mask) : null, new GeneratorNoise(g), s => s.X.Mul(1).Dispose()))
            Assert.Equal([1L, 4, 2, 2], result.Shape);
        Assert.Equal(before, Tensor.LiveCount);
    }

    public static TheoryData<SamplerName> AllSamplers => [.. Enum.GetValues<SamplerName>()];
}
