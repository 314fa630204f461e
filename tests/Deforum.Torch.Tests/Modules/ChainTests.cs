using Deforum.Torch.Modules;
using Xunit;

namespace Deforum.Torch.Tests.Modules;

public class ChainTests
{
    [Fact]
    public void Run_frees_each_intermediate_once_the_next_exists_and_keeps_input_and_output()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([2]);
        var seen = new List<Tensor>();
        var y = Chain.Run(x,
            t => Record(t + 1),
            t => Record(t.Relu_()), // in place: returns its input, which must stay alive
            t => Record(t * 3));
        TensorAssert.Values(y, [6, 6]);
        Assert.False(x.IsDisposed);
        Assert.False(y.IsDisposed);
        Assert.True(seen[0].IsDisposed);
        Assert.Same(seen[0], seen[1]);

        Tensor Record(Tensor t)
        {
            seen.Add(t);
            return t;
        }
    }

    [Fact]
    public void Run_without_steps_returns_the_input()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([1]);
        Assert.Same(x, Chain.Run(x));
        Assert.False(x.IsDisposed);
    }

    [Fact]
    public void A_step_that_throws_leaves_the_input_alive()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([2]);
        Assert.Throws<TorchException>(() => Chain.Run(x, t => t + 1, t => t + Tensor.Ones([3])));
        Assert.False(x.IsDisposed);
    }

    [Fact]
    public void Sequential_with_a_layer_without_single_input_forward_names_it()
    {
        using var scope = DisposeScope.Begin();
        using var seq = new Sequential(new Linear(2, 2), new ModuleList<Linear>([]));
        var e = Assert.Throws<InvalidOperationException>(() => seq.Forward(Tensor.Ones([1, 2])));
        Assert.Contains("ModuleList", e.Message, StringComparison.Ordinal);
    }
}
