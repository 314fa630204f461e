using Deforum.Torch.Native;
using Xunit;

namespace Deforum.Torch.Tests;

/// <summary>The OpenBLAS kernel choice and the OpenMP wait policy the loader sets before libtorch loads.</summary>
public class CpuTuningTests
{
    static BlasKernelSelector.Detection Dynamic(string core) => new(core, DynamicArch: true);

    [Theory]
    [InlineData("Prescott", "SkylakeX", "SkylakeX")]      // Zen 5 on OpenBLAS 0.3.21: the fallback core
    [InlineData("Prescott", "Haswell", "Haswell")]
    [InlineData("Sandybridge", "Haswell", "Haswell")]
    [InlineData("Haswell", "SkylakeX", "SkylakeX")]
    [InlineData("Unknown", "Haswell", "Haswell")]
    [InlineData("prescott", "Haswell", "Haswell")]        // names compare without case
    public void A_core_below_the_cpu_is_replaced_by_the_best_it_supports(string detected, string cpuBest, string chosen)
    {
        var choice = BlasKernelSelector.Decide(null, Dynamic(detected), cpuBest);
        Assert.Equal(chosen, choice.Chosen);
        Assert.Equal(detected, choice.Detected);
        Assert.Contains($"OPENBLAS_CORETYPE={chosen}", choice.Reason);
    }

    [Theory]
    [InlineData("Cooperlake", "SkylakeX")]                // Zen 4 on OpenBLAS 0.3.21
    [InlineData("SkylakeX", "SkylakeX")]
    [InlineData("SapphireRapids", "SkylakeX")]
    [InlineData("Zen", "Haswell")]
    [InlineData("Haswell", "Haswell")]
    [InlineData("Zen5", "SkylakeX")]                      // a core a newer OpenBLAS knows: its own choice
    [InlineData("Prescott", null)]                        // a CPU without AVX2+FMA
    public void A_core_at_the_cpus_level_or_unknown_here_is_kept(string detected, string? cpuBest)
    {
        var choice = BlasKernelSelector.Decide(null, Dynamic(detected), cpuBest);
        Assert.Null(choice.Chosen);
        Assert.Equal(detected, choice.Detected);
        Assert.Contains("kept", choice.Reason);
    }

    [Fact]
    public void A_user_setting_is_respected_and_the_better_kernel_is_named()
    {
        var choice = BlasKernelSelector.Decide("Prescott", null, "SkylakeX");
        Assert.Null(choice.Chosen);
        Assert.Equal("Prescott", choice.UserCoreType);
        Assert.Contains("OPENBLAS_CORETYPE=Prescott set in the environment, respected", choice.Reason);
        Assert.Contains("SkylakeX", choice.Reason);
    }

    [Fact]
    public void Nothing_is_chosen_for_another_blas_or_an_openblas_built_for_one_cpu()
    {
        Assert.Null(BlasKernelSelector.Decide(null, null, "SkylakeX").Chosen);
        var fixedBuild = BlasKernelSelector.Decide(null, new BlasKernelSelector.Detection("Prescott", DynamicArch: false), "SkylakeX");
        Assert.Null(fixedBuild.Chosen);
        Assert.Contains("DYNAMIC_ARCH", fixedBuild.Reason);
    }

    [Fact]
    public void This_process_runs_the_core_that_was_chosen_or_respected()
    {
        var info = TorchLibrary.BuildInfo;
        Assert.NotNull(info.BlasKernel);
        Assert.Null(info.BlasKernelWarning);
        var user = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");   // .NET's copy: the environment the process started with
        Assert.Equal(string.IsNullOrEmpty(user) ? null : user, info.BlasKernel!.UserCoreType);
        if (info.Blas.StartsWith("OpenBLAS", StringComparison.Ordinal)) Assert.NotEmpty(info.BlasCore);
        if (info.BlasKernel.Chosen is { } chosen)
        {
            Assert.Equal(chosen, info.BlasCore, ignoreCase: true);
            Assert.Equal(chosen, LibC.GetEnv("OPENBLAS_CORETYPE"));
        }
        Assert.Contains(info.Tuning(), line => line.StartsWith("BLAS kernels: ", StringComparison.Ordinal) && line.Contains(info.BlasKernel.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_chosen_core_that_did_not_take_effect_is_warned_about()
    {
        var info = TorchLibrary.BuildInfo with
        {
            BlasCore = "Prescott",
            BlasKernel = BlasKernelSelector.Decide(null, Dynamic("Prescott"), "SkylakeX"),
        };
        Assert.Contains("OPENBLAS_CORETYPE=SkylakeX was set before libtorch loaded, but OpenBLAS runs Prescott", info.BlasKernelWarning);
    }

    [Fact]
    public void Idle_openmp_workers_spin_briefly_then_sleep_unless_the_user_chose_a_policy()
    {
        var info = TorchLibrary.BuildInfo;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GOMP_SPINCOUNT")))
        {
            Assert.StartsWith($"spin {ThreadDefaults.SpinCount}, then sleep (set by Deforum.Torch", info.OpenMpWaitPolicy);
            Assert.Equal(ThreadDefaults.SpinCount, LibC.GetEnv("GOMP_SPINCOUNT"));
            Assert.Null(LibC.GetEnv("OMP_WAIT_POLICY"));
        }
        else
        {
            Assert.Contains("respected", info.OpenMpWaitPolicy);
        }
        Assert.Contains($"OpenMP wait policy: {info.OpenMpWaitPolicy}", info.Tuning());
    }

    [Fact]
    public void Openblas_runs_on_the_calling_thread_unless_the_user_chose_a_count()
    {
        var info = TorchLibrary.BuildInfo;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GOTO_NUM_THREADS")))
        {
            Assert.StartsWith("1 (set by Deforum.Torch", info.OpenBlasThreads);
            Assert.Equal("1", LibC.GetEnv("OPENBLAS_NUM_THREADS"));
        }
        else
        {
            Assert.Contains("respected", info.OpenBlasThreads);
        }
        Assert.Contains($"OpenBLAS threads: {info.OpenBlasThreads}", info.Tuning());
    }
}
