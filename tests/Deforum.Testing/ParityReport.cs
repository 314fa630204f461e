using System.Globalization;

namespace Deforum.Testing;

/// <summary>
/// With DEFORUM_PARITY_REPORT set to a file path, every parity comparison appends one tab-separated line: what was
/// compared, the |got − expected| of its worst element (the one closest to failing) and the tolerance. A sweep over
/// generated cases (tools/reference/image) sums it up per group; unset, nothing is written.
/// </summary>
public static class ParityReport
{
    static readonly object Gate = new();

    public static void Record(string what, double worstAbsDiff, Tolerance tolerance)
    {
        if (Environment.GetEnvironmentVariable("DEFORUM_PARITY_REPORT") is not { Length: > 0 } path) return;
        var line = string.Create(CultureInfo.InvariantCulture, $"{what}\t{worstAbsDiff:R}\t{tolerance.Atol:R}\t{tolerance.Rtol:R}\n");
        lock (Gate) File.AppendAllText(path, line);
    }
}
