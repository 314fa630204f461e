using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>
/// Recursive-descent parser turning tokens into an evaluation closure. Precedence follows Python, whose
/// grammar numexpr used: | &lt; &amp; &lt; ~ &lt; comparisons &lt; + - &lt; * / % &lt; unary - &lt; **.
/// Only the variables and functions listed here can be reached, so an expression can never run code.
/// </summary>
sealed class ExpressionParser
{
    const string SyntaxFix = "write a math expression such as 10*sin(2*pi*t/24), with balanced parentheses";

    // Parsing and the evaluation closures both recurse; bounding them keeps a hostile settings file from
    // overflowing the stack, far above anything a schedule needs.
    const int MaxDepth = 100;
    const int MaxTokens = 2000;
    int _depth;

    readonly List<ExpressionToken> _tokens;
    readonly string _text;
    readonly string _setting;
    readonly int _offset;
    int _next;

    ExpressionParser(string text, string setting, int offset)
    {
        _text = text;
        _setting = setting;
        _offset = offset;
        _tokens = ExpressionTokenizer.Tokenize(text, setting, offset);
    }

    public static Func<ScheduleVariables, double> Parse(string text, string setting, int offset)
    {
        var parser = new ExpressionParser(text, setting, offset);
        if (parser._tokens.Count > MaxTokens)
            throw parser.Error(parser._tokens[MaxTokens], $"the expression is longer than {MaxTokens} tokens",
                "split the motion into several keyframes or simplify the expression");
        if (parser.Peek.Kind == TokenKind.End)
            throw parser.Error(parser.Peek, "the expression is empty", "write a number or an expression");
        var result = parser.ParseOr();
        if (parser.Peek.Kind != TokenKind.End)
            throw parser.Error(parser.Peek, $"unexpected '{parser.Peek.Text}' after a complete expression",
                parser.Peek.Kind == TokenKind.Comma ? "use '.' as the decimal separator and ',' only between function arguments" : SyntaxFix);
        return result;
    }

    ExpressionToken Peek => _tokens[_next];

    ExpressionToken Take() => _tokens[_next++];

    bool TakeOperator(string op)
    {
        if (Peek.Kind != TokenKind.Operator || Peek.Text != op) return false;
        _next++;
        return true;
    }

    SettingsException Error(ExpressionToken at, string message, string fix)
    {
        var bad = at.Kind == TokenKind.End ? _text : at.Text;
        return new SettingsException(new SettingProblem(_setting, _offset + at.Position, bad, message, fix));
    }

    Func<ScheduleVariables, double> ParseOr()
    {
        var left = ParseAnd();
        while (TakeOperator("|"))
        {
            var (l, r) = (left, ParseAnd());
            left = v => l(v) != 0 || r(v) != 0 ? 1 : 0;
        }
        return left;
    }

    Func<ScheduleVariables, double> ParseAnd()
    {
        var left = ParseNot();
        while (TakeOperator("&"))
        {
            var (l, r) = (left, ParseNot());
            left = v => l(v) != 0 && r(v) != 0 ? 1 : 0;
        }
        return left;
    }

    Func<ScheduleVariables, double> ParseNot()
    {
        if (!TakeOperator("~")) return ParseComparison();
        if (++_depth > MaxDepth)
            throw Error(Peek, $"the expression nests deeper than {MaxDepth} levels", "remove redundant negations");
        var operand = ParseNot();
        _depth--;
        return v => operand(v) != 0 ? 0 : 1;
    }

    Func<ScheduleVariables, double> ParseComparison()
    {
        var left = ParseSum();
        if (Peek.Kind != TokenKind.Operator) return left;
        Func<double, double, bool>? compare = Peek.Text switch
        {
            "<" => (a, b) => a < b,
            "<=" => (a, b) => a <= b,
            ">" => (a, b) => a > b,
            ">=" => (a, b) => a >= b,
            "==" => (a, b) => a == b,
            "!=" => (a, b) => a != b,
            _ => null,
        };
        if (compare is null) return left;
        Take();
        var right = ParseSum();
        return v => compare(left(v), right(v)) ? 1 : 0;
    }

