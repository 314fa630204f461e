using Xunit;
using Deforum.Media.Png;
using Deforum.Testing;

namespace Deforum.Tests.Media;

/// <summary>Files written by other encoders decode to the pixels ffmpeg decodes from them.</summary>
public class PngCompatibilityTests
{
    // (ffmpeg's PNG pixel format, the raw format ffmpeg decodes it to for reference, expected channels, 16-bit?)
    public static TheoryData<string, string, int, bool> FfmpegFormats() => new()
    {
        { "rgb24", "rgb24", 3, false }, { "rgba", "rgba", 4, false }, { "gray", "gray", 1, false }, { "ya8", "ya8", 2, false },
        { "monob", "gray", 1, false }, { "pal8", "rgb24", 3, false }, { "pal8-alpha", "rgba", 4, false },
        { "gray16be", "gray16le", 1, true }, { "rgb48be", "rgb48le", 3, true }, { "rgba64be", "rgba64le", 4, true }, { "ya16be", "ya16le", 2, true },
    };

    [Theory]
    [MemberData(nameof(FfmpegFormats))]
    public void Pngs_written_by_ffmpeg_decode_like_ffmpeg(string format, string reference, int channels, bool wide)
    {
        using var dir = new TempFolder();
        // Keying out the light pixels gives a palette with transparent entries, hence a tRNS chunk.
        string[] alpha = format == "pal8-alpha"
            ? ["-vf", "format=rgba,colorkey=0xFFFFFF:0.6,split[a][b];[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse=alpha_threshold=128"]
            : [];
        string[] encode = [.. alpha, "-pix_fmt", format.Split('-')[0], "-pred", "mixed"];
        // One run writes the progressive and the Adam7 file (ffmpeg's PNG encoder interlaces when asked for interlaced DCT).
        FfmpegCli.MustRun(["-f", "lavfi", "-i", "testsrc=size=37x11:rate=1:duration=1", "-frames:v", "1", .. encode, dir.File("p.png"),
            "-frames:v", "1", .. encode, "-flags", "+ildct", dir.File("i.png")]);
        FfmpegCli.MustRun("-i", dir.File("p.png"), "-i", dir.File("i.png"), "-map", "0:v", "-f", "rawvideo", "-pix_fmt", reference, dir.File("p.raw"),
            "-map", "1:v", "-f", "rawvideo", "-pix_fmt", reference, dir.File("i.raw"));

        foreach (var (name, interlaced) in new[] { ("p", false), ("i", true) })
        {
            var png = File.ReadAllBytes(dir.File(name + ".png"));
            Assert.Equal(interlaced, PngDecoder.ReadHeader(png).Interlaced);
            var expected = File.ReadAllBytes(dir.File(name + ".raw"));
            if (wide)
            {
                var image = PngDecoder.Decode16(png);
                Assert.Equal(channels, image.Channels);
                Assert.Equal(TestImages.LittleEndianSamples(expected), image.Pixels);
            }
            else
            {
                var image = PngDecoder.Decode(png);
                Assert.Equal(channels, image.Channels);
                Assert.Equal(expected, image.Pixels);
            }
        }
    }

    [Theory]
    [InlineData("1x1")]
    [InlineData("3x5")]
    public void Tiny_adam7_images_with_empty_passes_decode_like_ffmpeg(string size)
    {
        using var dir = new TempFolder();
        string path = dir.File("tiny.png");
        FfmpegCli.MustRun("-f", "lavfi", "-i", $"testsrc=size={size}:rate=1:duration=1", "-frames:v", "1", "-pix_fmt", "rgb24", "-flags", "+ildct", path);
        Assert.Equal(FfmpegCli.RawDecode(path, "rgb24"), PngDecoder.Decode(File.ReadAllBytes(path)).Pixels);
    }

    [SkippableTheory]
    [InlineData("test_image.png", "rgb24", 3)]
    [InlineData("mask_input_rgb.png", "rgb24", 3)]
    [InlineData("mask_input_rgba.png", "rgba", 4)]
    public void Golden_pngs_decode_like_ffmpeg(string name, string reference, int channels)
    {
        string path = Path.Combine(RepoPaths.GoldenImageDir, name);
        Golden.RequireData(File.Exists(path), $"golden image {path} is missing");
        var image = PngDecoder.Decode(File.ReadAllBytes(path));
        Assert.Equal((96, 64, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(FfmpegCli.RawDecode(path, reference), image.Pixels);
    }

    [SkippableFact]
    public void Golden_test_image_decodes_to_the_array_the_generator_saved()
    {
        string png = Path.Combine(RepoPaths.GoldenImageDir, "test_image.png");
        string arrays = Path.Combine(RepoPaths.GoldenImageDir, "inputs.safetensors");
        Golden.RequireData(File.Exists(png) && File.Exists(arrays), $"golden test image or inputs missing in {RepoPaths.GoldenImageDir}");
        using var inputs = Deforum.Torch.Checkpoints.SafetensorsFile.Open(arrays);
        Assert.Equal(inputs.GetBytes("test_image").ToArray(), PngDecoder.Decode(File.ReadAllBytes(png)).Pixels);
    }

    [Fact]
    public void Our_pngs_decode_identically_in_ffmpeg()
    {
        using var dir = new TempFolder();
        foreach (int channels in new[] { 1, 3, 4 })
        {
            var image = TestImages.Random8(31, 9, channels, seed: channels);
            string path = dir.File($"ours{channels}.png");
            File.WriteAllBytes(path, PngEncoder.Encode(image));
            Assert.Equal(image.Pixels, FfmpegCli.RawDecode(path, channels switch { 1 => "gray", 3 => "rgb24", _ => "rgba" }));
        }
        // Each filter on its own, so a wrong-but-symmetric filter in our encoder and decoder cannot hide.
        foreach (var filter in Enum.GetValues<PngFilterType>())
        {
            var image = TestImages.Frame(1, 45, 9);
            string path = dir.File($"filter{filter}.png");
            File.WriteAllBytes(path, PngEncoder.Encode(image, new PngEncodeOptions { Filter = filter }));
            Assert.Equal(image.Pixels, FfmpegCli.RawDecode(path, "rgb24"));
        }
        var wide = TestImages.Random16(31, 9, 3, seed: 7);
        string widePath = dir.File("ours16.png");
        File.WriteAllBytes(widePath, PngEncoder.Encode(wide));
        Assert.Equal(wide.Pixels, TestImages.LittleEndianSamples(FfmpegCli.RawDecode(widePath, "rgb48le")));
    }
}
