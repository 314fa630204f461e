using System.Globalization;
using System.Text;
using Deforum.Sampling;

namespace Deforum.Planning;

/// <summary>A render plan as a table, one row per entry: the cells (shared by the text table and the notebook's HTML one) and the aligned text.</summary>
public static class RenderPlanTable
{
    static readonly string[] Header =
        ["frame", "kind", "seed", "strength", "steps", "noise", "contrast", "color", "angle", "zoom", "tx", "ty", "tz", "rx", "ry", "rz", "blend", "prompt", "file"];

    public static IReadOnlyList<string> Columns => Header;

    public static string Format(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rows = new List<string[]> { Header };
        rows.AddRange(plan.Frames.Select(Row));
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{plan.Mode} plan, timestring {plan.Timestring}, {plan.Frames.Count} entries").AppendLine();
        foreach (var row in rows)
            text.AppendJoin(" | ", row.Select((cell, c) => cell.PadRight(widths[c]))).AppendLine();
        foreach (var grid in plan.Grids)
            text.Append("grid: ").AppendLine(grid);
        if (StereoLine(plan) is { } stereo) text.AppendLine(stereo);
        return text.ToString();
    }

    /// <summary>vr_mode's eyes and how many side-by-side frames the plan writes; null without vr_mode.</summary>
    public static string? StereoLine(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var views = plan.Frames.Where(f => f.Stereo is not null).Select(f => f.Stereo!).ToList();
        if (views.Count == 0) return null;
        var (l, r) = (views[0].Left, views[0].Right);
        return $"stereo: {views.Count} side-by-side frames (left | right eye) such as {views[0].FileName}; " +
               $"left eye tx {N(l.TranslationX)} ry {N(l.RotationY)}, right eye tx {N(r.TranslationX)} ry {N(r.RotationY)}";
    }
    const int PromptWidth = 48;

    static string Cut(string text, int width) => text.Length > width ? text[..(width - 3)] + "..." : text;

    static string Method(ConditioningBlendMethod method) => method == ConditioningBlendMethod.Linear ? "" : " " + method.ToString().ToLowerInvariant();

    static string N(double? v) => v is { } x ? x.ToString("0.####", CultureInfo.InvariantCulture) : "";

    /// <summary>The noise added to the init, and its kind when it is not the notebook's Gaussian; a Perlin init is noise too.</summary>
    static string Noise(PlannedFrame f) =>
        f.PerlinInit is { } mode ? $"perlin init ({mode.ToString().ToLowerInvariant()})"
        : f.PerlinNoise is not null ? $"{N(f.Noise)} perlin"
        : N(f.Noise);

    /// <summary>The cells of one entry, in <see cref="Columns"/> order.</summary>
    public static string[] Row(PlannedFrame f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var m = f.Motion;
        string blend = f.Blend is { } b ? $"{(b.PreviousDiffused is { } p ? p.ToString(CultureInfo.InvariantCulture) : "-")}→{b.NextDiffused} w={N(b.Weight)}"
            : f.PromptBlend is { } pb ? $"p{pb.FromPrompt}→p{pb.ToPrompt} w={N(pb.Weight)}{Method(pb.Method)}"
            : f.PromptWindow is { } pw ? $"p@{pw.FromFrame}→p@{pw.ToFrame} w={N(pw.Weight)}{Method(pw.Method)}" : "";
        string prompt = f.PromptWindow is { } window
            ? $"{Cut(f.Prompt?.ToString() ?? "", PromptWidth / 2)} → {Cut(window.Target.ToString(), PromptWidth / 2)}"
            : Cut(f.Prompt?.ToString() ?? "", PromptWidth);
        return
        [
            f.Index.ToString(CultureInfo.InvariantCulture), f.Kind.ToString(), f.Seed?.ToString(CultureInfo.InvariantCulture) ?? "",
            N(f.Strength), f.Steps?.ToString(CultureInfo.InvariantCulture) ?? "", Noise(f), N(f.Contrast),
            f.Color == ColorReferenceRule.None ? "" : f.Color.ToString(),
            N(m?.Angle), N(m?.Zoom), N(m?.TranslationX), N(m?.TranslationY), N(m?.TranslationZ),
            N(m?.Rotation3DX), N(m?.Rotation3DY), N(m?.Rotation3DZ), blend, prompt, f.FileName ?? "",
        ];
    }
}
