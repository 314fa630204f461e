using Xunit;
using static Deforum.Torch.Tests.TensorAssert;

namespace Deforum.Torch.Tests;

public class MathTests
{
    static Tensor T(params float[] v) => Tensor.From<float>(v, [v.Length], Dev);

    [Fact]
    public void Unary_functions_match_System_Math()
    {
        using var scope = DisposeScope.Begin();
        float[] x = [0.25f, 0.5f, 0.9f];
        var t = T(x);
        void Check(Tensor got, Func<double, double> f) => TensorAssert.Values(got, x.Select(v => (float)f(v)).ToArray());
        Check(t.Neg(), v => -v);
        Check(t.Abs(), Math.Abs);
        Check(t.Exp(), Math.Exp);
        Check(t.Exp2(), v => Math.Pow(2, v));
        Check(t.Log(), Math.Log);
        Check(t.Log2(), Math.Log2);
        Check(t.Log1p(), v => Math.Log(1 + v));
        Check(t.Expm1(), v => Math.Exp(v) - 1);
        Check(t.Sqrt(), Math.Sqrt);
        Check(t.Rsqrt(), v => 1 / Math.Sqrt(v));
        Check(t.Sin(), Math.Sin);
        Check(t.Cos(), Math.Cos);
        Check(t.Tan(), Math.Tan);
        Check(t.Asin(), Math.Asin);
        Check(t.Acos(), Math.Acos);
        Check(t.Atan(), Math.Atan);
        Check(t.Tanh(), Math.Tanh);
        Check(t.Sigmoid(), v => 1 / (1 + Math.Exp(-v)));
        Check(t.Silu(), v => v / (1 + Math.Exp(-v)));
        Check(t.Reciprocal(), v => 1 / v);
        Check(t.Square(), v => v * v);
        Check(t.Erf(), Erf);
    }

