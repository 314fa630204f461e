using Xunit;

namespace Deforum.Testing;

/// <summary>
/// Data-driven access to golden cases for [SkippableTheory] tests. Missing data fails under CI=true and
/// skips with a message otherwise; case ids always come from the manifest, never from test code.
/// </summary>
public static class Golden
{
    /// <summary>Placeholder row yielded when a manifest is absent, so the theory still runs once and can skip or fail.</summary>
    public const string Missing = "<golden data missing>";

    /// <summary>The main golden set's cases of a kind, then the committed regression cases of that kind.</summary>
    public static IEnumerable<object[]> Cases(string kind) =>
        CasesIn(RepoPaths.GoldenDir, kind).Concat(RegressionCases(RepoPaths.Img2ImgRegressionDir, kind));

    /// <summary>The image golden set's cases of a group, then the committed regression cases of that group.</summary>
    public static IEnumerable<object[]> ImageCases(string group) =>
        CasesIn(RepoPaths.GoldenImageDir, group).Concat(RegressionCases(RepoPaths.ImageRegressionDir, group));

    // Committed with the repository, so a missing folder is a broken checkout: loading it throws, in and out of CI.
    static IEnumerable<object[]> RegressionCases(string dir, string kind) =>
        GoldenManifest.Load(dir).Cases.Where(c => c.Kind == kind).Select(c => new object[] { c.Id });

    static GoldenCase? RegressionCase(string dir, string id) => GoldenManifest.Load(dir).Cases.SingleOrDefault(c => c.Id == id);

    public static IEnumerable<object[]> DepthCases(string group) => CasesIn(RepoPaths.GoldenDepthDir, group);

    public static IEnumerable<object[]> PerlinCases(string group) => CasesIn(RepoPaths.GoldenPerlinDir, group);

    /// <summary>Case ids of one group of the committed interpolation set (cubic schedules, slerp blends).</summary>
    public static IEnumerable<object[]> InterpolationCases(string group) => CasesIn(RepoPaths.InterpolationCaseDir, group);

    public static GoldenCase InterpolationCase(string id) => CaseIn(RepoPaths.InterpolationCaseDir, id);

    /// <summary>Whether the committed interpolation set has a case with this id.</summary>
    public static bool IsInterpolationCase(string id) =>
        GoldenManifest.Exists(RepoPaths.InterpolationCaseDir) && GoldenManifest.Load(RepoPaths.InterpolationCaseDir).Cases.Any(c => c.Id == id);

    /// <summary>Case ids of one group of the Depth-Anything-V2 set (DEFORUM_GOLDEN_DEPTH_ANYTHING_DIR).</summary>
    public static IEnumerable<object[]> DepthAnythingCases(string group) => CasesIn(RepoPaths.GoldenDepthAnythingDir, group);

    static List<object[]> CasesIn(string dir, string kind)
    {
        if (!GoldenManifest.Exists(dir))
            return [[Missing]];
        var ids = GoldenManifest.Load(dir).Cases.Where(c => c.Kind == kind).Select(c => new object[] { c.Id }).ToList();
        return ids.Count > 0 ? ids : [[Missing]];
    }

    /// <summary>The case with this id from the main manifest or its committed regression cases; skips (or fails under CI) when the data is missing.</summary>
    public static GoldenCase Case(string id) => RegressionCase(RepoPaths.Img2ImgRegressionDir, id) ?? CaseIn(RepoPaths.GoldenDir, id);

    public static GoldenCase ImageCase(string id) => RegressionCase(RepoPaths.ImageRegressionDir, id) ?? CaseIn(RepoPaths.GoldenImageDir, id);

    public static GoldenCase DepthCase(string id) => CaseIn(RepoPaths.GoldenDepthDir, id);

    public static GoldenCase PerlinCase(string id) => CaseIn(RepoPaths.GoldenPerlinDir, id);

    public static GoldenManifest DepthManifest() => RequireManifest(RepoPaths.GoldenDepthDir);

