using Deforum.Torch.Native;

namespace Deforum.Torch;

/// <summary>CUDA housekeeping; every member is a harmless no-op (or false/0) on a CPU-only libtorch.</summary>
public static class Cuda
{
    static Cuda() => NativeLibraryLoader.EnsureLoaded();

    public static bool IsAvailable => TorchException.Check(NativeMethods.dt_cuda_is_available(), "cuda.is_available") == 1;

    public static int DeviceCount => TorchException.Check(NativeMethods.dt_cuda_device_count(), "cuda.device_count");

    public static void Synchronize(int device = 0) => TorchException.Check(NativeMethods.dt_cuda_synchronize(device), "cuda.synchronize");

    public static void EmptyCache() => TorchException.Check(NativeMethods.dt_cuda_empty_cache(), "cuda.empty_cache");

    public readonly record struct MemoryStats(long Allocated, long Reserved, long PeakAllocated);

    public static unsafe MemoryStats GetMemoryStats(int device = 0)
    {
        long* s = stackalloc long[3];
        TorchException.Check(NativeMethods.dt_cuda_memory_stats(device, s), "cuda.memory_stats");
        return new MemoryStats(s[0], s[1], s[2]);
    }
}
