using System.Text.Json;
using System.Text.Json.Nodes;
using Deforum.Schedules;

namespace Deforum.Interactive.Charts;

/// <summary>
/// Keyframed schedules as one plotly.js figure: a row per schedule over the frames, keyframes marked. The figure is
/// plotly.js JSON drawn by the page; Plotly.NET is not used because its only served version (6.0.0) needs FSharp.Core
/// 10.1, and the .NET Interactive kernel (1.0.712001) runs on FSharp.Core 10.0, so every chart call fails to load there.
/// </summary>
public sealed class ScheduleChart
{
    const int RowHeight = 150;
    /// <summary>plotly.js is loaded from its CDN by the page that shows the figure (as Plotly.NET's own notebook output does).</summary>
    public const string PlotlyJs = "https://cdn.plot.ly/plotly-2.35.2.min.js";

    public ScheduleChart(IReadOnlyList<ScheduleSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series = series;
    }

    public IReadOnlyList<ScheduleSeries> Series { get; }

    /// <summary>The plotly.js figure: {"data": [...], "layout": {...}}.</summary>
    public JsonObject ToFigure()
    {
        var data = new JsonArray();
        var layout = new JsonObject
        {
            ["height"] = RowHeight * Series.Count + 60,
            ["margin"] = new JsonObject { ["t"] = 20, ["b"] = 40 },
            ["grid"] = new JsonObject { ["rows"] = Series.Count, ["columns"] = 1, ["pattern"] = "independent" },
            ["showlegend"] = false,
        };
        for (int i = 0; i < Series.Count; i++)
        {
            var s = Series[i];
            string axis = i == 0 ? "" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            data.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines", ["name"] = s.Setting, ["xaxis"] = "x" + axis, ["yaxis"] = "y" + axis,
                ["x"] = new JsonArray([.. Enumerable.Range(0, s.Values.Length).Select(f => (JsonNode)f)]),
                ["y"] = new JsonArray([.. s.Values.Select(v => (JsonNode)v)]),
            });
            data.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = $"{s.Setting} keyframes", ["xaxis"] = "x" + axis, ["yaxis"] = "y" + axis,
                ["x"] = new JsonArray([.. s.Keyframes.Select(f => (JsonNode)f)]),
                ["y"] = new JsonArray([.. s.Keyframes.Select(f => (JsonNode)s.Values[f])]),
                ["marker"] = new JsonObject { ["size"] = 8, ["symbol"] = "diamond" },
            });
            string title = s.Curve == KeyframeCurve.Linear ? s.Setting : $"{s.Setting} ({s.Curve.ToString().ToLowerInvariant()})";
            layout["yaxis" + axis] = new JsonObject { ["title"] = new JsonObject { ["text"] = title, ["font"] = new JsonObject { ["size"] = 11 } } };
        }
        return new JsonObject { ["data"] = data, ["layout"] = layout };
    }

    /// <summary>A div and the script that draws the figure in it, through require.js where the page has it (classic Jupyter).</summary>
    public string ToHtml()
    {
        if (Series.Count == 0) return "<div>no keyframed schedules in this animation mode</div>";
        var id = "deforum-schedules-" + Guid.NewGuid().ToString("N");
        var figure = ToFigure().ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        return $$"""
            <div id="{{id}}" class="deforum-schedules"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              var draw = function (P) { P.newPlot("{{id}}", figure.data, figure.layout, { responsive: true }); };
              if (window.Plotly) { draw(window.Plotly); return; }
              if (typeof require === "function" && require.config) { require(["{{PlotlyJs}}"], draw); return; }
              var script = document.createElement("script");
              script.src = "{{PlotlyJs}}";
              script.onload = function () { draw(window.Plotly); };
              document.head.appendChild(script);
            })();
            </script>
            """;
    }
}
