using Xunit;
using Deforum.Media;

namespace Deforum.Tests.Media;

public class AtomicFileTests
{
    [Fact]
    public void Writes_and_replaces_a_file_leaving_no_temporaries()
    {
        using var dir = new TempFolder();
        string path = dir.File("sub/settings.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second ü");
        Assert.Equal("second ü", File.ReadAllText(path));
        Assert.Equal(["sub", Path.Combine("sub", "settings.txt")], dir.Entries());
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]); // no byte-order mark
    }

    [Fact]
    public void A_failing_writer_keeps_the_old_file_and_leaves_nothing_else()
    {
        using var dir = new TempFolder();
        string path = dir.File("frame.png");
        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            throw new InvalidOperationException("render crashed");
        }));
        Assert.Equal("render crashed", e.Message);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(["frame.png"], dir.Entries());
    }

    [Fact]
    public void A_full_disk_names_the_file_and_the_fix_and_leaves_no_half_written_frame()
    {
        using var dir = new TempFolder();
        string path = dir.File("frame.png");
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            throw new IOException("No space left on device");
        }));
        Assert.Contains($"cannot write '{path}': No space left on device", e.Message, StringComparison.Ordinal);
        Assert.Contains("free space on that disk or choose another output folder", e.Message, StringComparison.Ordinal);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void An_unwritable_folder_names_the_folder_and_the_fix()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("blocker"), "a file where a folder should be");
        string path = dir.File("blocker/out/frame.png");
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Contains(Path.Combine(dir.Path, "blocker", "out"), e.Message, StringComparison.Ordinal);
        Assert.Contains("writable output folder", e.Message, StringComparison.Ordinal);
        Assert.Equal(["blocker"], dir.Entries());
    }
}
