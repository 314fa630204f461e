using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Deforum.Interactive.LiveView;

/// <summary>
/// One HTML output of a cell that can be replaced from any thread while the cell runs. The kernel's own
/// DisplayedValue.Update finds its cell through an async-local context, so an update made on an engine or thread-pool
/// thread is lost; this keeps the cell's context and publishes the update to it directly, one at a time.
/// </summary>
sealed class KernelDisplay
{
    readonly KernelInvocationContext _context;
    readonly string _displayId;
    readonly Lock _lock = new();

    KernelDisplay(KernelInvocationContext context, string displayId) => (_context, _displayId) = (context, displayId);

    /// <summary>Shows <paramref name="html"/> in the cell now running; null outside a kernel (a plain program).</summary>
    public static KernelDisplay? Show(string html)
    {
        if (KernelInvocationContext.Current is not { } context) return null;
        var shown = context.Display(html.ToHtmlContent(), HtmlFormatter.MimeType);
        return new KernelDisplay(context, shown.DisplayId);
    }

    /// <summary>The number of updates published, for the cell's record of how live it was.</summary>
    public int Updates { get; private set; }

    public void Update(string html)
    {
        lock (_lock)
        {
            if (_context.IsComplete) return;
            _context.Publish(new DisplayedValueUpdated(html.ToHtmlContent(), _displayId, _context.Command,
                [new FormattedValue(HtmlFormatter.MimeType, html)]));
            Updates++;
        }
    }
}
