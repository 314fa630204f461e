using Deforum.Settings;

namespace Deforum.Planning;

/// <summary>
/// Port of the init list of deforum-stable-diffusion render_image_batch (algorithms.md §18): a URL or an existing
/// file is the only init; otherwise init_image is a folder whose *.png, *.jpg, *.jpeg files (extension after the
/// last '.', case-sensitive) are used in name order.
/// </summary>
public static class InitImages
{
    static readonly string[] Extensions = ["png", "jpg", "jpeg"];

    /// <exception cref="SettingsException">An empty path, or a folder that does not exist or holds no images.</exception>
    public static IReadOnlyList<string> Resolve(string? initImage)
    {
        if (string.IsNullOrEmpty(initImage))
            throw new SettingsException(new SettingProblem("init_image", null, initImage ?? "null", "use_init is on but init_image is empty",
                "give an image URL, an image file or a folder of images, or turn use_init off"));
        if (initImage.StartsWith("http://", StringComparison.Ordinal) || initImage.StartsWith("https://", StringComparison.Ordinal)
            || File.Exists(initImage))
            return [initImage];
        if (!Directory.Exists(initImage))
            throw new SettingsException(new SettingProblem("init_image", null, initImage, "is neither a URL, a file nor a folder",
                "check the path; a folder must hold .png, .jpg or .jpeg images"));
        var images = Directory.EnumerateFiles(initImage)
            .Where(f => Extensions.Contains(f[(f.LastIndexOf('.') + 1)..], StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (images.Count == 0)
            throw new SettingsException(new SettingProblem("init_image", null, initImage, "the folder holds no .png, .jpg or .jpeg images",
                "put the init images in the folder (extensions are case-sensitive, as in the original)"));
        return images;
    }
}
