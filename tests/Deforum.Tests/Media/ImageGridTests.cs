using Xunit;
using Deforum.Media;

namespace Deforum.Tests.Media;

public class ImageGridTests
{
    static ImageBuffer<byte> Solid(byte value, int w = 3, int h = 2) =>
        new(w, h, 3, Enumerable.Repeat(value, w * h * 3).ToArray());

    [Fact]
    public void Lays_images_out_like_torchvision_make_grid()
    {
        var images = Enumerable.Range(1, 5).Select(i => Solid((byte)(i * 40))).ToList();
        // 5 images, grid_rows 2 → int(5/2) = 2 per row → 3 rows.
        var grid = ImageGrid.ForBatch(images, gridRows: 2);
        Assert.Equal((2 * (3 + 2) + 2, 3 * (2 + 2) + 2, 3), (grid.Width, grid.Height, grid.Channels));
        byte At(int x, int y) => grid.Pixels[(y * grid.Width + x) * 3];
        Assert.Equal(0, At(0, 0));
        Assert.Equal(40, At(2, 2));
        Assert.Equal(40, At(4, 3));
        Assert.Equal(0, At(5, 2));
        Assert.Equal(80, At(7, 2));
        Assert.Equal(120, At(2, 6));
        Assert.Equal(200, At(2, 10));
        Assert.Equal(0, At(7, 10)); // the empty sixth cell stays padding
    }

    [Fact]
    public void A_single_image_comes_back_unpadded_and_gray_becomes_rgb()
    {
        var one = Solid(9);
        Assert.Same(one, ImageGrid.Make([one], nrow: 4));
        var gray = new ImageBuffer<byte>(1, 1, 1, [77]);
        var grid = ImageGrid.Make([gray, gray], nrow: 2, padding: 1, padValue: 255);
        Assert.Equal((5, 3, 3), (grid.Width, grid.Height, grid.Channels));
        Assert.Equal(new byte[] { 255, 255, 255, 77, 77, 77 }, grid.Row(1)[..6].ToArray());
    }

    [Fact]
    public void Fewer_images_than_grid_rows_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ImageGrid.ForBatch([Solid(1)], gridRows: 2));
        Assert.Contains("grid_rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_sizes_and_empty_lists_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ImageGrid.Make([Solid(1), Solid(1, w: 4)], nrow: 2));
        Assert.Throws<ArgumentException>(() => ImageGrid.Make([], nrow: 2));
    }
}