    public static GoldenCase DepthAnythingCase(string id) => CaseIn(RepoPaths.GoldenDepthAnythingDir, id);

    public static GoldenManifest DepthAnythingManifest() => RequireManifest(RepoPaths.GoldenDepthAnythingDir);

    /// <summary>
    /// The file of the tiny network the depth set's DepthModel.predict cases name under <paramref name="role"/>
    /// (midas_model, adabins_model): what renders stand in for the released depth files with.
    /// </summary>
    public static string DepthSetModelFile(string role)
    {
        var manifest = DepthManifest();
        var id = manifest.Cases.First(c => c.Kind == "depth_model").Params.GetProperty(role).GetString();
        var model = manifest.Root.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        var file = Path.Combine(RepoPaths.GoldenDepthDir, model.GetProperty("files").EnumerateObject().First().Value.GetProperty("file").GetString()!);
        RequireData(File.Exists(file), $"{file} missing");
        return file;
    }

    public static GoldenManifest Manifest() => RequireManifest(RepoPaths.GoldenDir);

    public static GoldenManifest ImageManifest() => RequireManifest(RepoPaths.GoldenImageDir);

    static GoldenCase CaseIn(string dir, string id)
    {
        var m = RequireManifest(dir);
        if (id == Missing)
            RequireData(false, $"no cases of this kind in {dir}/manifest.json");
        return m.Cases.Single(c => c.Id == id);
    }

    static GoldenManifest RequireManifest(string dir)
    {
        RequireData(GoldenManifest.Exists(dir),
            $"golden data not found at {dir} (set DEFORUM_GOLDEN_DIR / DEFORUM_GOLDEN_IMAGE_DIR / DEFORUM_GOLDEN_DEPTH_DIR / DEFORUM_GOLDEN_DEPTH_ANYTHING_DIR / DEFORUM_GOLDEN_PERLIN_DIR)");
        return GoldenManifest.Load(dir);
    }

    /// <summary>Fails under CI=true, skips otherwise, when golden data is unavailable.</summary>
    public static void RequireData(bool present, string message)
    {
        if (present) return;
        if (RepoPaths.IsCI) Assert.Fail(message + " — golden data is required under CI");
        Skip.If(true, message);
    }

    /// <summary>Asserts |got - ref| &lt;= atol + rtol*|ref| elementwise (and the mean bound when given), naming the worst element.</summary>
    public static void AssertClose(ReadOnlySpan<float> got, ReadOnlySpan<float> expected, Tolerance tol, string what)
    {
        Assert.True(got.Length == expected.Length, $"{what}: length {got.Length} != expected {expected.Length}");
        double worstExcess = double.NegativeInfinity, sumAbs = 0, maxAbs = 0;
        int worst = -1;
        for (int i = 0; i < got.Length; i++)
        {
            double g = got[i], r = expected[i];
            double diff = Math.Abs(g - r);
            if (double.IsNaN(g) != double.IsNaN(r)) diff = double.PositiveInfinity;
            else if (double.IsNaN(g)) diff = 0;
            sumAbs += diff;
            maxAbs = Math.Max(maxAbs, diff);
            double excess = diff - (tol.Atol + tol.Rtol * Math.Abs(r));
            if (excess > worstExcess) { worstExcess = excess; worst = i; }
        }
        ParityReport.Record(what, maxAbs, tol);
        if (worst >= 0 && worstExcess > 0)
            Assert.Fail($"{what}: element {worst} got {got[worst]} expected {expected[worst]} " +
                        $"(|diff| {Math.Abs(got[worst] - expected[worst]):G6} > atol {tol.Atol} + rtol {tol.Rtol}*|ref|)");
        if (tol.MeanAbs is { } meanBound && got.Length > 0)
            Assert.True(sumAbs / got.Length <= meanBound, $"{what}: mean |diff| {sumAbs / got.Length:G6} > {meanBound}");
    }
}
