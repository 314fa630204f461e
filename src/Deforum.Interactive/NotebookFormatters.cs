using Deforum.Interactive.Charts;
using Deforum.Interactive.Html;
using Deforum.Models;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Schedules.Paths;
using Deforum.Settings;
using Deforum.Torch;
using Microsoft.DotNet.Interactive.Formatting;

namespace Deforum.Interactive;

/// <summary>HTML formatters for every value a Deforum cell returns or displays.</summary>
public static class NotebookFormatters
{
    static int _registered;

    /// <summary>Registers the formatters once per process (the kernel extension and the headless runner both call it).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        Html<BuildInfo>(Cards.Build);
        Html<StableDiffusion>(Cards.Model);
        Html<RunResult>(Cards.Result);
        Html<SettingsException>(Cards.Problems);
        Html<RenderPlan>(plan => $"<div>{PlanHtml.Summary(plan)}</div>{PlanHtml.Table(plan)}");
        Html<PlannedRun>(planned => PlanHtml.Planned(planned, null));
        Html<PlanView>(view => PlanHtml.Planned(view.Planned, view.Schedules.ToHtml()));
        Html<ScheduleChart>(chart => chart.ToHtml());
        Html<PathSchedules>(path => $"<pre>{HtmlText.Escape(path.ToJsonLines())}</pre>");
        Html<FrameImage>(MediaHtml.Image);
        Html<VideoFile>(MediaHtml.Video);
        Formatter.Register<Tensor>((tensor, writer) => writer.Write(MediaHtml.Tensor(tensor) ?? HtmlText.Escape(tensor.ToString())), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Tensor), HtmlFormatter.MimeType);
    }

    static void Html<T>(Func<T, string> format)
    {
        Formatter.Register<T>((value, writer) => writer.Write(format(value)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType);
    }
}
