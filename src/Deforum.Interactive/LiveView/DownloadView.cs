using Deforum.Interactive.Html;
using Deforum.Models.Registry;

namespace Deforum.Interactive.LiveView;

/// <summary>The Model cell's download line (file, MiB of MiB), shown only once a download actually starts.</summary>
sealed class DownloadView : IProgress<DownloadProgress>
{
    /// <summary>A 4 GB checkpoint reports thousands of chunks; the cell is redrawn at most this often.</summary>
    static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(500);

    readonly Lock _lock = new();
    KernelDisplay? _display;
    DateTime _lastRedraw = DateTime.MinValue;

    DownloadView() { }

    /// <summary>A view inside a kernel cell, or null where there is no cell to draw in.</summary>
    public static DownloadView? Show() => Microsoft.DotNet.Interactive.KernelInvocationContext.Current is null ? null : new DownloadView();

    public void Report(DownloadProgress value)
    {
        lock (_lock)
        {
            var now = DateTime.UtcNow;
            bool done = value.TotalBytes is { } total && value.BytesReceived >= total;
            if (_display is not null && !done && now - _lastRedraw < RedrawInterval) return;
            _lastRedraw = now;
            var size = value.TotalBytes is { } t ? $"{value.BytesReceived >> 20} of {t >> 20} MiB" : $"{value.BytesReceived >> 20} MiB";
            var html = $"<div style=\"{HtmlText.CardStyle}\">downloading <code>{HtmlText.Escape(value.FileName)}</code>: {size}</div>";
            if (_display is null) _display = KernelDisplay.Show(html);
            else _display.Update(html);
        }
    }
}
