namespace Deforum.Schedules;

/// <summary>
/// The functions an expression may call: those numexpr offered the notebook (sin … arctanh, where) plus the
/// usual extras users expect (min, max, pow, floor, ceil, round).
/// </summary>
static class ExpressionFunctions
{
    public sealed record Function(int Arity, Func<double[], double> Apply);

    static Function One(Func<double, double> f) => new(1, a => f(a[0]));
    static Function Two(Func<double, double, double> f) => new(2, a => f(a[0], a[1]));

    public static readonly IReadOnlyDictionary<string, Function> All = new Dictionary<string, Function>(StringComparer.Ordinal)
    {
        ["sin"] = One(Math.Sin), ["cos"] = One(Math.Cos), ["tan"] = One(Math.Tan),
        ["arcsin"] = One(Math.Asin), ["arccos"] = One(Math.Acos), ["arctan"] = One(Math.Atan),
        ["arctan2"] = Two(Math.Atan2),
        ["sinh"] = One(Math.Sinh), ["cosh"] = One(Math.Cosh), ["tanh"] = One(Math.Tanh),
        ["arcsinh"] = One(Math.Asinh), ["arccosh"] = One(Math.Acosh), ["arctanh"] = One(Math.Atanh),
        // .NET has no expm1/log1p; a short series near 0 keeps the precision numexpr's versions had there.
        ["exp"] = One(Math.Exp), ["expm1"] = One(x => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1),
        ["log"] = One(Math.Log), ["log10"] = One(Math.Log10),
        ["log1p"] = One(x => Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x)),
        ["sqrt"] = One(Math.Sqrt), ["abs"] = One(Math.Abs),
        ["floor"] = One(Math.Floor), ["ceil"] = One(Math.Ceiling),
        // Python's round() and numpy's both round half to even, which is Math.Round's default.
        ["round"] = One(Math.Round),
        ["min"] = Two(Math.Min), ["max"] = Two(Math.Max), ["pow"] = Two(Math.Pow),
        ["where"] = new(3, a => a[0] != 0 ? a[1] : a[2]),
    };
}
