using Xunit;
using Deforum.Media;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Png;

namespace Deforum.Tests.Media;

public class ImageFileTests
{
    [Fact]
    public void Png_written_atomically_reads_back()
    {
        using var dir = new TempFolder();
        var image = TestImages.Frame(1, 33, 17);
        ImageFile.WritePng(dir.File("a.png"), image, PngEncodeOptions.Fast);
        Assert.Equal(image.Pixels, ImageFile.Read(dir.File("a.png")).Pixels);
        var depth = TestImages.Random16(5, 4, 1, seed: 2);
        ImageFile.WritePng(dir.File("d.png"), depth);
        Assert.Equal(depth.Pixels, PngDecoder.Decode16(File.ReadAllBytes(dir.File("d.png"))).Pixels);
        Assert.Equal(["a.png", "d.png"], dir.Entries());
    }

    [Fact]
    public void Writing_into_an_unwritable_folder_names_it_and_leaves_nothing()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("blocker"), "");
        var e = Assert.Throws<IOException>(() => ImageFile.WritePng(dir.File("blocker/f.png"), TestImages.Frame(0, 4, 4)));
        Assert.Contains(dir.File("blocker"), e.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => ImageFile.WritePng(dir.File("blocker/d.png"), TestImages.Random16(4, 4, 1, 1)));
        Assert.Equal(["blocker"], dir.Entries());
    }

    [Theory]
    [InlineData("jpg", "rgb24", 3)]
    [InlineData("bmp", "rgb24", 3)]
    [InlineData("webp", "rgb24", 3)]
    [InlineData("gif", "rgba", 4)] // ffmpeg decodes GIF with alpha
    public void Other_formats_decode_through_ffmpeg_like_ffmpeg(string extension, string reference, int channels)
    {
        using var dir = new TempFolder();
        string path = dir.File("in." + extension);
        FfmpegCli.MustRun("-f", "lavfi", "-i", "testsrc=size=40x24:rate=1:duration=1", "-frames:v", "1", path);
        var image = ImageFile.Read(path);
        Assert.Equal((40, 24, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(FfmpegCli.RawDecode(path, reference), image.Pixels);
    }

    [Fact]
    public void A_missing_file_names_the_path()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => ImageFile.Read(dir.File("nope.png")));
        Assert.Contains(dir.File("nope.png"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_png_names_the_path()
    {
        using var dir = new TempFolder();
        var png = PngEncoder.Encode(TestImages.Random8(8, 8, 3, 1));
        File.WriteAllBytes(dir.File("bad.png"), png.AsSpan(0, png.Length / 2).ToArray());
        var e = Assert.Throws<PngFormatException>(() => ImageFile.Read(dir.File("bad.png")));
        Assert.Contains(dir.File("bad.png"), e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_ffmpeg_cannot_read_gives_ffmpegs_reason()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("notes.jpg"), "this is not a picture");
        var e = Assert.Throws<FfmpegException>(() => ImageFile.Read(dir.File("notes.jpg")));
        Assert.Contains(dir.File("notes.jpg"), e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(e.StderrTail);
        Assert.NotEqual(0, e.ExitCode);
    }
}
