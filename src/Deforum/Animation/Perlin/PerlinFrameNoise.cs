using Deforum.Animation.Filters;
using Deforum.Torch;

namespace Deforum.Animation.Perlin;

/// <summary>
/// Port of sd-webui-deforum scripts/deforum_helpers/noise.py::add_noise with noise_type 'perlin' (no noise mask):
/// white noise shaped by a Perlin field, both drawn from a CPU generator seeded with the frame's seed, blended into the
/// 8-bit frame with cv2.addWeighted(frame, 1 − amount, noise, amount, 0).
/// </summary>
public static class PerlinFrameNoise
{
    /// <param name="frame">[H, W, 3] uint8 RGB (the extension's contrast_image, BGR there).</param>
    /// <returns>[H, W, 3] uint8 on the frame's device.</returns>
    public static Tensor Add(Tensor frame, double amount, long seed, PerlinNoiseShape shape)
    {
        var (h, w, _) = HostImage.CheckHwc(frame, nameof(frame), 3);
        HostImage.CheckDType(frame, nameof(frame), DType.UInt8);
        ArgumentNullException.ThrowIfNull(shape);
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(0).ManualSeed(seed);
        // the extension draws at the size rounded down to multiples of 64 and resizes back (nearest)
        long rows = h - h % 64, cols = w - w % 64;
        var white = Tensor.Randn([3, rows, cols], generator);
        var field = PerlinField.Octaves((rows, cols), (shape.CellsDown, shape.CellsAcross), shape.Octaves, shape.Persistence, generator);
        var noise = white.Mul(field.Add(Tensor.Ones([rows, cols])).Div(2)); // [3, rows, cols]
        if (rows != h || cols != w) noise = F.Interpolate(noise.Unsqueeze(1), (h, w)).Squeeze(1); // [3, H, W]
        // sample_to_cv2 puts noise channel c into the BGR frame's channel c: the RGB frame takes them reversed
        var noiseImage = FrameConversions.FrameFromSample(noise.Unsqueeze(0)).Flip(2); // [H, W, 3]
        var blended = OpenCvAddWeighted.Blend(HostImage.Read<byte>(frame), 1 - amount, HostImage.Read<byte>(noiseImage), amount);
        return scope.MoveToOuter(HostImage.Write(blended, frame.Shape, frame.Device));
    }
}
