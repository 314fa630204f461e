using System.Globalization;
using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>
/// Reads <c>F:(V), F:(V), …</c>. Port of the entry syntax of deforum-stable-diffusion
/// helpers/animation.py::parse_key_frames, written as a scanner with balanced parentheses so that values may
/// nest calls (0.5+) and a stray space before a comma is harmless. Unlike the original, text between entries is
/// an error instead of being skipped, because a skipped entry is a silently lost keyframe.
/// </summary>
static class KeyframeParser
{
    const string EntryFix = "write entries as frame:(value) separated by commas, e.g. 0:(1.0), 30:(1.02)";

    /// <param name="textValues">Values are kept as text (sampler_schedule's quoted names) instead of numbers or expressions.</param>
    public static List<Keyframe> Parse(string text, string setting, bool textValues = false)
    {
        var problems = new ProblemCollector();
        var keys = new List<Keyframe>();
        int i = 0;
        while (true)
        {
            i = SkipSeparators(text, i);
            if (i >= text.Length) break;
            var entry = ParseEntry(text, setting, textValues, ref i, problems);
            if (entry is null)
            {
                i = SkipToNextEntry(text, i);
                continue;
            }
            if (keys.Exists(k => k.Frame == entry.Frame))
                problems.Add(setting, entry.Position, text[entry.Position..(entry.Position + entry.Text.Length)],
                    $"frame {entry.Frame} has two keyframes (the original silently keeps the last)",
                    $"keep only one value for frame {entry.Frame}");
            else
                keys.Add(entry);
        }
        if (keys.Count == 0 && !problems.HasProblems)
            problems.Add(setting, 0, text, "the schedule has no keyframes", "give at least one entry, e.g. 0:(1.0)");
        problems.ThrowIfAny();
        return keys;
    }

    static int SkipSeparators(string text, int i)
    {
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ',')) i++;
        return i;
    }

    static int SkipToNextEntry(string text, int i)
    {
        int depth = 0;
        for (; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth = Math.Max(0, depth - 1);
            else if (text[i] == ',' && depth == 0) return i;
        }
        return i;
    }

    static string Snippet(string text, int start)
    {
        int end = SkipToNextEntry(text, start);
        return end > start ? text[start..end].Trim() : text[start..];
    }

    static Keyframe? ParseEntry(string text, string setting, bool textValues, ref int i, ProblemCollector problems)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i == start)
        {
            problems.Add(setting, start, Snippet(text, start), "expected a frame number", EntryFix);
            return null;
        }
        if (!int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out int frame))
        {
            problems.Add(setting, start, text[start..i], "the frame number is too large", "use a frame number below 2147483647");
            return null;
        }
        i = SkipSpaces(text, i);
        if (i >= text.Length || text[i] != ':')
        {
            problems.Add(setting, start, Snippet(text, start), "a frame number must be followed by ':'", EntryFix);
            return null;
        }
        i = SkipSpaces(text, i + 1);
        if (i >= text.Length || text[i] != '(')
        {
            var bare = Snippet(text, i < text.Length ? i : start);
            problems.Add(setting, i, bare, "the value must be in parentheses", $"write {frame}:({bare})");
            return null;
        }
        int valueStart = i + 1, close = FindClosing(text, i);
        if (close < 0)
        {
            problems.Add(setting, i, text[i..], "the value's '(' is never closed", "add the missing ')'");
            i = text.Length;
            return null;
        }
        i = SkipSpaces(text, close + 1);
        if (i < text.Length && text[i] != ',')
        {
            problems.Add(setting, i, Snippet(text, i), "expected ',' after an entry", EntryFix);
            i = SkipToNextEntry(text, i);
        }
        return MakeKey(frame, text[valueStart..close], valueStart, setting, textValues, problems);
    }

    static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    static int FindClosing(string text, int open)
    {
        int depth = 0;
        for (int j = open; j < text.Length; j++)
        {
            if (text[j] == '(') depth++;
            else if (text[j] == ')' && --depth == 0) return j;
        }
        return -1;
    }

    static Keyframe? MakeKey(int frame, string value, int position, string setting, bool textValues, ProblemCollector problems)
    {
        if (textValues && !string.IsNullOrWhiteSpace(value))
            return new Keyframe(frame, value, position, null, null);
        if (PlainNumber.TryParse(value, out double number))
            return new Keyframe(frame, value, position, number, null);
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(setting, position, value, $"frame {frame} has an empty value", $"write a number, e.g. {frame}:(0)");
            return null;
        }
        if (PlainNumber.LooksLikeCommaDecimal(value))
        {
            problems.Add(setting, position, value, "',' is not a decimal separator",
                $"use '.' as the decimal separator: {frame}:({value.Trim().Replace(',', '.')})");
            return null;
        }
        var expression = problems.Try(() => MathExpression.Parse(value, setting, position));
        return expression is null ? null : new Keyframe(frame, value, position, null, expression);
    }
}
