using System.Text;
using Deforum.Planning;
using Deforum.Rendering;

namespace Deforum.Interactive.Html;

/// <summary>A render plan as the notebook shows it: a one-line summary and the frame-by-frame table (folded when long).</summary>
public static class PlanHtml
{
    /// <summary>Plans longer than this open folded, so a 1000-frame plan does not push the next cell off screen.</summary>
    const int UnfoldedRows = 40;

    public static string Summary(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int generations = plan.Generations.Count(), saved = plan.SavedFrames.Count();
        int steps = plan.Frames.Sum(f => f.Steps ?? 0);
        return $"<b>{HtmlText.Escape(plan.Mode)}</b> plan, timestring <code>{HtmlText.Escape(plan.Timestring)}</code>: " +
               $"{plan.Frames.Count} entries, {generations} generations ({steps} sampler steps), {saved} images saved";
    }

    public static string Table(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var html = new StringBuilder();
        html.Append(plan.Frames.Count > UnfoldedRows ? "<details><summary>frame-by-frame plan</summary>" : "<details open><summary>frame-by-frame plan</summary>");
        html.Append("<table style=\"font-family:monospace;font-size:12px;border-collapse:collapse\"><thead><tr>");
        foreach (var column in RenderPlanTable.Columns)
            html.Append("<th style=\"text-align:left;padding:0 6px\">").Append(HtmlText.Escape(column)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var frame in plan.Frames)
        {
            html.Append("<tr>");
            foreach (var cell in RenderPlanTable.Row(frame))
                html.Append("<td style=\"padding:0 6px\">").Append(HtmlText.Escape(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        foreach (var grid in plan.Grids) html.Append("<div>grid: ").Append(HtmlText.Escape(grid)).Append("</div>");
        if (RenderPlanTable.StereoLine(plan) is { } stereo) html.Append("<div>").Append(HtmlText.Escape(stereo)).Append("</div>");
        return html.Append("</details>").ToString();
    }

    /// <summary>What PlanAsync shows before anything renders: where the run goes, the schedules, the table.</summary>
    public static string Planned(PlannedRun planned, string? schedulesHtml)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var html = new StringBuilder($"<div style=\"{HtmlText.CardStyle}\">");
        html.Append("<div>").Append(Summary(planned.Plan)).Append("</div>");
        html.Append("<div>into <code>").Append(HtmlText.Escape(planned.Outdir)).Append("</code></div>");
        foreach (var notice in planned.Run.Notices)
            html.Append("<div style=\"color:#b60\">note: <b>").Append(HtmlText.Escape(notice.Setting)).Append("</b> ")
                .Append(HtmlText.Escape(notice.Message)).Append("</div>");
        if (schedulesHtml is not null) html.Append(schedulesHtml);
        html.Append(Table(planned.Plan));
        return html.Append("</div>").ToString();
    }
}
