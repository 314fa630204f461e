using Deforum.Torch.Native;

namespace Deforum.Torch;

// Element-wise math, comparisons and reductions (PyTorch semantics: broadcasting and type promotion).
public sealed partial class Tensor
{
    Tensor Unary(UnaryOp op) => Wrap(NativeMethods.dt_unary((int)op, Handle), op.ToString().ToLowerInvariant());
    Tensor Binary(BinaryOp op, Tensor other) => Wrap(NativeMethods.dt_binary((int)op, Handle, other.Handle), op.ToString().ToLowerInvariant());
    Tensor Binary(BinaryOp op, double s) => Wrap(NativeMethods.dt_binary_scalar((int)op, Handle, s), op.ToString().ToLowerInvariant());

    public Tensor Neg() => Unary(UnaryOp.Neg);
    public Tensor Abs() => Unary(UnaryOp.Abs);
    public Tensor Exp() => Unary(UnaryOp.Exp);
    public Tensor Exp2() => Unary(UnaryOp.Exp2);
    public Tensor Log() => Unary(UnaryOp.Log);
    public Tensor Log2() => Unary(UnaryOp.Log2);
    public Tensor Log1p() => Unary(UnaryOp.Log1p);
    public Tensor Expm1() => Unary(UnaryOp.Expm1);
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt);
    public Tensor Rsqrt() => Unary(UnaryOp.Rsqrt);
    public Tensor Sin() => Unary(UnaryOp.Sin);
    public Tensor Cos() => Unary(UnaryOp.Cos);
    public Tensor Tan() => Unary(UnaryOp.Tan);
    public Tensor Asin() => Unary(UnaryOp.Asin);
    public Tensor Acos() => Unary(UnaryOp.Acos);
    public Tensor Atan() => Unary(UnaryOp.Atan);
    public Tensor Tanh() => Unary(UnaryOp.Tanh);
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid);
    public Tensor Silu() => Unary(UnaryOp.Silu);
    public Tensor Relu() => Unary(UnaryOp.Relu);
    public Tensor Floor() => Unary(UnaryOp.Floor);
    public Tensor Ceil() => Unary(UnaryOp.Ceil);
    /// <summary>Round half to even, as torch.round.</summary>
    public Tensor Round() => Unary(UnaryOp.Round);
    public Tensor Trunc() => Unary(UnaryOp.Trunc);
    public Tensor Frac() => Unary(UnaryOp.Frac);
    public Tensor Sign() => Unary(UnaryOp.Sign);
    public Tensor Erf() => Unary(UnaryOp.Erf);
    public Tensor Reciprocal() => Unary(UnaryOp.Reciprocal);
    public Tensor Square() => Unary(UnaryOp.Square);
    public Tensor LogicalNot() => Unary(UnaryOp.LogicalNot);
    public Tensor IsNan() => Unary(UnaryOp.IsNan);
    public Tensor IsInf() => Unary(UnaryOp.IsInf);

    public Tensor Add(Tensor other) => Binary(BinaryOp.Add, other);
    public Tensor Add(double s) => Binary(BinaryOp.Add, s);
    /// <summary>this + alpha * other in one kernel (torch.add(x, y, alpha=...)).</summary>
    public Tensor Add(Tensor other, double alpha) => Wrap(NativeMethods.dt_add_scaled(Handle, other.Handle, alpha), "add");
    public Tensor Sub(Tensor other) => Binary(BinaryOp.Sub, other);
    public Tensor Sub(double s) => Binary(BinaryOp.Sub, s);
    public Tensor Mul(Tensor other) => Binary(BinaryOp.Mul, other);
    public Tensor Mul(double s) => Binary(BinaryOp.Mul, s);
    public Tensor Div(Tensor other) => Binary(BinaryOp.Div, other);
    public Tensor Div(double s) => Binary(BinaryOp.Div, s);
    public Tensor Pow(Tensor other) => Binary(BinaryOp.Pow, other);
    public Tensor Pow(double s) => Binary(BinaryOp.Pow, s);
    public Tensor Maximum(Tensor other) => Binary(BinaryOp.Maximum, other);
    public Tensor Minimum(Tensor other) => Binary(BinaryOp.Minimum, other);
    public Tensor Atan2(Tensor other) => Binary(BinaryOp.Atan2, other);
    /// <summary>Python-style modulo (sign of the divisor).</summary>
    public Tensor Remainder(Tensor other) => Binary(BinaryOp.Remainder, other);
    public Tensor Remainder(double s) => Binary(BinaryOp.Remainder, s);
    /// <summary>C-style modulo (sign of the dividend).</summary>
    public Tensor Fmod(double s) => Binary(BinaryOp.Fmod, s);
    public Tensor FloorDivide(Tensor other) => Binary(BinaryOp.FloorDivide, other);
    public Tensor FloorDivide(double s) => Binary(BinaryOp.FloorDivide, s);

    public Tensor Eq(Tensor other) => Binary(BinaryOp.Eq, other);
    public Tensor Eq(double s) => Binary(BinaryOp.Eq, s);
    public Tensor Ne(Tensor other) => Binary(BinaryOp.Ne, other);
    public Tensor Ne(double s) => Binary(BinaryOp.Ne, s);
    public Tensor Lt(Tensor other) => Binary(BinaryOp.Lt, other);
    public Tensor Lt(double s) => Binary(BinaryOp.Lt, s);
    public Tensor Le(Tensor other) => Binary(BinaryOp.Le, other);
    public Tensor Le(double s) => Binary(BinaryOp.Le, s);
    public Tensor Gt(Tensor other) => Binary(BinaryOp.Gt, other);
    public Tensor Gt(double s) => Binary(BinaryOp.Gt, s);
    public Tensor Ge(Tensor other) => Binary(BinaryOp.Ge, other);
    public Tensor Ge(double s) => Binary(BinaryOp.Ge, s);
    public Tensor LogicalAnd(Tensor other) => Binary(BinaryOp.LogicalAnd, other);
    public Tensor LogicalOr(Tensor other) => Binary(BinaryOp.LogicalOr, other);

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator +(Tensor a, double s) => a.Add(s);
    public static Tensor operator +(double s, Tensor a) => a.Add(s);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator -(Tensor a, double s) => a.Sub(s);
    public static Tensor operator -(double s, Tensor a) => a.Binary(BinaryOp.Rsub, s);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator *(Tensor a, double s) => a.Mul(s);
    public static Tensor operator *(double s, Tensor a) => a.Mul(s);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator /(Tensor a, double s) => a.Div(s);
    public static Tensor operator /(double s, Tensor a) => a.Binary(BinaryOp.Rdiv, s);
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>s ** this.</summary>
    public Tensor RPow(double s) => Binary(BinaryOp.Rpow, s);

    // In-place updates return this, like PyTorch's trailing-underscore methods.
    Tensor UnaryInPlace(UnaryOp op) { TorchException.Check(NativeMethods.dt_unary_inplace((int)op, Handle), op.ToString().ToLowerInvariant() + "_"); return this; }
    public Tensor Neg_() => UnaryInPlace(UnaryOp.Neg);
    public Tensor Tanh_() => UnaryInPlace(UnaryOp.Tanh);
    public Tensor Sigmoid_() => UnaryInPlace(UnaryOp.Sigmoid);
    public Tensor Silu_() => UnaryInPlace(UnaryOp.Silu);
    public Tensor Relu_() => UnaryInPlace(UnaryOp.Relu);
    public Tensor Add_(Tensor other) { TorchException.Check(NativeMethods.dt_binary_inplace((int)BinaryOp.Add, Handle, other.Handle), "add_"); return this; }
    public Tensor Add_(double s) { TorchException.Check(NativeMethods.dt_binary_scalar_inplace((int)BinaryOp.Add, Handle, s), "add_"); return this; }
    public Tensor Sub_(Tensor other) { TorchException.Check(NativeMethods.dt_binary_inplace((int)BinaryOp.Sub, Handle, other.Handle), "sub_"); return this; }
    public Tensor Mul_(Tensor other) { TorchException.Check(NativeMethods.dt_binary_inplace((int)BinaryOp.Mul, Handle, other.Handle), "mul_"); return this; }
    public Tensor Mul_(double s) { TorchException.Check(NativeMethods.dt_binary_scalar_inplace((int)BinaryOp.Mul, Handle, s), "mul_"); return this; }
    public Tensor Div_(double s) { TorchException.Check(NativeMethods.dt_binary_scalar_inplace((int)BinaryOp.Div, Handle, s), "div_"); return this; }
    public Tensor Copy_(Tensor src) { TorchException.Check(NativeMethods.dt_copy_(Handle, src.Handle), "copy_"); return this; }
    public Tensor Fill_(double value) { TorchException.Check(NativeMethods.dt_fill_(Handle, value), "fill_"); return this; }

    public Tensor Clamp(double? min = null, double? max = null) =>
        Wrap(NativeMethods.dt_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0), "clamp");

    public Tensor MaskedFill(Tensor mask, double value) => Wrap(NativeMethods.dt_masked_fill(Handle, mask.Handle, value), "masked_fill");

    /// <summary>this + weight * (end - this).</summary>
    public Tensor Lerp(Tensor end, double weight) => Wrap(NativeMethods.dt_lerp(Handle, end.Handle, IntPtr.Zero, weight), "lerp");

    public Tensor Lerp(Tensor end, Tensor weight)
    {
        var r = Wrap(NativeMethods.dt_lerp(Handle, end.Handle, weight.RawHandle, 0), "lerp");
        GC.KeepAlive(weight);
        return r;
    }

    // ---- reductions ----

    unsafe Tensor Reduce(ReduceOp op, ReadOnlySpan<long> dims, bool keepDim, bool unbiased = false)
    {
        fixed (long* d = dims)
            return Wrap(NativeMethods.dt_reduce((int)op, Handle, d, dims.Length, keepDim ? 1 : 0, unbiased ? 1 : 0), op.ToString().ToLowerInvariant());
    }

    public Tensor Sum() => Reduce(ReduceOp.Sum, [], false);
    public Tensor Sum(long dim, bool keepDim = false) => Reduce(ReduceOp.Sum, [dim], keepDim);
    public Tensor Sum(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Sum, dims, keepDim);
    public Tensor Mean() => Reduce(ReduceOp.Mean, [], false);
    public Tensor Mean(long dim, bool keepDim = false) => Reduce(ReduceOp.Mean, [dim], keepDim);
    public Tensor Mean(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Mean, dims, keepDim);
    /// <summary>Variance; unbiased (Bessel) by default like torch.var.</summary>
    public Tensor Var(long[]? dims = null, bool unbiased = true, bool keepDim = false) => Reduce(ReduceOp.Var, dims ?? [], keepDim, unbiased);
    public Tensor Std(long[]? dims = null, bool unbiased = true, bool keepDim = false) => Reduce(ReduceOp.Std, dims ?? [], keepDim, unbiased);
    public Tensor Max() => Reduce(ReduceOp.Amax, [], false);
    public Tensor Max(long dim, bool keepDim = false) => Reduce(ReduceOp.Amax, [dim], keepDim);
    public Tensor Min() => Reduce(ReduceOp.Amin, [], false);
    public Tensor Min(long dim, bool keepDim = false) => Reduce(ReduceOp.Amin, [dim], keepDim);
    public Tensor Prod() => Reduce(ReduceOp.Prod, [], false);
    public Tensor ArgMax() => Reduce(ReduceOp.Argmax, [], false);
    public Tensor ArgMax(long dim, bool keepDim = false) => Reduce(ReduceOp.Argmax, [dim], keepDim);
    public Tensor ArgMin(long dim, bool keepDim = false) => Reduce(ReduceOp.Argmin, [dim], keepDim);
    public Tensor Any() => Reduce(ReduceOp.Any, [], false);
    public Tensor All() => Reduce(ReduceOp.All, [], false);
    public Tensor Norm() => Reduce(ReduceOp.Norm2, [], false);
    public Tensor Norm(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Norm2, dims, keepDim);

    public Tensor CumSum(long dim) => Wrap(NativeMethods.dt_cumsum(Handle, dim), "cumsum");

    public (Tensor Values, Tensor Indices) Sort(long dim = -1, bool descending = false, bool stable = false)
    {
        TorchException.Check(NativeMethods.dt_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i), "sort");
        return (Wrap(v, "sort"), Wrap(i, "sort"));
    }

    public Tensor ArgSort(long dim = -1, bool descending = false, bool stable = false)
    {
        var (values, indices) = Sort(dim, descending, stable);
        values.Dispose();
        return indices;
    }

    /// <summary>Sorted unique values with the inverse map and counts (torch.unique(sorted=True, return_inverse=True, return_counts=True)).</summary>
    public (Tensor Values, Tensor Inverse, Tensor Counts) Unique()
    {
        TorchException.Check(NativeMethods.dt_unique(Handle, out var v, out var i, out var c), "unique");
        return (Wrap(v, "unique"), Wrap(i, "unique"), Wrap(c, "unique"));
    }
}
