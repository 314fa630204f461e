using System.Runtime.InteropServices;
using Deforum.Torch.Native;

namespace Deforum.Torch;

/// <summary>
/// A libtorch tensor. Owns exactly one native handle; dispose it (or let a <see cref="DisposeScope"/> do it).
/// Method names follow PyTorch so model code reads like the Python it ports.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    internal readonly TensorHandle Handle;
    long[]? _shape;
    DType? _dtype;
    Device? _device;

    internal DisposeScope? Scope { get; set; }

    internal Tensor(IntPtr handle)
    {
        Handle = new TensorHandle(handle);
        DisposeScope.Current?.Add(this);
    }

    /// <summary>Wraps a native result, throwing libtorch's message when the call failed.</summary>
    internal static Tensor Wrap(IntPtr result, string operation)
    {
        TensorHandle.DrainPendingFrees();
        return new Tensor(TorchException.Check(result, operation));
    }

    static Tensor()
    {
        NativeLibraryLoader.EnsureLoaded();
    }

    /// <summary>Native tensors alive in this process (for leak tests).</summary>
    public static long LiveCount => TensorHandle.Live;

    public bool IsDisposed => Handle.IsClosed;

    public void Dispose()
    {
        Scope?.Remove(this);
        Scope = null;
        Handle.Dispose();
    }

    internal IntPtr RawHandle
    {
        get
        {
            ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
            return Handle.DangerousGetHandle();
        }
    }

    internal static IntPtr RawOrNull(Tensor? t) => t?.RawHandle ?? IntPtr.Zero;

    // ---- metadata ----

    public unsafe long[] Shape
    {
        get
        {
            if (_shape is not null) return _shape;
            long* buf = stackalloc long[16];
            int n = TorchException.Check(NativeMethods.dt_sizes(Handle, buf, 16), "shape");
            return _shape = new ReadOnlySpan<long>(buf, n).ToArray();
        }
    }

    public unsafe long[] Strides
    {
        get
        {
            long* buf = stackalloc long[16];
            int n = TorchException.Check(NativeMethods.dt_strides(Handle, buf, 16), "strides");
            return new ReadOnlySpan<long>(buf, n).ToArray();
        }
    }

    public int Dim => Shape.Length;

    public long Size(int dim) => Shape[dim < 0 ? dim + Dim : dim];

    public long NumElements => Shape.Aggregate(1L, (a, b) => a * b);

    public DType DType => _dtype ??= (DType)TorchException.Check(NativeMethods.dt_dtype(Handle), "dtype");

    public Device Device
    {
        get
        {
            if (_device is { } d) return d;
            TorchException.Check(NativeMethods.dt_device(Handle, out int type, out int index), "device");
            return (_device = new Device((DeviceType)type, index)).Value;
        }
    }

    public bool IsContiguous(MemoryFormat format = MemoryFormat.Contiguous) =>
        TorchException.Check(NativeMethods.dt_is_contiguous(Handle, (int)format), "is_contiguous") == 1;

    /// <summary>Whether the tensor is in oneDNN's own layout (a packed convolution weight, <see cref="F.PackConv2dWeight"/>).</summary>
    public bool IsMkldnn => TorchException.Check(NativeMethods.dt_is_mkldnn(Handle), "is_mkldnn") == 1;

    /// <summary>The tensor in the plain strided layout: a packed one unpacked, a strided one as a new handle to the same data.</summary>
    public Tensor ToDense() => Wrap(NativeMethods.dt_to_dense(Handle), "to_dense");

    public override string ToString() =>
        IsDisposed ? "Tensor(disposed)" : $"Tensor([{string.Join(", ", Shape)}], {DType}, {Device})";

    // ---- host transfer ----

    /// <summary>A new tensor holding a copy of <paramref name="data"/> (C order), on the device, converted to dtype.</summary>
    public static unsafe Tensor From<T>(ReadOnlySpan<T> data, long[] shape, Device? device = null, DType? dtype = null) where T : unmanaged
    {
        var src = DTypeOf<T>();
        long n = shape.Aggregate(1L, (a, b) => a * b);
        if (n != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {n} elements but the data has {data.Length}", nameof(shape));
        fixed (T* p = data)
            return FromHost((IntPtr)p, shape, null, src, dtype ?? src, device ?? Deforum.Torch.Device.Cpu);
    }

    public static Tensor From<T>(T[] data, params long[] shape) where T : unmanaged => From<T>(data.AsSpan(), shape);

    /// <summary>
    /// A new tensor copied from host memory of <paramref name="srcDType"/> with optional element strides (e.g. a
    /// memory-mapped checkpoint), converted to <paramref name="dstDType"/> on <paramref name="device"/> in one copy.
    /// </summary>
    public static unsafe Tensor FromHost(IntPtr data, long[] shape, long[]? strides, DType srcDType, DType dstDType, Device device)
    {
        if (strides is not null && strides.Length != shape.Length)
            throw new ArgumentException("strides must have one entry per dimension", nameof(strides));
        fixed (long* s = shape)
        fixed (long* st = strides)
            return Wrap(NativeMethods.dt_from_host((void*)data, s, st, shape.Length, (int)srcDType, (int)dstDType,
                (int)device.Type, device.Index), "from_host");
    }

    /// <summary>Copies the elements (any device, any layout) into <paramref name="destination"/> in C order.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        CheckElementType<T>();
        fixed (T* p = destination)
            TorchException.Check(NativeMethods.dt_to_host(Handle, p, (long)destination.Length * sizeof(T)), "to_host");
    }

    public T[] ToArray<T>() where T : unmanaged
    {
        var a = new T[NumElements];
        CopyTo<T>(a);
        return a;
    }

    /// <summary>The elements' raw little-endian bytes in C order, whatever the dtype and device (what safetensors stores).</summary>
    public unsafe byte[] ToBytes()
    {
        var bytes = new byte[checked(NumElements * DType.ElementSize())];
        fixed (byte* p = bytes)
            TorchException.Check(NativeMethods.dt_to_host(Handle, p, bytes.Length), "to_host");
        return bytes;
    }

    /// <summary>
    /// The tensor's own memory without a copy. Only for contiguous CPU tensors; valid while the tensor lives.
    /// </summary>
    public unsafe Span<T> AsSpan<T>() where T : unmanaged
    {
        CheckElementType<T>();
        if (!IsContiguous()) throw new InvalidOperationException($"AsSpan needs a contiguous tensor; call Contiguous() first ({this})");
        var p = NativeMethods.dt_data_ptr(Handle);
        if (p == IntPtr.Zero && NumElements > 0) throw TorchException.FromNative("data_ptr");
        return new Span<T>((void*)p, checked((int)NumElements));
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public double Item()
    {
        TorchException.Check(NativeMethods.dt_item(Handle, out var v), "item");
        return v;
    }

    void CheckElementType<T>() where T : unmanaged
    {
        var want = DTypeOf<T>();
        if (want != DType && !(want == DType.UInt8 && DType == DType.Bool))
            throw new InvalidOperationException($"tensor is {DType} but {typeof(T).Name} ({want}) was requested; convert with To(DType.{want}) first");
    }

    internal static DType DTypeOf<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? DType.Float32
        : typeof(T) == typeof(Half) ? DType.Float16
        : typeof(T) == typeof(double) ? DType.Float64
        : typeof(T) == typeof(long) ? DType.Int64
        : typeof(T) == typeof(int) ? DType.Int32
        : typeof(T) == typeof(short) ? DType.Int16
        : typeof(T) == typeof(byte) ? DType.UInt8
        : typeof(T) == typeof(sbyte) ? DType.Int8
        : typeof(T) == typeof(bool) ? DType.Bool
        : throw new NotSupportedException($"{typeof(T).Name} has no tensor dtype");

    // ---- conversion ----

    public Tensor To(DType dtype) => To(Device, dtype);

    public Tensor To(Device device) => To(device, DType);

    public Tensor To(Device device, DType dtype, bool nonBlocking = false) =>
        Wrap(NativeMethods.dt_to(Handle, (int)dtype, (int)device.Type, device.Index, nonBlocking ? 1 : 0), "to");

    public Tensor Contiguous(MemoryFormat format = MemoryFormat.Contiguous) =>
        format == MemoryFormat.Contiguous
            ? Wrap(NativeMethods.dt_contiguous(Handle), "contiguous")
            : Wrap(NativeMethods.dt_to_memory_format(Handle, (int)format), "to(memory_format)");

    public Tensor Clone() => Wrap(NativeMethods.dt_clone(Handle), "clone");
}

public enum MemoryFormat { Contiguous = 0, ChannelsLast = 1 }
