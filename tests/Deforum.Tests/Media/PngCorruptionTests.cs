using Xunit;
using Deforum.Media.Png;

namespace Deforum.Tests.Media;

public class PngCorruptionTests
{
    static byte[] ValidPng() => PngEncoder.Encode(TestImages.Random8(40, 30, 3, seed: 5));

    [Fact]
    public void A_flipped_data_byte_fails_the_crc_check()
    {
        var png = ValidPng();
        int idat = PngBytes.FindChunk(png, "IDAT");
        png[idat + 8 + 10] ^= 0x40;
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.Decode(png));
        Assert.Contains("'IDAT'", e.Message, StringComparison.Ordinal);
        Assert.Contains("CRC", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(45)]
    [InlineData(100)]
    public void Truncated_files_are_reported_as_truncated(int keep)
    {
        var png = ValidPng();
        var cut = png.AsSpan(0, Math.Min(keep, png.Length)).ToArray();
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.Decode(cut));
        Assert.True(e.Message.Contains("truncated", StringComparison.Ordinal) || e.Message.Contains("signature", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void A_file_cut_before_iend_is_truncated()
    {
        var png = ValidPng();
        var cut = png.AsSpan(0, png.Length - 12).ToArray();
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.Decode(cut));
        Assert.Contains("before its IEND", e.Message, StringComparison.Ordinal);
        Assert.Contains("before its IEND", Assert.Throws<PngFormatException>(() => PngDecoder.Decode16(cut)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_image_data_inside_a_valid_zlib_stream_is_truncated()
    {
        // A 40x30 header in front of the data of a 40x20 image: every CRC is right, the pixels run short.
        var png = PngEncoder.Encode(TestImages.Random8(40, 20, 3, seed: 6));
        int ihdr = PngBytes.FindChunk(png, "IHDR");
        png[ihdr + 8 + 7] = 30;
        PngBytes.FixCrc(png, ihdr);
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.Decode(png));
        Assert.Contains("image data is truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_deflate_data_with_a_valid_crc_is_reported()
    {
        var png = ValidPng();
        int idat = PngBytes.FindChunk(png, "IDAT");
        png[idat + 8] = 0x00; // zlib header byte: compression method no longer deflate
        PngBytes.FixCrc(png, idat);
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.Decode(png));
        Assert.Contains("zlib", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_png_is_rejected_by_signature()
    {
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.Decode("GIF89a-not-a-png"u8.ToArray()));
        Assert.Contains("signature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_header_is_rejected()
    {
        var png = ValidPng();
        int ihdr = PngBytes.FindChunk(png, "IHDR");
        png[ihdr + 8 + 8] = 3; // bit depth 3 does not exist
        PngBytes.FixCrc(png, ihdr);
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.ReadHeader(png));
        Assert.Contains("bit depth 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_filter_type_is_rejected()
    {
        // Two gray rows of 3 pixels; the second row claims filter type 9.
        var png = PngBytes.Build(3, 2, 8, 0, [0, 10, 20, 30, 9, 1, 2, 3]);
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.Decode(png));
        Assert.Contains("filter type 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_built_png_decodes_with_its_filters()
    {
        // Row 0 Sub: 10, 10+20, 30+30; row 1 Up: adds row 0.
        var png = PngBytes.Build(3, 2, 8, 0, [1, 10, 20, 30, 2, 1, 2, 3]);
        Assert.Equal(new byte[] { 10, 30, 60, 11, 32, 63 }, PngDecoder.Decode(png).Pixels);
    }
}
