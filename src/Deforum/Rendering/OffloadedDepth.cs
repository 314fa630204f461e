using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Rendering;

/// <summary>
/// low_vram's depth model: its networks wait on the CPU and visit the compute device for each prediction, so between
/// frames the GPU holds the UNet alone. The same kernels run on the same device, so the depth is the same. Owns the
/// estimator it wraps.
/// </summary>
public sealed class OffloadedDepth : IDepthEstimator
{
    readonly IDepthEstimator _inner;
    readonly Device _compute;

    /// <summary>Moves <paramref name="inner"/>'s networks to the CPU now; each <see cref="Predict"/> runs them on <paramref name="compute"/>.</summary>
    public OffloadedDepth(IDepthEstimator inner, Device compute)
    {
        ArgumentNullException.ThrowIfNull(inner);
        (_inner, _compute) = (inner, compute);
        foreach (var network in inner.Networks) network.To(Device.Cpu);
    }

    public IReadOnlyList<Module> Networks => _inner.Networks;

    public Tensor Predict(Tensor frame)
    {
        var visits = new List<ModuleVisit>();
        try
        {
            foreach (var network in _inner.Networks) visits.Add(new ModuleVisit(network, _compute, Device.Cpu));
            return _inner.Predict(frame);
        }
        finally
        {
            foreach (var visit in visits) visit.Dispose();
        }
    }

    public void Dispose() => _inner.Dispose();
}
