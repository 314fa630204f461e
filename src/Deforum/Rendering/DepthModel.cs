using Deforum.Animation.Depth;
using Deforum.Models.AdaBins;
using Deforum.Models.Midas;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Rendering;

/// <summary>
/// Deforum's depth for the 3D warp and the saved maps: MiDaS DPT-Large's (50 − d)/19, blended with AdaBins' metres by
/// midas_weight when AdaBins is given and the weight is below 1 (spec §12.2). Owns the networks.
/// Port of deforum-stable-diffusion helpers/depth.py::DepthModel.predict (0.7).
/// </summary>
public sealed class DepthModel : IDepthEstimator
{
    readonly DptDepthModel _midas;
    readonly IAdaBinsPredictor? _adabins;
    readonly double _midasWeight;

    /// <param name="adabins">Null: MiDaS alone, as the original when midas_weight is 1 (it then never loads AdaBins).</param>
    public DepthModel(DptDepthModel midas, IAdaBinsPredictor? adabins, double midasWeight)
    {
        ArgumentNullException.ThrowIfNull(midas);
        if (midasWeight is < 0 or > 1 || double.IsNaN(midasWeight))
            throw new ArgumentOutOfRangeException(nameof(midasWeight), midasWeight, "midas_weight must be between 0 and 1");
        (_midas, _adabins, _midasWeight) = (midas, adabins, midasWeight);
    }

    /// <summary>An H×W×3 RGB frame (uint8, or float32 for cadence buffers) → float32 depth [H, W] on the frame's device.</summary>
    public Tensor Predict(Tensor frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var scope = DisposeScope.Begin();
        long h = frame.Size(0), w = frame.Size(1);
        Tensor? adabins = null;
        if (_adabins is not null && DepthArithmetic.UsesAdaBins(_midasWeight))
        {
            var metres = _adabins.Predict(DepthArithmetic.AdaBinsInput(frame));             // [h', w']
            adabins = DepthArithmetic.AdaBinsDepth(metres.Unsqueeze(0).Unsqueeze(0), (int)w, (int)h).To(frame.Device);
        }
        var raw = _midas.Forward(DepthArithmetic.MidasInput(frame));                   // [1, H', W'] in the model's dtype
        var midas = DepthArithmetic.MidasDepth(raw, (int)w, (int)h).To(frame.Device);  // [H, W]
        return scope.MoveToOuter(DepthArithmetic.Blend(midas, adabins, _midasWeight));
    }

    public IReadOnlyList<Module> Networks => _adabins is AdaBinsInference a ? [_midas, a.Model] : [_midas];

    public void Dispose()
    {
        _midas.Dispose();
        (_adabins as IDisposable)?.Dispose();
    }
}
