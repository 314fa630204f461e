namespace Deforum.Media.Ffmpeg;

/// <summary>
/// Keeps the first lines of ffmpeg's stderr (stream descriptions live there) and the last lines (the error
/// lives there) while the rest streams past, so a long run never grows memory.
/// </summary>
internal sealed class StderrLog
{
    const int HeadLines = 200, TailLines = 25;
    readonly List<string> _head = [];
    readonly Queue<string> _tail = new();
    readonly Lock _gate = new();

    public void Add(string line)
    {
        if (line.Length == 0) return;
        lock (_gate)
        {
            if (_head.Count < HeadLines) _head.Add(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    public IReadOnlyList<string> Head
    {
        get
        {
            lock (_gate) return [.. _head];
        }
    }

    public IReadOnlyList<string> Tail
    {
        get
        {
            lock (_gate) return [.. _tail];
        }
    }
}
