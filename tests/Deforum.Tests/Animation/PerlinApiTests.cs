using Deforum.Animation.Perlin;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

/// <summary>The Perlin entry points refuse what the originals crash on, or what is not a frame.</summary>
public class PerlinApiTests
{
    [Fact]
    public void A_field_whose_cells_do_not_divide_it_is_refused()
    {
        using var generator = new Generator(1);
        var e = Assert.Throws<ArgumentException>(() => PerlinField.Octaves((64, 64), (3, 8), 1, 0.5, generator));
        Assert.Contains("3×8 cells", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PerlinField.Octaves((64, 64), (8, 8), 5, 0.5, generator)); // 128 cells in the last octave
        Assert.Throws<ArgumentOutOfRangeException>(() => PerlinField.Octaves((64, 64), (8, 8), -1, 0.5, generator));
    }

    [Fact]
    public void Frame_noise_needs_an_8_bit_rgb_frame()
    {
        using var scope = DisposeScope.Begin();
        var shape = new PerlinNoiseShape(8, 8, 1, 0.5);
        Assert.Throws<ArgumentException>(() => PerlinFrameNoise.Add(Tensor.Zeros([64, 64, 3]), 0.1, 1, shape));
        Assert.Throws<ArgumentException>(() => PerlinFrameNoise.Add(Tensor.Zeros([64, 64, 4], DType.UInt8), 0.1, 1, shape));
    }

    [Fact]
    public void No_noise_leaves_the_frame_and_no_octaves_give_a_flat_field()
    {
        using var scope = DisposeScope.Begin();
        var frame = Tensor.Full([64, 64, 3], 77, DType.UInt8);
        Assert.Equal(frame.ToArray<byte>(), PerlinFrameNoise.Add(frame, 0, 5, new PerlinNoiseShape(8, 8, 2, 0.5)).ToArray<byte>());
        using var generator = new Generator(1);
        Assert.Equal(new float[64 * 64], PerlinField.Octaves((64, 64), (8, 8), 0, 0.5, generator).ToArray<float>());
    }

    [Fact]
    public void A_perlin_init_needs_a_frame_size() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PerlinInit.Create(PerlinMode.Mixed, 0, 64, 1));
}
