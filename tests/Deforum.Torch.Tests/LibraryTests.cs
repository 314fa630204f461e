using Xunit;

namespace Deforum.Torch.Tests;

public class LibraryTests
{
    [Fact]
    public void Build_info_describes_the_loaded_libtorch()
    {
        var info = TorchLibrary.BuildInfo;
        Assert.Equal(Native.NativeMethods.AbiVersion, info.Abi);
        Assert.Matches(@"^\d+\.\d+\.\d+$", info.TorchVersion);
        Assert.True(info.Attention is "fused" or "math", info.Attention);
        Assert.Equal(Cuda.IsAvailable, info.CudaAvailable);
        Assert.Equal(info.CudaAvailable ? Cuda.DeviceCount : 0, info.CudaDeviceCount);
        Assert.Contains(info.TorchVersion, info.ToString());
    }

    [Fact]
    public void Blas_in_use_is_reported_and_the_reference_one_is_warned_about()
    {
        var info = TorchLibrary.BuildInfo;
        Assert.False(string.IsNullOrEmpty(info.Blas));
        Assert.Equal(info.IsReferenceBlas, info.BlasWarning is not null);
        var reference = info with { Blas = "reference", BlasPath = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3" };
        Assert.Contains("libopenblas0-pthread", reference.BlasWarning);
    }

    [Fact]
    public void Thread_count_can_be_set_and_read_back()
    {
        int old = TorchLibrary.NumThreads;
        try
        {
            TorchLibrary.NumThreads = 1;
            Assert.Equal(1, TorchLibrary.NumThreads);
        }
        finally
        {
            TorchLibrary.NumThreads = old;
        }
    }

    [Fact]
    public void Invalid_thread_count_is_a_torch_error()
    {
        Assert.Throws<TorchException>(() => TorchLibrary.NumThreads = 0);
    }

    [Fact]
    public void Cuda_housekeeping_is_harmless_without_cuda()
    {
        Skip.If(Cuda.IsAvailable, "CUDA is present");
        Cuda.EmptyCache();
        Cuda.Synchronize();
        Assert.Equal(new Cuda.MemoryStats(0, 0, 0), Cuda.GetMemoryStats());
    }
}
