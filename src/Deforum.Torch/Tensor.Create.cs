using Deforum.Torch.Native;

namespace Deforum.Torch;

// Tensor creation, random draws and joins: the torch.* functions, as static members so that code in any
// Deforum.* namespace can call them (a class named Torch would be shadowed by the Deforum.Torch namespace).
public sealed partial class Tensor
{
    static Device Dev(Device? d) => d ?? Device.Cpu;

    public static unsafe Tensor Empty(long[] shape, DType dtype = DType.Float32, Device? device = null)
    {
        var d = Dev(device);
        fixed (long* s = shape) return Wrap(NativeMethods.dt_empty(s, shape.Length, (int)dtype, (int)d.Type, d.Index), "empty");
    }

    public static unsafe Tensor Full(long[] shape, double value, DType dtype = DType.Float32, Device? device = null)
    {
        var d = Dev(device);
        fixed (long* s = shape) return Wrap(NativeMethods.dt_full(s, shape.Length, value, (int)dtype, (int)d.Type, d.Index), "full");
    }

    public static Tensor Zeros(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 0, dtype, device);

    public static Tensor Ones(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 1, dtype, device);

    public static Tensor ZerosLike(Tensor t) => Full(t.Shape, 0, t.DType, t.Device);

    public static Tensor OnesLike(Tensor t) => Full(t.Shape, 1, t.DType, t.Device);

    /// <summary>A 0-dim tensor holding one value.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32, Device? device = null) => Full([], value, dtype, device);

    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Int64, Device? device = null)
    {
        var d = Dev(device);
        return Wrap(NativeMethods.dt_arange(start, end, step, (int)dtype, (int)d.Type, d.Index), "arange");
    }

    public static Tensor Arange(long end, DType dtype = DType.Int64, Device? device = null) => Arange(0, end, 1, dtype, device);

    public static Tensor Linspace(double start, double end, long steps, DType dtype = DType.Float32, Device? device = null)
    {
        var d = Dev(device);
        return Wrap(NativeMethods.dt_linspace(start, end, steps, (int)dtype, (int)d.Type, d.Index), "linspace");
    }

    // ---- random (generator null = the device's default generator, seeded by ManualSeed) ----

    public static unsafe Tensor Randn(long[] shape, Generator? generator = null, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? generator?.Device ?? Device.Cpu;
        fixed (long* s = shape)
            return Wrap(NativeMethods.dt_randn(s, shape.Length, (int)dtype, (int)d.Type, d.Index, generator?.Raw ?? IntPtr.Zero), "randn");
    }

    public static unsafe Tensor Rand(long[] shape, Generator? generator = null, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? generator?.Device ?? Device.Cpu;
        fixed (long* s = shape)
            return Wrap(NativeMethods.dt_rand(s, shape.Length, (int)dtype, (int)d.Type, d.Index, generator?.Raw ?? IntPtr.Zero), "rand");
    }

    public static unsafe Tensor RandInt(long low, long high, long[] shape, Generator? generator = null, DType dtype = DType.Int64, Device? device = null)
    {
        var d = device ?? generator?.Device ?? Device.Cpu;
        fixed (long* s = shape)
            return Wrap(NativeMethods.dt_randint(low, high, s, shape.Length, (int)dtype, (int)d.Type, d.Index, generator?.Raw ?? IntPtr.Zero), "randint");
    }

    /// <summary>torch.randn_like: the same draws as Randn(t.Shape) on t's device and dtype.</summary>
    public static Tensor RandnLike(Tensor t, Generator? generator = null) =>
        Wrap(NativeMethods.dt_randn_like(t.Handle, generator?.Raw ?? IntPtr.Zero), "randn_like");

    // ---- joins and selection ----

    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        var handles = Handles(tensors);
        fixed (IntPtr* h = handles)
        {
            var r = stack ? Wrap(NativeMethods.dt_stack(h, handles.Length, dim), "stack") : Wrap(NativeMethods.dt_cat(h, handles.Length, dim), "cat");
            GC.KeepAlive(tensors);
            return r;
        }
    }

    static IntPtr[] Handles(IReadOnlyList<Tensor> tensors)
    {
        if (tensors.Count == 0) throw new ArgumentException("expected at least one tensor", nameof(tensors));
        var a = new IntPtr[tensors.Count];
        for (int i = 0; i < a.Length; i++) a[i] = tensors[i].RawHandle;
        return a;
    }

    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => Wrap(NativeMethods.dt_where(condition.Handle, a.Handle, b.Handle), "where");

    /// <summary>Indices where values would be inserted into the sorted last dim (side right when <paramref name="right"/>).</summary>
    public static Tensor SearchSorted(Tensor sortedSequence, Tensor values, bool right = false) =>
        Wrap(NativeMethods.dt_searchsorted(sortedSequence.Handle, values.Handle, right ? 1 : 0), "searchsorted");
}
