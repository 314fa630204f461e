using Deforum.Torch;

namespace Deforum.Tests.Animation;

/// <summary>Synthetic frames for the identity and error tests.</summary>
internal static class TestImages
{
    /// <summary>A deterministic textured H×W×3 uint8 frame.</summary>
    public static Tensor Textured(int h, int w)
    {
        var data = new byte[h * w * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                    data[(y * w + x) * 3 + c] = (byte)((x * 7 + y * 13 + c * 50 + (x * y) % 23) % 256);
        return Tensor.From<byte>(data.AsSpan(), [h, w, 3]);
    }

    /// <summary>A horizontal ramp: bilinear resampling reproduces linear functions, so it survives a round trip.</summary>
    public static Tensor Ramp(int h, int w)
    {
        var data = new byte[h * w * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                    data[(y * w + x) * 3 + c] = (byte)(40 + 2 * x);
        return Tensor.From<byte>(data.AsSpan(), [h, w, 3]);
    }

    public static byte[] Bytes(Tensor t) => t.To(Device.Cpu).Contiguous().ToArray<byte>();
}
