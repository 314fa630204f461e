using Deforum.Torch.Modules;
using Xunit;

namespace Deforum.Torch.Tests.Modules;

[Collection(nameof(LiveCountCollection))]
public class ModuleTests
{
    /// <summary>A two-layer block with nested names, like the model code builds.</summary>
    sealed class Block : Module, IForward
    {
        readonly Linear _proj;
        readonly LayerNorm _norm;

        public Block()
        {
            _norm = Register("norm", new LayerNorm(2));
            _proj = Register("proj", new Linear(2, 3));
            Buffer("position_ids", Tensor.Arange(2));
        }

        public Tensor Forward(Tensor x)
        {
            using var scope = DisposeScope.Begin();
            return scope.MoveToOuter(_proj.Forward(_norm.Forward(x)));
        }
    }

    static Dictionary<string, Tensor> Weights() => new()
    {
        ["norm.weight"] = Tensor.Ones([2]),
        ["norm.bias"] = Tensor.Zeros([2]),
        ["proj.weight"] = Tensor.From<float>([1, 0, 0, 1, 1, 1], [3, 2]),
        ["proj.bias"] = Tensor.From<float>([0, 0, 10], [3]),
        ["position_ids"] = Tensor.Arange(2),
    };

    [Fact]
    public void Names_follow_pytorch_state_dict_keys()
    {
        using var m = new Block();
        Assert.Equal(["position_ids", "norm.weight", "norm.bias", "proj.weight", "proj.bias"], m.NamedTensors().Select(t => t.Name));
        Assert.Equal(4, m.NamedTensors().Count(t => !t.IsBuffer));
    }

    [Fact]
    public void Loaded_module_computes_the_expected_output()
    {
        using var scope = DisposeScope.Begin();
        using var m = new Block();
        m.LoadStateDict(Weights());
        var y = m.Forward(Tensor.From<float>([1, 3], [1, 2]));
        TensorAssert.Values(y, [-1, 1, 10], 1e-3);
        Assert.Equal(5, m.StateDict().Count);
    }

    [Fact]
    public void Load_is_total_and_names_every_offender()
    {
        using var scope = DisposeScope.Begin();
        using var m = new Block();
        var w = Weights();
        w.Remove("norm.bias");
        w["proj.weight"] = Tensor.Zeros([3, 5]);
        w["extra.weight"] = Tensor.Zeros([1]);
        w["position_ids"] = Tensor.Zeros([2]);
        var e = Assert.Throws<InvalidOperationException>(() => m.LoadStateDict(w));
        Assert.Contains("1 missing keys: norm.bias", e.Message);
        Assert.Contains("1 unexpected keys: extra.weight", e.Message);
        Assert.Contains("proj.weight: checkpoint [3, 5] vs model", e.Message);
        Assert.Contains("position_ids", e.Message);
        Assert.Contains("model config", e.Message);
    }

    [Fact]
    public void A_visit_to_the_device_a_module_is_on_copies_nothing_and_leaks_nothing()
    {
        using var m = new Block();
        m.LoadStateDict(Weights());
        var weight = m.StateDict()["proj.weight"];
        long before = Tensor.LiveCount;
        using (new ModuleVisit(m, Device.Cpu, Device.Cpu))
            Assert.Same(weight, m.StateDict()["proj.weight"]);
        Assert.Same(weight, m.StateDict()["proj.weight"]);
        Assert.Equal(before, Tensor.LiveCount);
    }

    [SkippableFact]
    public void A_visit_moves_every_tensor_to_the_device_and_back_freeing_each_copy()
    {
        Skip.IfNot(Cuda.IsAvailable, "needs a CUDA device to move to");
        using var m = new Block();
        m.LoadStateDict(Weights());
        long before = Tensor.LiveCount;
        using (new ModuleVisit(m, Device.Cuda(), Device.Cpu))
        {
            Assert.All(m.StateDict().Values, t => Assert.True(t.Device.IsCuda));
            using var scope = DisposeScope.Begin();
            TensorAssert.Values(m.Forward(Tensor.From<float>([1, 3], [1, 2]).To(Device.Cuda())).To(Device.Cpu), [-1, 1, 10], 1e-3);
        }
        Assert.All(m.StateDict().Values, t => Assert.Equal(Device.Cpu, t.Device));
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void A_visit_needs_a_module() =>
        Assert.Throws<ArgumentNullException>(() => new ModuleVisit(null!, Device.Cpu, Device.Cpu));

    [Fact]
    public void Unloaded_parameter_says_to_load_weights()
    {
        using var scope = DisposeScope.Begin();
        using var m = new Block();
        var e = Assert.Throws<InvalidOperationException>(() => m.Forward(Tensor.Ones([1, 2])));
        Assert.Contains("LoadStateDict", e.Message);
    }

    [Fact]
    public void Taking_ownership_adopts_the_tensors_without_copies_and_dispose_frees_all()
    {
        long before = Tensor.LiveCount;
        var w = Weights();
        Assert.Equal(before + 5, Tensor.LiveCount);
        var m = new Block();   // declares position_ids: one more tensor
        m.LoadStateDict(w, takeOwnership: true);
        Assert.Same(w["proj.weight"], m.StateDict()["proj.weight"]);
        Assert.Equal(before + 5, Tensor.LiveCount);
        m.Dispose();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void Copying_load_leaves_the_callers_tensors_alone()
    {
        long before = Tensor.LiveCount;
        using (DisposeScope.Begin())
        {
            using var m = new Block();
            var w = Weights();
            m.LoadStateDict(w, castTo: DType.Float16);
            Assert.Equal(DType.Float16, m.StateDict()["proj.weight"].DType);
            Assert.Equal(DType.Int64, m.StateDict()["position_ids"].DType);
            Assert.False(w["proj.weight"].IsDisposed);
        }
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void To_casts_floating_tensors_only()
    {
        using var scope = DisposeScope.Begin();
        using var m = new Block();
        m.LoadStateDict(Weights());
        m.To(Device.Cpu, DType.Float64);
        Assert.Equal(DType.Float64, m.StateDict()["norm.weight"].DType);
        Assert.Equal(DType.Int64, m.StateDict()["position_ids"].DType);
    }

    [Fact]
    public void Sequential_and_layers_compose()
    {
        using var scope = DisposeScope.Begin();
        using var seq = new Sequential(new Conv2d(1, 2, 3, padding: 1, bias: false), new GroupNorm(1, 2), new Conv2d(2, 1, 1));
        Assert.Equal(["0.weight", "1.weight", "1.bias", "2.weight", "2.bias"], seq.NamedTensors().Select(t => t.Name));
        seq.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["0.weight"] = Tensor.Ones([2, 1, 3, 3]),
            ["1.weight"] = Tensor.Ones([2]),
            ["1.bias"] = Tensor.Zeros([2]),
            ["2.weight"] = Tensor.Ones([1, 2, 1, 1]),
            ["2.bias"] = Tensor.Zeros([1]),
        });
        var y = seq.Forward(Tensor.Ones([1, 1, 4, 4]));
        TensorAssert.Shape(y, 1, 1, 4, 4);
        Assert.Equal(0, y.Mean().Item(), 4);
        using var emb = new Embedding(4, 2);
        Assert.Equal(4, emb.NumEmbeddings);
    }

    [Fact]
    public void Invalid_layer_shapes_are_rejected_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new GroupNorm(3, 4));
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, groups: 2));
    }
}
