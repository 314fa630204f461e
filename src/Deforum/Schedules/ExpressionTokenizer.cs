using System.Globalization;
using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>Splits expression text into tokens; rejects any character the expression language does not use.</summary>
static class ExpressionTokenizer
{
    static readonly string[] Operators = ["**", "<=", ">=", "==", "!=", "+", "-", "*", "/", "%", "<", ">", "&", "|", "~"];

    public static List<ExpressionToken> Tokenize(string text, string setting, int offset)
    {
        var tokens = new List<ExpressionToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = ReadNumber(text, i, setting, offset, tokens);
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new ExpressionToken(TokenKind.Identifier, text[start..i], start));
                continue;
            }
            switch (c)
            {
                case '(': tokens.Add(new ExpressionToken(TokenKind.LeftParen, "(", i)); i++; continue;
                case ')': tokens.Add(new ExpressionToken(TokenKind.RightParen, ")", i)); i++; continue;
                case ',': tokens.Add(new ExpressionToken(TokenKind.Comma, ",", i)); i++; continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0);
            if (op is null)
                throw new SettingsException(new SettingProblem(setting, offset + i, c.ToString(),
                    $"'{c}' is not part of the expression language",
                    "use numbers, t, max_f, s, pi, e, + - * / ** %, comparisons and functions such as sin(...)"));
            tokens.Add(new ExpressionToken(TokenKind.Operator, op, i));
            i += op.Length;
        }
        tokens.Add(new ExpressionToken(TokenKind.End, "", text.Length));
        return tokens;
    }

    static int ReadNumber(string text, int start, string setting, int offset, List<ExpressionToken> tokens)
    {
        int i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
                i = j;
            }
        }
        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
            throw new SettingsException(new SettingProblem(setting, offset + start, text[start..(i + 1)],
                "a number runs straight into a name", "put an operator between them, e.g. 2*t instead of 2t"));
        var literal = text[start..i];
        tokens.Add(new ExpressionToken(TokenKind.Number, literal, start,
            double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture)));
        return i;
    }
}