    // Abramowitz–Stegun 7.1.26 is too coarse for 1e-5; integrate exp(-t^2) with Simpson's rule instead.
    static double Erf(double x)
    {
        const int n = 2000;
        double h = x / n, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * Math.Exp(-(i * h) * (i * h));
        }
        return 2 / Math.Sqrt(Math.PI) * sum * h / 3;
    }

    [Fact]
    public void Rounding_family_follows_torch()
    {
        using var scope = DisposeScope.Begin();
        var t = T(-1.5f, -0.5f, 0.5f, 1.5f, 2.7f);
        TensorAssert.Values(t.Round(), [-2, -0f, 0, 2, 3]);   // half to even
        TensorAssert.Values(t.Floor(), [-2, -1, 0, 1, 2]);
        TensorAssert.Values(t.Ceil(), [-1, -0f, 1, 2, 3]);
        TensorAssert.Values(t.Trunc(), [-1, -0f, 0, 1, 2]);
        TensorAssert.Values(t.Frac(), [-0.5f, -0.5f, 0.5f, 0.5f, 0.7f]);
        TensorAssert.Values(t.Sign(), [-1, -1, 1, 1, 1]);
        TensorAssert.Values(t.Relu(), [0, 0, 0.5f, 1.5f, 2.7f]);
    }

    [Fact]
    public void Binary_ops_broadcast_and_operators_agree()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.From<float>([1, 2, 3, 4, 5, 6], [2, 3], Dev);
        var b = T(10, 20, 30);
        TensorAssert.Values(a + b, [11, 22, 33, 14, 25, 36]);
        TensorAssert.Values(a - b, [-9, -18, -27, -6, -15, -24]);
        TensorAssert.Values(a * b, [10, 40, 90, 40, 100, 180]);
        TensorAssert.Values(b / a, [10, 10, 10, 2.5f, 4, 5]);
        TensorAssert.Values(a + 1, [2, 3, 4, 5, 6, 7]);
        TensorAssert.Values(1 - a, [0, -1, -2, -3, -4, -5]);
        TensorAssert.Values(2 * a, [2, 4, 6, 8, 10, 12]);
        TensorAssert.Values(6 / a, [6, 3, 2, 1.5f, 1.2f, 1]);
        TensorAssert.Values(-a, [-1, -2, -3, -4, -5, -6]);
        TensorAssert.Values(a.Pow(2), [1, 4, 9, 16, 25, 36]);
        TensorAssert.Values(a.RPow(2), [2, 4, 8, 16, 32, 64]);
        TensorAssert.Values(a.Add(b, alpha: 0.5), [6, 12, 18, 9, 15, 21]);
        TensorAssert.Values(T(1, 5).Maximum(T(3, 2)), [3, 5]);
        TensorAssert.Values(T(1, 5).Minimum(T(3, 2)), [1, 2]);
        TensorAssert.Values(T(1, 1).Atan2(T(1, -1)), [(float)(Math.PI / 4), (float)(3 * Math.PI / 4)]);
    }

    [Fact]
    public void Modulo_flavours_keep_python_and_c_signs()
    {
        using var scope = DisposeScope.Begin();
        var t = T(-7, 7);
        TensorAssert.Values(t.Remainder(3), [2, 1]);   // Python %
        TensorAssert.Values(t.Fmod(3), [-1, 1]);        // C fmod
        TensorAssert.Values(t.FloorDivide(2), [-4, 3]);
    }

    [Fact]
    public void Comparisons_give_bool_masks()
    {
        using var scope = DisposeScope.Begin();
        var t = T(1, 2, 3);
        Assert.Equal([false, true, false], t.Eq(2).ToArray<bool>());
        Assert.Equal([true, false, true], t.Ne(2).ToArray<bool>());
        Assert.Equal([true, false, false], t.Lt(2).ToArray<bool>());
        Assert.Equal([true, true, false], t.Le(2).ToArray<bool>());
        Assert.Equal([false, false, true], t.Gt(2).ToArray<bool>());
        Assert.Equal([false, true, true], t.Ge(2).ToArray<bool>());
        Assert.Equal([false, true, false], t.Eq(T(0, 2, 0)).ToArray<bool>());
        Assert.Equal([true, false, false], t.Lt(2).LogicalAnd(t.Ne(3)).ToArray<bool>());
        Assert.Equal([true, false, true], t.Lt(2).LogicalOr(t.Gt(2)).ToArray<bool>());
        Assert.Equal([false, true, true], t.Lt(2).LogicalNot().ToArray<bool>());
        Assert.Equal([false, true, false], T(0, float.NaN, float.PositiveInfinity).IsNan().ToArray<bool>());
        Assert.Equal([false, false, true], T(0, float.NaN, float.PositiveInfinity).IsInf().ToArray<bool>());
    }

    [Fact]
    public void Clamp_where_masked_fill_lerp()
    {
        using var scope = DisposeScope.Begin();
        var t = T(-2, 0.5f, 3);
        TensorAssert.Values(t.Clamp(-1, 1), [-1, 0.5f, 1]);
        TensorAssert.Values(t.Clamp(min: 0), [0, 0.5f, 3]);
        TensorAssert.Values(t.Clamp(max: 0), [-2, 0, 0]);
        TensorAssert.Values(Tensor.Where(t.Gt(0), t, Tensor.ZerosLike(t)), [0, 0.5f, 3]);
        TensorAssert.Values(t.MaskedFill(t.Lt(0), 9), [9, 0.5f, 3]);
        TensorAssert.Values(T(0, 10).Lerp(T(10, 20), 0.25), [2.5f, 12.5f]);
        TensorAssert.Values(T(0, 10).Lerp(T(10, 20), T(0, 1)), [0, 20]);
    }

    [Fact]
    public void In_place_ops_change_the_tensor_and_return_it()
    {
        using var scope = DisposeScope.Begin();
        var t = T(1, 2);
        Assert.Same(t, t.Add_(T(1, 1)).Mul_(2).Add_(1).Sub_(T(1, 1)).Div_(2));
        TensorAssert.Values(t, [2, 3]);
        t.Mul_(T(2, 0)).Fill_(4);
        TensorAssert.Values(t, [4, 4]);
        t.Copy_(T(7, 8));
        TensorAssert.Values(t, [7, 8]);
    }

    [Fact]
    public void In_place_activations_equal_their_out_of_place_form_bit_for_bit()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(5);
        var x = Tensor.Randn([3, 33], g, device: Dev) * 4;
        foreach (var (outOfPlace, inPlace) in new (Func<Tensor, Tensor>, Func<Tensor, Tensor>)[]
                 {
                     (t => t.Neg(), t => t.Neg_()), (t => t.Tanh(), t => t.Tanh_()), (t => t.Sigmoid(), t => t.Sigmoid_()),
                     (t => t.Silu(), t => t.Silu_()), (t => t.Relu(), t => t.Relu_()),
                 })
        {
            var copy = x.Clone();
            Assert.Same(copy, inPlace(copy));
            Assert.Equal(outOfPlace(x).ToArray<float>(), copy.ToArray<float>());
        }
    }

    [Fact]
    public void In_place_activation_that_cannot_hold_its_result_is_a_torch_error()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => Tensor.From<long>([1, 2], [2]).Sigmoid_());
        Assert.Contains("sigmoid_", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float16_scalar_ops_stay_float16_like_pytorch()
    {
        using var scope = DisposeScope.Begin();
        var h = Tensor.Ones([2], DType.Float16, Dev);
        Assert.Equal(DType.Float16, (h * 0.5).DType);
        Assert.Equal(DType.Float32, (h + Tensor.Ones([2], device: Dev)).DType);
    }

    [Fact]
    public void Shape_mismatch_is_a_torch_error_with_libtorch_message()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => T(1, 2, 3) + T(1, 2));
        Assert.StartsWith("add:", e.Message);
        Assert.Contains("size of tensor a (3) must match the size of tensor b (2)", e.Message);
    }

    [Fact]
    public void Integer_in_place_with_float_is_a_torch_error()
    {
        using var scope = DisposeScope.Begin();
        var i = Tensor.From([1L, 2], 2);
        Assert.Throws<TorchException>(() => i.Mul_(Tensor.From([0.5f, 0.5f], 2)));
    }
}
