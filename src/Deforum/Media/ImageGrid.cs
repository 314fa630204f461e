namespace Deforum.Media;

/// <summary>The contact sheet the still-batch mode saves with <c>make_grid</c> (algorithms.md §20.4).</summary>
public static class ImageGrid
{
    /// <summary>
    /// Mirrors deforum-stable-diffusion's <c>make_grid(all_images, nrow=int(len(all_images)/args.grid_rows))</c>
    /// (helpers/render.py, render_image_batch): <c>grid_rows</c> sets images per row, not rows.
    /// </summary>
    public static int ImagesPerRow(int imageCount, int gridRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gridRows, 1);
        if (imageCount < gridRows)
            throw new ArgumentException(
                $"a grid of {imageCount} image(s) with grid_rows = {gridRows} would have 0 images per row " +
                "(the original fails with a division by zero here); lower grid_rows or make more images", nameof(imageCount));
        return imageCount / gridRows;
    }

    public static ImageBuffer<byte> ForBatch(IReadOnlyList<ImageBuffer<byte>> images, int gridRows)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Make(images, ImagesPerRow(images.Count, gridRows));
    }

    /// <summary>
    /// Mirrors torchvision.utils.make_grid (0.14): min(nrow, n) columns, ⌈n / columns⌉ rows, <paramref name="padding"/>
    /// pixels of <paramref name="padValue"/> around and between cells, one-channel images widened to RGB, and a
    /// single image returned unchanged (no padding).
    /// </summary>
    public static ImageBuffer<byte> Make(IReadOnlyList<ImageBuffer<byte>> images, int nrow, int padding = 2, byte padValue = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(nrow, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (images.Count == 0) throw new ArgumentException("a grid needs at least one image", nameof(images));
        var first = images[0];
        foreach (var image in images)
            if (image.Width != first.Width || image.Height != first.Height || image.Channels != first.Channels)
                throw new ArgumentException(
                    $"grid images must share one size: {image.Width}x{image.Height}x{image.Channels} differs from {first.Width}x{first.Height}x{first.Channels}",
                    nameof(images));
        var cells = first.Channels == 1 ? images.Select(i => ImageChannels.Convert(i, 3)).ToList() : images;
        if (cells.Count == 1) return cells[0];

        int columns = Math.Min(nrow, cells.Count), rows = (cells.Count + columns - 1) / columns;
        int c = cells[0].Channels, cellW = first.Width + padding, cellH = first.Height + padding;
        var grid = new ImageBuffer<byte>(cellW * columns + padding, cellH * rows + padding, c);
        grid.Pixels.AsSpan().Fill(padValue);
        for (int k = 0; k < cells.Count; k++)
        {
            int top = k / columns * cellH + padding, left = (k % columns * cellW + padding) * c;
            for (int y = 0; y < first.Height; y++)
                cells[k].Row(y).CopyTo(grid.Row(top + y)[left..]);
        }
        return grid;
    }
}
