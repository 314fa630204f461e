using Xunit;
using Deforum.Media;

namespace Deforum.Tests.Media;

public class ImageChannelsTests
{
    [Fact]
    public void Converts_like_pillow()
    {
        var rgba = new ImageBuffer<byte>(2, 1, 4, [255, 0, 0, 10, 12, 200, 90, 20]);
        Assert.Equal(new byte[] { 255, 0, 0, 12, 200, 90 }, ImageChannels.Convert(rgba, 3).Pixels);
        // Pillow: (19595 R + 38470 G + 7471 B + 32768) >> 16
        Assert.Equal(new byte[] { 76, 10, 131, 20 }, ImageChannels.Convert(rgba, 2).Pixels);
        var gray = new ImageBuffer<byte>(2, 1, 1, [7, 200]);
        Assert.Equal(new byte[] { 7, 7, 7, 255, 200, 200, 200, 255 }, ImageChannels.Convert(gray, 4).Pixels);
        Assert.Same(gray, ImageChannels.Convert(gray, 1));
    }

    [Fact]
    public void Rejects_impossible_channel_counts()
    {
        var gray = new ImageBuffer<byte>(1, 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageChannels.Convert(gray, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageChannels.Convert(gray, 0));
    }
}
