using Deforum.Models.Config;
using Deforum.Models.Unet;
using Deforum.Models.Vae;
using Deforum.Models.Weights;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Models;


/// <summary>Tensor.LiveCount is process-wide, so these run outside the parallel test collections.</summary>
[CollectionDefinition(nameof(ModelLeakTests), DisableParallelization = true)]
public sealed class ModelLeakCollection;

[Collection(nameof(ModelLeakTests))]
public sealed class ModelLeakTests
{
    [SkippableFact]
    public void Unet_forward_leaves_no_tensor_alive()
    {
        var model = GoldenModels.ModelOf(Golden.Case(Golden.Cases("unet_forward").First()[0].ToString()!));
        using var weights = GoldenModels.Weights(model);
        using var unet = UnetModel.Load(weights, GoldenModels.Config(model).Unet, TestDevice.Current, DType.Float32);
        using var x = Tensor.Randn([2, 4, 8, 8], device: TestDevice.Current);
        using var t = Tensor.From<long>([999, 17], [2], TestDevice.Current);
        using var context = Tensor.Randn([2, 77, unet.Config.ContextDim], device: TestDevice.Current);
        unet.Forward(x, t, context).Dispose(); // warm-up: lazily created state is not a leak
        long before = Tensor.LiveCount;
        unet.Forward(x, t, context).Dispose();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void Vae_encode_and_decode_leave_no_tensor_alive()
    {
        using var vae = VaeParityTests.LoadVae(Golden.Case(Golden.Cases("vae_decode").First()[0].ToString()!));
        using var image = Tensor.Randn([1, 3, 32, 32], device: TestDevice.Current);
        vae.Encode(image).Dispose();
        long before = Tensor.LiveCount;
        using (var posterior = vae.Encode(image)) vae.Decode(posterior.Mean).Dispose();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void Rejected_weights_leave_no_tensor_alive()
    {
        long before = Tensor.LiveCount;
        using (var weights = GoldenModels.Weights("sd1"))
            Assert.Throws<ModelWeightsException>(() => AutoencoderKL.Load(weights, ModelConfig.Default.Vae));
        Assert.Equal(before, Tensor.LiveCount);
    }
}
