using Xunit;
using Deforum.Media;
using Deforum.Media.Png;

namespace Deforum.Tests.Media;

public class PngRoundTripTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var (w, h) in new[] { (1, 1), (3, 5), (513, 7), (64, 64) })
            foreach (int c in new[] { 1, 2, 3, 4 })
                data.Add(w, h, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Eight_bit_images_round_trip_exactly(int width, int height, int channels)
    {
        var image = TestImages.Random8(width, height, channels, seed: width * 31 + channels);
        var png = PngEncoder.Encode(image);

        var header = PngDecoder.ReadHeader(png);
        Assert.Equal((width, height, 8, false), (header.Width, header.Height, header.BitDepth, header.Interlaced));
        var back = PngDecoder.Decode(png);
        Assert.Equal((width, height, channels), (back.Width, back.Height, back.Channels));
        Assert.Equal(image.Pixels, back.Pixels);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sixteen_bit_images_round_trip_exactly(int width, int height, int channels)
    {
        var image = TestImages.Random16(width, height, channels, seed: height * 17 + channels);
        var png = PngEncoder.Encode(image);

        Assert.Equal(16, PngDecoder.ReadHeader(png).BitDepth);
        Assert.Equal(image.Pixels, PngDecoder.Decode16(png).Pixels);
        // The 8-bit view keeps the high byte.
        Assert.Equal(image.Pixels.Select(v => (byte)(v >> 8)).ToArray(), PngDecoder.Decode(png).Pixels);
    }

    [Theory]
    [InlineData(PngFilterType.None)]
    [InlineData(PngFilterType.Sub)]
    [InlineData(PngFilterType.Up)]
    [InlineData(PngFilterType.Average)]
    [InlineData(PngFilterType.Paeth)]
    public void Every_fixed_filter_round_trips(PngFilterType filter)
    {
        foreach (int channels in new[] { 1, 3, 4 })
        {
            var image = TestImages.Random8(37, 11, channels, seed: (int)filter);
            var options = new PngEncodeOptions { Filter = filter, CompressionLevel = 1 };
            Assert.Equal(image.Pixels, PngDecoder.Decode(PngEncoder.Encode(image, options)).Pixels);
            var wide = TestImages.Random16(37, 11, channels, seed: (int)filter);
            Assert.Equal(wide.Pixels, PngDecoder.Decode16(PngEncoder.Encode(wide, options)).Pixels);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void Every_compression_level_round_trips(int level)
    {
        var image = TestImages.Frame(3, 96, 64);
        Assert.Equal(image.Pixels, PngDecoder.Decode(PngEncoder.Encode(image, new PngEncodeOptions { CompressionLevel = level })).Pixels);
    }

    [Fact]
    public void Adaptive_filtering_and_higher_levels_make_smaller_files_on_smooth_images()
    {
        var image = TestImages.Frame(5, 256, 256);
        int adaptive = PngEncoder.Encode(image).Length;
        int unfiltered = PngEncoder.Encode(image, new PngEncodeOptions { Filter = PngFilterType.None }).Length;
        int stored = PngEncoder.Encode(image, new PngEncodeOptions { CompressionLevel = 0 }).Length;
        Assert.True(adaptive < unfiltered, $"adaptive {adaptive} bytes should beat unfiltered {unfiltered}");
        Assert.True(adaptive < stored / 2, $"level 6 {adaptive} bytes should be well under stored {stored}");
    }

    [Fact]
    public void Invalid_encode_options_are_rejected()
    {
        var image = TestImages.Random8(4, 4, 3, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(image, new PngEncodeOptions { CompressionLevel = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(image, new PngEncodeOptions { CompressionLevel = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(TestImages.Random16(4, 4, 1, 1), new PngEncodeOptions { CompressionLevel = 10 }));
        Assert.Throws<ArgumentNullException>(() => PngEncoder.Encode(image, output: null!));
    }

    [Fact]
    public void Image_buffers_reject_inconsistent_shapes()
    {
        Assert.Throws<ArgumentException>(() => new ImageBuffer<byte>(4, 4, 3, new byte[47]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageBuffer<byte>(0, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageBuffer<byte>(4, 4, 5));
    }
}
