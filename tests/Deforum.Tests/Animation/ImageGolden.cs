using System.Text.Json;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

/// <summary>Reads an image-manifest case's tensors and compares results against its own tolerance.</summary>
internal sealed class ImageGolden : IDisposable
{
    readonly Deforum.Torch.Checkpoints.SafetensorsFile _file;

    public GoldenCase Case { get; }

    public ImageGolden(string id) : this(Golden.ImageCase(id)) { }

    /// <summary>A case of another manifest in the same format (e.g. the depth set).</summary>
    public ImageGolden(GoldenCase golden)
    {
        Case = golden;
        _file = Case.Open();
    }

    public JsonElement P => Case.Params;

    public double Double(string name) => P.GetProperty(name).GetDouble();

    public string String(string name) => P.GetProperty(name).GetString()!;

    public bool Flag(string name) => P.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public bool Has(string tensor) => Case.Tensors.ContainsKey(tensor);

    /// <summary>The stored tensor on the test device, U8 as uint8 and F32 as float32.</summary>
    public Tensor Load(string name)
    {
        var t = Case.Tensors[name];
        var host = t.DType == "U8"
            ? Tensor.From<byte>(_file.Read<byte>(t.Tensor).AsSpan(), t.Shape)
            : Tensor.From<float>(_file.Read<float>(t.Tensor).AsSpan(), t.Shape);
        return TestDevice.Current == Device.Cpu ? host : host.To(TestDevice.Current);
    }

    /// <summary>A stored tensor's values as float, read in its own dtype (U8 bytes are levels, not float bits).</summary>
    public float[] Expected(string name)
    {
        var t = Case.Tensors[name];
        return t.DType switch
        {
            "F32" => _file.Read<float>(t.Tensor),
            "U8" => _file.Read<byte>(t.Tensor).Select(b => (float)b).ToArray(),
            _ => throw new InvalidOperationException($"{Case.Id}/{name}: unsupported dtype {t.DType}"),
        };
    }

    /// <summary>
    /// Compares with the case tolerance: elementwise atol/max_abs (+ rtol, mean_abs) and, when the manifest gives
    /// max_frac_mismatch, at most that fraction of elements differing at all.
    /// </summary>
    public void AssertClose(Tensor got, string expectedName)
    {
        var expected = Expected(expectedName);
        Assert.Equal(Case.Tensors[expectedName].Shape, got.Shape);
        float[] actual;
        using (var scope = DisposeScope.Begin())
            actual = got.To(Device.Cpu).To(DType.Float32).Contiguous().ToArray<float>();
        Golden.AssertClose(actual, expected, Case.ToleranceFor(expectedName), $"{Case.Id}/{expectedName}");
        if (Case.Raw.GetProperty("tolerance").TryGetProperty("max_frac_mismatch", out var frac))
        {
            int mismatched = actual.Zip(expected).Count(p => p.First != p.Second);
            Assert.True(mismatched <= frac.GetDouble() * actual.Length,
                $"{Case.Id}/{expectedName}: {mismatched} of {actual.Length} elements differ (allowed fraction {frac.GetDouble()})");
        }
    }

    /// <summary>Compares an intermediate tensor when the manifest gives it a tolerance (it is a debugging aid otherwise).</summary>
    public void AssertIntermediate(Tensor got, string name)
    {
        if (!Has(name) || Case.IntermediateTolerance(name) is not { } tolerance) return;
        Assert.Equal(Case.Tensors[name].Shape, got.Shape);
        using var scope = DisposeScope.Begin();
        Golden.AssertClose(got.To(Device.Cpu).To(DType.Float32).Contiguous().ToArray<float>(), Expected(name), tolerance, $"{Case.Id}/{name}");
    }

    public void Dispose() => _file.Dispose();
}
