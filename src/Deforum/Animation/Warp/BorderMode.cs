namespace Deforum.Animation.Warp;

/// <summary>How the 2D warp fills pixels that come from outside the frame.</summary>
public enum BorderMode { Replicate, Wrap }

/// <summary>Parses the notebook's border names.</summary>
public static class BorderModes
{
    static readonly string[] Names = ["replicate", "wrap"];

    /// <summary>
    /// The original maps 'wrap' to BORDER_WRAP and any other string to BORDER_REPLICATE; we reject unknown names
    /// instead, so a typo in a settings file is reported rather than silently replicated.
    /// </summary>
    public static BorderMode Parse(string name) => name switch
    {
        "replicate" => BorderMode.Replicate,
        "wrap" => BorderMode.Wrap,
        _ => throw new ArgumentException($"unknown border '{name}'; valid: {string.Join(", ", Names)}", nameof(name)),
    };
}
