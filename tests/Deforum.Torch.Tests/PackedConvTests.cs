using Deforum.Torch.Modules;
using Xunit;

namespace Deforum.Torch.Tests;

/// <summary>
/// Conv2d weights packed for oneDNN (F.PackConv2dWeight, what the Conv2d module does on the CPU). Always on the CPU:
/// packing is a CPU layout, whatever device the rest of the suite runs on.
/// </summary>
[Collection(nameof(LiveCountCollection))]
public class PackedConvTests
{
    public static TheoryData<int, int, int, int, int, int, int, int, int> Shapes => new()
    {
        // batch, in, out, size, kernel, stride, padding, dilation, groups
        { 2, 64, 64, 8, 3, 1, 1, 1, 1 },      // the UNet's case: batch 2 (cond and uncond) 3×3, oneDNN either way
        { 2, 128, 64, 4, 1, 1, 0, 1, 1 },     // 1×1 skip projection at a deep level
        { 2, 32, 32, 9, 3, 2, 1, 1, 1 },      // strided downsample
        { 2, 32, 32, 8, 3, 1, 2, 2, 1 },      // dilated
        { 2, 32, 64, 8, 3, 1, 1, 1, 4 },      // grouped
        { 1, 64, 64, 8, 3, 1, 1, 1, 1 },      // batch 1 of a small map: libtorch runs THNN here, the packed weight is unpacked
        { 1, 3, 16, 96, 3, 1, 1, 1, 1 },      // batch 1 of a large map: oneDNN
        { 1, 8, 8, 6, 7, 1, 3, 1, 1 },        // kernel above 3×3: oneDNN
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_packed_weight_computes_exactly_what_the_plain_one_does(int batch, int inCh, int outCh, int size, int kernel,
        int stride, int padding, int dilation, int groups)
    {
        if (!TorchLibrary.MkldnnEnabled) return; // the error-path test covers a libtorch without oneDNN
        using var scope = DisposeScope.Begin();
        using var gen = new Generator(7, Device.Cpu);
        var x = Tensor.Randn([batch, inCh, size, size], gen);
        var w = Tensor.Randn([outCh, inCh / groups, kernel, kernel], gen) * 0.1;
        var b = Tensor.Randn([outCh], gen);

        var packed = F.PackConv2dWeight(w, stride, padding, dilation, groups);
        Assert.True(packed.IsMkldnn);
        Assert.False(w.IsMkldnn);
        Assert.Equal(w.Shape, packed.Shape);
        var plain = F.Conv2d(x, w, b, stride, padding, dilation, groups);
        var fromPacked = F.Conv2d(x, packed, b, stride, padding, dilation, groups);
        Assert.False(fromPacked.IsMkldnn);
        Assert.Equal(plain.Shape, fromPacked.Shape);
        Assert.Equal(plain.ToArray<float>(), fromPacked.ToArray<float>()); // bit for bit: the same oneDNN or THNN kernel
        Assert.Equal(w.ToArray<float>(), packed.ToDense().ToArray<float>());
    }

    [Fact]
    public void Doctor_says_whether_conv_weights_are_packed() =>
        Assert.Contains(TorchLibrary.BuildInfo.Tuning(), line => line.StartsWith("CPU conv2d weights: ", StringComparison.Ordinal)
            && line.Contains(TorchLibrary.PackConvWeights ? "packed for oneDNN" : "plain", StringComparison.Ordinal));

    [Fact]
    public void Only_a_plain_cpu_float32_weight_can_be_packed()
    {
        using var scope = DisposeScope.Begin();
        var w = Tensor.Ones([4, 4, 3, 3]);
        if (!TorchLibrary.MkldnnEnabled)
        {
            Assert.Contains("no oneDNN", Assert.Throws<TorchException>(() => F.PackConv2dWeight(w)).Message);
            return;
        }
        Assert.Contains("float32", Assert.Throws<TorchException>(() => F.PackConv2dWeight(w.To(DType.Float64))).Message);
        Assert.Contains("4-D", Assert.Throws<TorchException>(() => F.PackConv2dWeight(Tensor.Ones([4, 36]))).Message);
        Assert.Contains("plain", Assert.Throws<TorchException>(() => F.PackConv2dWeight(F.PackConv2dWeight(w))).Message);
    }

    [Fact]
    public void The_module_packs_its_weight_once_in_place_and_To_unpacks_it()
    {
        using var scope = DisposeScope.Begin();
        using var gen = new Generator(3, Device.Cpu);
        using var conv = new Conv2d(16, 8, 3, padding: 1);
        var w = Tensor.Randn([8, 16, 3, 3], gen);
        var b = Tensor.Randn([8], gen);
        conv.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = w, ["bias"] = b });
        var x = Tensor.Randn([2, 16, 8, 8], gen);
        var expected = F.Conv2d(x, w, b, padding: 1).ToArray<float>();

        Assert.Equal(expected, conv.Forward(x).ToArray<float>());
        Assert.Equal(TorchLibrary.PackConvWeights, conv.StateDict()["weight"].IsMkldnn);
        long live = Tensor.LiveCount;
        using (var again = DisposeScope.Begin())
            Assert.Equal(expected, conv.Forward(x).ToArray<float>());
        Assert.Equal(live, Tensor.LiveCount); // packed once: no second weight, none left behind

        conv.To(Device.Cpu, DType.Float64);
        Assert.False(conv.StateDict()["weight"].IsMkldnn);
        Assert.Equal(DType.Float64, conv.StateDict()["weight"].DType);
        var inDouble = conv.Forward(x.To(DType.Float64)).To(DType.Float32).ToArray<float>();
        Assert.Equal(expected.Length, inDouble.Length);
        Assert.All(expected.Zip(inDouble), p => Assert.Equal(p.First, p.Second, 1e-4f));
    }
}
