namespace Deforum.Settings;

/// <summary>
/// The values of depth_algorithm: the Automatic1111 Deforum extension line's names (and Depth Anything V2 from its
/// Forge fork, Tok/sd-forge-deforum), of which this engine renders the notebook's MiDaS+AdaBins and Depth-Anything-V2.
/// Notebook settings files have no depth_algorithm: they get <see cref="Default"/>, the 0.4 depth.
/// </summary>
public static class DepthAlgorithms
{
    /// <summary>The notebook's DepthModel.predict: MiDaS DPT-Large blended with AdaBins by midas_weight.</summary>
    public const string MidasAdaBins = "Midas+AdaBins (old)";
    public const string ZoeAdaBins = "Zoe+AdaBins (old)";
    public const string Midas3Hybrid = "Midas-3-Hybrid";
    public const string Midas31BeitLarge = "Midas-3.1-BeitLarge";
    public const string AdaBins = "AdaBins";
    public const string Zoe = "Zoe";
    public const string Leres = "Leres";
    public const string DepthAnythingV2Small = "Depth-Anything-V2-Small";
    /// <summary>Base and Large are this engine's additions: the Forge fork loads Small for any Depth-Anything name.</summary>
    public const string DepthAnythingV2Base = "Depth-Anything-V2-Base";
    public const string DepthAnythingV2Large = "Depth-Anything-V2-Large";

    public const string Default = MidasAdaBins;

    /// <summary>The values this engine renders.</summary>
    public static readonly IReadOnlyList<string> Supported = [MidasAdaBins, DepthAnythingV2Small, DepthAnythingV2Base, DepthAnythingV2Large];

    /// <summary>The extension line's values this engine does not render, with what they are.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotSupported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ZoeAdaBins] = "ZoeDepth blended with AdaBins",
        [Midas3Hybrid] = "the extension's MiDaS path with its equalised depth mapping",
        [Midas31BeitLarge] = "MiDaS 3.1 BEiT-Large",
        [AdaBins] = "AdaBins alone",
        [Zoe] = "ZoeDepth",
        [Leres] = "LeReS",
    };

    /// <summary>
    /// Whether the 3D warp is the notebook's (transform_image_3d, with its sample offset) rather than the Forge fork's
    /// transform_image_3d_new, which every non-"(old)" algorithm uses even with use_depth_warping off.
    /// </summary>
    public static bool UsesNotebookWarp(string value) => value is MidasAdaBins or ZoeAdaBins;

    public static bool IsDepthAnything(string value) =>
        value is DepthAnythingV2Small or DepthAnythingV2Base or DepthAnythingV2Large;

    /// <summary>
    /// Unknown values are always a problem; a known value this engine lacks only when the run predicts depth
    /// (<paramref name="usesDepth"/>), so a 2D file from the extension is not turned away for a setting it never uses.
    /// </summary>
    internal static void Check(ProblemCollector problems, string value, bool usesDepth)
    {
        const string Setting = "depth_algorithm";
        var fix = $"set {Setting} to '{MidasAdaBins}' (the notebook's MiDaS + AdaBins, weighted by midas_weight) or '{DepthAnythingV2Small}'";
        if (NotSupported.TryGetValue(value, out var what))
        {
            if (usesDepth) problems.Add(Setting, null, value, $"'{value}' ({what}) is not in this engine", fix);
            return;
        }
        Rules.OneOf(problems, Setting, value, [.. Supported, .. NotSupported.Keys]);
    }
}
