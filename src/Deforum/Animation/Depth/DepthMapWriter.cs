using Deforum.Torch;

namespace Deforum.Animation.Depth;

/// <summary>
/// Port of deforum-stable-diffusion helpers/depth.py::DepthModel.save's normalisation: a running minimum/maximum over
/// the whole run (starting at 1000 / −1000), so early maps are scaled differently from late ones (spec §12.4).
/// One writer per render.
/// </summary>
public sealed class DepthMapWriter
{
    float _min = 1000, _max = -1000;

    /// <summary>The running range so far; a resumed run sets it back to where the stopped run was.</summary>
    public (float Min, float Max) Range
    {
        get => (_min, _max);
        set => (_min, _max) = value;
    }

    /// <summary>Updates the running range with this map and returns (d − min)/max(1e−8, max − min) as float32 [H, W].</summary>
    public Tensor Normalise(Tensor depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        if (depth.Shape.Length != 2) throw new ArgumentException($"depth must be [H, W]; got [{string.Join(", ", depth.Shape)}]", nameof(depth));
        using var scope = DisposeScope.Begin();
        var d = depth.To(Device.Cpu, DType.Float32);
        _min = Math.Min(_min, (float)d.Min().Item());
        _max = Math.Max(_max, (float)d.Max().Item());
        // max(1e-8, max − min): the Python float 1e-8 only wins for a flat map; NumPy keeps float32 otherwise.
        double denom = Math.Max(1e-8, _max - _min);
        return scope.MoveToOuter(d.Sub(_min).Div(denom));
    }

    /// <summary>The saved 8-bit map: normalised ×255, truncated, as H×W×3 identical channels (uint8).</summary>
    public Tensor ToImage8(Tensor depth) => Save(depth, n => n.Mul(255.0).To(DType.UInt8));

    /// <summary>
    /// The later 16-bit map: normalised × 65025 (255·255, not 65535) in one float32 multiply, as NumPy does it, then
    /// truncated; int32 holding the uint16 values.
    /// </summary>
    public Tensor ToImage16(Tensor depth) => Save(depth, n => n.Mul(255.0 * 255.0).To(DType.Int32));

    /// <summary>The later 32-bit map: the normalised float32 values.</summary>
    public Tensor ToImage32(Tensor depth) => Save(depth, n => n);

    Tensor Save(Tensor depth, Func<Tensor, Tensor> fromNormalised)
    {
        using var scope = DisposeScope.Begin();
        var grey = fromNormalised(Normalise(depth));
        return scope.MoveToOuter(grey.Unsqueeze(-1).Expand(grey.Shape[0], grey.Shape[1], 3).Contiguous()); // [H, W, 3]
    }
}
