using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Deforum.Torch.Native;

/// <summary>
/// Owns one native tensor. Explicit disposal frees it at once; a handle reached only by the finalizer is queued
/// and freed on the next tensor creation from a normal thread, so libtorch is never called on the finalizer thread.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    static readonly ConcurrentQueue<IntPtr> PendingFrees = new();
    static long _live;
    bool _explicitDispose;

    public TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        Interlocked.Increment(ref _live);
    }

    /// <summary>Native tensors currently alive (created and not yet freed, queued frees included until drained).</summary>
    public static long Live => Interlocked.Read(ref _live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override void Dispose(bool disposing)
    {
        _explicitDispose = disposing;
        base.Dispose(disposing);
    }

    protected override bool ReleaseHandle()
    {
        if (_explicitDispose) Free(handle);
        else PendingFrees.Enqueue(handle);
        return true;
    }

    static void Free(IntPtr h)
    {
        NativeMethods.dt_free(h);
        Interlocked.Decrement(ref _live);
    }

    /// <summary>Frees what finalizers queued. Called on every tensor creation; cheap when the queue is empty.</summary>
    public static void DrainPendingFrees()
    {
        while (PendingFrees.TryDequeue(out var h)) Free(h);
    }
}

/// <summary>Owns one native generator (same finalizer rule as tensors).</summary>
internal sealed class GeneratorHandle : SafeHandle
{
    static readonly ConcurrentQueue<IntPtr> PendingFrees = new();
    bool _explicitDispose;

    public GeneratorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override void Dispose(bool disposing)
    {
        _explicitDispose = disposing;
        base.Dispose(disposing);
    }

    protected override bool ReleaseHandle()
    {
        if (_explicitDispose) NativeMethods.dt_generator_free(handle);
        else PendingFrees.Enqueue(handle);
        while (_explicitDispose && PendingFrees.TryDequeue(out var h)) NativeMethods.dt_generator_free(h);
        return true;
    }
}
