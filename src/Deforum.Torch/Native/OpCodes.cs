namespace Deforum.Torch.Native;

// These mirror the enums in native/src/math.cpp; any change there bumps the ABI version.

internal enum UnaryOp
{
    Neg, Abs, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Tan, Tanh, Sigmoid, Silu, Relu, Floor, Ceil,
    Round, Trunc, Sign, LogicalNot, IsNan, Erf, Reciprocal, Square, Log1p, Expm1, Asin, Acos,
    Atan, Log2, Frac, IsInf, Exp2,
}

internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr,
    Atan2, Remainder, Fmod, FloorDivide, Rsub, Rdiv, Rpow,
}

internal enum ReduceOp { Sum, Mean, Var, Std, Amax, Amin, Prod, Argmax, Argmin, Any, All, Norm2 }
