using Xunit;

namespace Deforum.Torch.Tests;

// Live-count assertions need no other test creating tensors at the same time.
[CollectionDefinition(nameof(LiveCountCollection), DisableParallelization = true)]
public sealed class LiveCountCollection;

[Collection(nameof(LiveCountCollection))]
public class LifetimeTests
{
    [Fact]
    public void Scope_frees_everything_created_inside_it()
    {
        long before = Tensor.LiveCount;
        using (var scope = DisposeScope.Begin())
        {
            var a = Tensor.Ones([3]);
            _ = (a + 1) * 2;
            Assert.Equal(3, scope.Count);
            Assert.Equal(before + 3, Tensor.LiveCount);
        }
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void Moved_tensors_survive_their_scope_and_belong_to_the_outer_one()
    {
        long before = Tensor.LiveCount;
        using (var outer = DisposeScope.Begin())
        {
            Tensor kept;
            using (var inner = DisposeScope.Begin())
            {
                var tmp = Tensor.Ones([2]);
                kept = inner.MoveToOuter(tmp * 3);
            }
            Assert.False(kept.IsDisposed);
            Assert.Equal([3f, 3], kept.ToArray<float>());
            Assert.Equal(1, outer.Count);
        }
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void Detached_tensor_is_owned_by_the_caller()
    {
        long before = Tensor.LiveCount;
        Tensor t;
        using (DisposeScope.Begin()) t = DisposeScope.Detach(Tensor.Ones([2]));
        Assert.False(t.IsDisposed);
        t.Dispose();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public async Task Scope_flows_across_await()
    {
        long before = Tensor.LiveCount;
        using (var scope = DisposeScope.Begin())
        {
            var a = Tensor.Ones([2]);
            await Task.Yield();
            var b = a + 1;
            await Task.Delay(1);
            Assert.Same(scope, DisposeScope.Current);
            Assert.Equal(2, scope.Count);
            Assert.Equal([2f, 2], b.ToArray<float>());
        }
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void Disposing_a_tensor_early_is_fine_and_the_scope_skips_it()
    {
        long before = Tensor.LiveCount;
        using (var scope = DisposeScope.Begin())
        {
            var t = Tensor.Ones([2]);
            t.Dispose();
            t.Dispose();
            Assert.Equal(0, scope.Count);
        }
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void Using_a_disposed_tensor_throws_instead_of_crashing()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.Ones([2]);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t + 1);
        Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => Tensor.Cat([t], 0));
        Assert.Throws<ObjectDisposedException>(() => F.Linear(Tensor.Ones([1, 2]), Tensor.Ones([2, 2]), t));
        Assert.Equal("Tensor(disposed)", t.ToString());
    }

    [Fact]
    public void Thousands_of_ops_in_scopes_return_to_the_baseline()
    {
        long before = Tensor.LiveCount;
        using var g = new Generator(0);
        for (int i = 0; i < 2000; i++)
        {
            using var scope = DisposeScope.Begin();
            var x = Tensor.Randn([4, 8], g);
            var y = F.Softmax(x.MatMul(x.Transpose(0, 1)), -1).Sum(0).Sqrt();
            _ = y.Split(2L);
            _ = x.Sort();
        }
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void Unreferenced_tensors_are_freed_via_the_queue_not_on_the_finalizer_thread()
    {
        CollectAndDrain();
        long before = Tensor.LiveCount;
        MakeGarbage(500);
        Assert.Equal(before + 500, Tensor.LiveCount);
        CollectAndDrain();
        Assert.Equal(before, Tensor.LiveCount);
    }

    static void CollectAndDrain()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // Queued frees are drained on the next tensor creation from a normal thread.
        Tensor.Ones([1]).Dispose();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void MakeGarbage(int n)
    {
        for (int i = 0; i < n; i++) _ = Tensor.Ones([16]);
    }

    [Fact]
    public void Failed_op_leaves_nothing_behind()
    {
        long before = Tensor.LiveCount;
        using (DisposeScope.Begin())
        {
            var a = Tensor.Ones([3]);
            Assert.Throws<TorchException>(() => a + Tensor.Ones([2]));
        }
        Assert.Equal(before, Tensor.LiveCount);
    }
}
