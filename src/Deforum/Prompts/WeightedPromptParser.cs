using System.Globalization;
using Deforum.Schedules;
using Deforum.Settings;

namespace Deforum.Prompts;

/// <summary>
/// Port of deforum-stable-diffusion (0.5) split_weighted_subprompts: "text:weight" pieces, scanned left to right;
/// "\:" is a literal colon; the weight is -?digits(.digits)? or backtick math of t; no weight means 1; weight 0
/// drops the piece; negative weights go to the unconditional side with their magnitude.
/// </summary>
public static class WeightedPromptParser
{
    /// <exception cref="SettingsException">A backtick weight that is not a valid expression.</exception>
    public static (List<WeightedPart> Positive, List<WeightedPart> Negative) Parse(string text, int frame, string setting)
    {
        var positive = new List<WeightedPart>();
        var negative = new List<WeightedPart>();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == ':') { i++; continue; }
            var piece = ReadText(text, ref i);
            double weight = 1;
            if (i < text.Length)
            {
                while (i < text.Length && text[i] == ':') i++;
                weight = ReadWeight(text, ref i, frame, setting) ?? 1;
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            }
            if (weight > 0) positive.Add(new WeightedPart(piece, weight));
            else if (weight < 0) negative.Add(new WeightedPart(piece, -weight));
        }
        return (positive, negative);
    }

    static string ReadText(string text, ref int i)
    {
        var piece = new System.Text.StringBuilder();
        while (i < text.Length && text[i] != ':')
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == ':')
            {
                piece.Append(':');
                i += 2;
                continue;
            }
            piece.Append(text[i++]);
        }
        return piece.ToString();
    }

    static double? ReadWeight(string text, ref int i, int frame, string setting)
    {
        if (i < text.Length && text[i] == '`')
        {
            int close = text.IndexOf('`', i + 1);
            if (close > i)
            {
                var inner = text[(i + 1)..close];
                int at = i + 1;
                i = close + 1;
                // The original warns and uses 1 for an empty backtick pair.
                return inner.Length == 0 ? 1 : MathExpression.Parse(inner, setting, at).Evaluate(new ScheduleVariables(frame, 0, 0));
            }
        }
        int start = i, j = i;
        if (j < text.Length && text[j] == '-') j++;
        int digits = j;
        while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
        if (j == digits) return null;
        if (j + 1 < text.Length && text[j] == '.' && char.IsAsciiDigit(text[j + 1]))
        {
            j++;
            while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
        }
        i = j;
        return double.Parse(text.AsSpan(start, j - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Each list divided by its own sum; a zero sum falls back to equal weights.</summary>
    public static List<WeightedPart> Normalize(List<WeightedPart> parts)
    {
        double sum = parts.Sum(p => p.Weight);
        return [.. parts.Select(p => p with { Weight = sum == 0 ? 1.0 / parts.Count : p.Weight / sum })];
    }
}
