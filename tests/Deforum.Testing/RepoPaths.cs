namespace Deforum.Testing;

/// <summary>Locations tests need: the repository root and the golden data folders.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>DEFORUM_GOLDEN_DIR, default ../shared/golden relative to the repository root.</summary>
    public static string GoldenDir =>
        Environment.GetEnvironmentVariable("DEFORUM_GOLDEN_DIR") is { Length: > 0 } d
            ? Path.GetFullPath(d)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "golden"));

    /// <summary>DEFORUM_GOLDEN_IMAGE_DIR, default &lt;golden dir&gt;/image.</summary>
    public static string GoldenImageDir =>
        Environment.GetEnvironmentVariable("DEFORUM_GOLDEN_IMAGE_DIR") is { Length: > 0 } d
            ? Path.GetFullPath(d)
            : Path.Combine(GoldenDir, "image");

    /// <summary>DEFORUM_GOLDEN_DEPTH_DIR (MiDaS and AdaBins cases), default tests/golden/depth in the repository.</summary>
    public static string GoldenDepthDir =>
        Environment.GetEnvironmentVariable("DEFORUM_GOLDEN_DEPTH_DIR") is { Length: > 0 } d
            ? Path.GetFullPath(d)
            : Path.Combine(Root, "tests", "golden", "depth");

    /// <summary>
    /// DEFORUM_GOLDEN_PERLIN_DIR (the extension's Perlin frame noise, Disco's Perlin init), default tests/golden/perlin
    /// in the repository, made by tools/reference/perlin/make_perlin_cases.py.
    /// </summary>
    public static string GoldenPerlinDir =>
        Environment.GetEnvironmentVariable("DEFORUM_GOLDEN_PERLIN_DIR") is { Length: > 0 } d
            ? Path.GetFullPath(d)
            : Path.Combine(Root, "tests", "golden", "perlin");

    /// <summary>DEFORUM_GOLDEN_DEPTH_ANYTHING_DIR, default &lt;golden dir&gt;/depth-anything.</summary>
    public static string GoldenDepthAnythingDir =>
        Environment.GetEnvironmentVariable("DEFORUM_GOLDEN_DEPTH_ANYTHING_DIR") is { Length: > 0 } d
            ? Path.GetFullPath(d)
            : Path.Combine(GoldenDir, "depth-anything");

    /// <summary>
    /// Committed image cases in the golden format that reproduce past parity failures (issue 12), made by
    /// tools/reference/image/make_image_cases.py --preset regressions; enumerated with the golden image cases.
    /// </summary>
    public static string ImageRegressionDir => Path.Combine(Root, "tests", "golden", "image-regressions");

    /// <summary>
    /// Committed cases in the main golden format that reproduce past parity failures (issue 12): img2img runs of the
    /// original code with other prompts, seeds and sizes, made by tools/reference/img2img/make_img2img_cases.py;
    /// enumerated with the main set's cases of their kind.
    /// </summary>
    public static string Img2ImgRegressionDir => Path.Combine(Root, "tests", "golden", "img2img-regressions");

    /// <summary>
    /// Committed cases of issue 15's cubic keyframes (scipy's natural spline) and slerp blends (0.7.1's interpolate),
    /// made by tools/reference/interpolation/make_cases.py.
    /// </summary>
    public static string InterpolationCaseDir => Path.Combine(Root, "tests", "golden", "interpolation");

    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    // From the test assembly's folder, not the host's: a console runner (the GPU machine has no SDK for `dotnet test`)
    // runs from its own folder.
    static string FindRoot()
    {
        var start = Path.GetDirectoryName(typeof(RepoPaths).Assembly.Location) ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Deforum.Interactive.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"repository root (Deforum.Interactive.sln) not found above {start}");
    }
}