    Func<ScheduleVariables, double> ParseSum()
    {
        var left = ParseProduct();
        while (true)
        {
            var l = left;
            if (TakeOperator("+")) { var r = ParseProduct(); left = v => l(v) + r(v); }
            else if (TakeOperator("-")) { var r = ParseProduct(); left = v => l(v) - r(v); }
            else return left;
        }
    }

    Func<ScheduleVariables, double> ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            var l = left;
            if (TakeOperator("*")) { var r = ParseUnary(); left = v => l(v) * r(v); }
            else if (TakeOperator("/")) { var r = ParseUnary(); left = v => l(v) / r(v); }
            else if (TakeOperator("%")) { var r = ParseUnary(); left = v => FloorModulo(l(v), r(v)); }
            else return left;
        }
    }

    /// <summary>Python's float modulo: the result takes the sign of the divisor.</summary>
    static double FloorModulo(double a, double b)
    {
        var r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    Func<ScheduleVariables, double> ParseUnary()
    {
        if (++_depth > MaxDepth)
            throw Error(Peek, $"the expression nests deeper than {MaxDepth} levels", "remove redundant parentheses or signs");
        try
        {
            if (TakeOperator("-")) { var operand = ParseUnary(); return v => -operand(v); }
            if (TakeOperator("+")) return ParseUnary();
            return ParsePower();
        }
        finally
        {
            _depth--;
        }
    }

    Func<ScheduleVariables, double> ParsePower()
    {
        var baseValue = ParsePrimary();
        if (!TakeOperator("**")) return baseValue;
        var exponent = ParseUnary();
        return v => Math.Pow(baseValue(v), exponent(v));
    }

    Func<ScheduleVariables, double> ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number:
                var number = token.Number;
                return _ => number;
            case TokenKind.LeftParen:
                var inner = ParseOr();
                Expect(TokenKind.RightParen, "a '(' is never closed", "add the missing ')'", token);
                return inner;
            case TokenKind.Identifier:
                return Peek.Kind == TokenKind.LeftParen ? ParseCall(token) : ParseName(token);
            case TokenKind.End:
                throw Error(token, "the expression ends where a value is expected", "complete the expression after the last operator");
            default:
                throw Error(token, $"'{token.Text}' cannot start a value", SyntaxFix);
        }
    }

    Func<ScheduleVariables, double> ParseName(ExpressionToken token) => token.Text switch
    {
        "t" => v => v.T,
        "max_f" => v => v.MaxF,
        "s" => v => v.S,
        "pi" => _ => Math.PI,
        "e" => _ => Math.E,
        _ => throw Error(token, $"unknown name '{token.Text}'",
            ExpressionFunctions.All.ContainsKey(token.Text)
                ? $"call it with parentheses: {token.Text}(...)"
                : "the names available are t (frame), max_f (last frame), s (seed), pi and e"),
    };

    Func<ScheduleVariables, double> ParseCall(ExpressionToken name)
    {
        if (!ExpressionFunctions.All.TryGetValue(name.Text, out var function))
            throw Error(name, $"unknown function '{name.Text}'",
                "use one of " + string.Join(", ", ExpressionFunctions.All.Keys));
        var open = Take();
        var args = new List<Func<ScheduleVariables, double>>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            args.Add(ParseOr());
            while (Peek.Kind == TokenKind.Comma)
            {
                Take();
                args.Add(ParseOr());
            }
        }
        Expect(TokenKind.RightParen, $"the call to {name.Text} is never closed", "add the missing ')'", open);
        if (args.Count != function.Arity)
            throw Error(name, $"{name.Text} takes {function.Arity} argument(s) but was given {args.Count}",
                $"pass exactly {function.Arity} argument(s) to {name.Text}");
        var compiled = args.ToArray();
        return v =>
        {
            var values = new double[compiled.Length];
            for (int i = 0; i < compiled.Length; i++) values[i] = compiled[i](v);
            return function.Apply(values);
        };
    }

    void Expect(TokenKind kind, string message, string fix, ExpressionToken opener)
    {
        if (Peek.Kind == kind) { Take(); return; }
        throw Error(Peek.Kind == TokenKind.End ? opener : Peek, message, fix);
    }
}
