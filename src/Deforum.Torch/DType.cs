namespace Deforum.Torch;

/// <summary>Element types. Values are c10::ScalarType codes so they cross the C ABI unchanged.</summary>
public enum DType : sbyte
{
    UInt8 = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
    BFloat16 = 15,
}

public static class DTypeExtensions
{
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.UInt8 or DType.Int8 or DType.Bool => 1,
        DType.Int16 or DType.Float16 or DType.BFloat16 => 2,
        DType.Int32 or DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static bool IsFloatingPoint(this DType dtype) =>
        dtype is DType.Float16 or DType.Float32 or DType.Float64 or DType.BFloat16;

    /// <summary>The safetensors spelling (F32, F16, BF16, I64, ...).</summary>
    public static string SafetensorsName(this DType dtype) => dtype switch
    {
        DType.UInt8 => "U8",
        DType.Int8 => "I8",
        DType.Int16 => "I16",
        DType.Int32 => "I32",
        DType.Int64 => "I64",
        DType.Float16 => "F16",
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Bool => "BOOL",
        DType.BFloat16 => "BF16",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static DType FromSafetensorsName(string name) => name switch
    {
        "U8" => DType.UInt8,
        "I8" => DType.Int8,
        "I16" => DType.Int16,
        "I32" => DType.Int32,
        "I64" => DType.Int64,
        "F16" => DType.Float16,
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "BOOL" => DType.Bool,
        "BF16" => DType.BFloat16,
        _ => throw new NotSupportedException(
            $"safetensors dtype '{name}' is not supported (supported: U8, I8, I16, I32, I64, F16, BF16, F32, F64, BOOL)"),
    };
}
