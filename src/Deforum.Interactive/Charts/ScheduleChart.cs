using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Deforum.Interactive.Charts;

/// <summary>Keyframed schedules as one Plotly.NET figure: a row per schedule over the frames, keyframes marked.</summary>
public sealed class ScheduleChart
{
    const int RowHeight = 150;

    public ScheduleChart(IReadOnlyList<ScheduleSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series = series;
    }

    public IReadOnlyList<ScheduleSeries> Series { get; }

    public GenericChart ToPlotly()
    {
        var rows = Series.Select(s =>
        {
            var frames = Enumerable.Range(0, s.Values.Length).ToArray();
            var line = PlotlyChart.Line<int, double, string>(x: frames, y: s.Values, Name: s.Setting, ShowMarkers: false);
            var keys = PlotlyChart.Point<int, double, string>(x: s.Keyframes, y: s.Keyframes.Select(f => s.Values[f]),
                Name: $"{s.Setting} keyframes", ShowLegend: false,
                MultiText: s.Keyframes.Select(f => $"{s.Setting} {f}: {s.Values[f].ToString("0.####", CultureInfo.InvariantCulture)}").ToArray());
            return PlotlyChart.Combine([line, keys]);
        }).ToArray();
        return PlotlyChart.Grid(rows, rows.Length, 1).WithSize(Height: RowHeight * rows.Length + 60);
    }

    /// <summary>The figure as a div plus the script that draws it (plotly.js is loaded by the page, as Plotly.NET does).</summary>
    public string ToHtml() => Series.Count == 0
        ? "<div>no keyframed schedules in this animation mode</div>"
        : GenericChart.toChartHTML(ToPlotly());
}
