using Deforum.Torch;

namespace Deforum.Tests.Models;

/// <summary>Live-tensor counts for leak tests, with earlier tests' garbage already finalized and freed.</summary>
internal static class LiveTensors
{
    /// <summary>
    /// Tensor.LiveCount after collecting garbage: a tensor some earlier test dropped would otherwise be freed by the
    /// finalizer in the middle of the measurement and read as a negative leak.
    /// </summary>
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Tensor.Zeros([0]).Dispose(); // creating a tensor frees what the finalizers queued
        return Tensor.LiveCount;
    }
}
