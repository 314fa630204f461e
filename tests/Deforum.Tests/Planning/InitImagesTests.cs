using Deforum.Planning;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Planning;

public class InitImagesTests
{
    [Fact]
    public void Url_and_file_are_single_inits_and_a_folder_lists_its_images_in_name_order()
    {
        Assert.Equal(["https://x/y.png"], InitImages.Resolve("https://x/y.png"));
        var dir = Directory.CreateTempSubdirectory("deforum_inits_").FullName;
        try
        {
            foreach (var name in new[] { "b.jpg", "a.png", "c.jpeg", "d.PNG", "notes.txt" })
                File.WriteAllBytes(Path.Combine(dir, name), []);
            Assert.Equal(["a.png", "b.jpg", "c.jpeg"], InitImages.Resolve(dir).Select(Path.GetFileName));
            var file = Path.Combine(dir, "a.png");
            Assert.Equal([file], InitImages.Resolve(file));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("", "turn use_init off")]
    [InlineData("/no/such/folder", "check the path")]
    public void Bad_paths_name_the_setting_and_fix(string path, string fix)
    {
        var e = Assert.Throws<SettingsException>(() => InitImages.Resolve(path));
        Assert.Equal("init_image", e.Problems[0].Setting);
        Assert.Contains(fix, e.Problems[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_images_is_reported()
    {
        var dir = Directory.CreateTempSubdirectory("deforum_inits_").FullName;
        try
        {
            var e = Assert.Throws<SettingsException>(() => InitImages.Resolve(dir));
            Assert.Contains("case-sensitive", e.Problems[0].Fix, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
