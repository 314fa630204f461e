using System.Text.Json;
using Deforum.Sampling;
using Deforum.Sampling.KDiffusion;
using Deforum.Testing;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Tests.Sampling;

/// <summary>One recorded torch.randn / torch.randn_like call of a golden run.</summary>
public sealed record RngCall(int Index, string Function, long[] Shape, string Tensor)
{
    public bool IsLike => Function.EndsWith("randn_like", StringComparison.Ordinal);
}

/// <summary>A golden case with its tensors open: typed access to inputs, outputs, parameters and RNG calls.</summary>
public sealed class CaseFile : IDisposable
{
    readonly SafetensorsFile _file;

    public GoldenCase Case { get; }

    public CaseFile(string id)
    {
        Case = Golden.Case(id);
        _file = Case.Open();
    }

    public JsonElement Params => Case.Params;

    public int Int(string name) => Params.GetProperty(name).GetInt32();

    /// <summary>Seeds span the whole uint32 range (seed_everything's), beyond int.</summary>
    public long Seed => Params.GetProperty("seed").GetInt64();

    public double Double(string name) => Params.GetProperty(name).GetDouble();

    public string String(string name) => Params.GetProperty(name).GetString()!;

    public bool Has(string name) => Params.TryGetProperty(name, out _);

    public bool Bool(string name) => Params.GetProperty(name).GetBoolean();

    /// <summary>A path the case gives relative to its manifest's folder.</summary>
    public string FilePath(string name) => Path.Combine(Case.Directory, String(name));

    public float[] Floats(string tensorName) => _file.Read<float>(tensorName);

    public long[] Longs(string tensorName) => _file.Read<long>(tensorName);

    GoldenTensor Ref(string name) =>
        Case.Tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"{Case.Id} has no tensor '{name}'");

    public float[] Read(string name) => Floats(Ref(name).Tensor);

    public Tensor Load(string name) => Torch.Tensor.From<float>(Read(name), Ref(name).Shape);

    public long[] Shape(string name) => Ref(name).Shape;

    /// <summary>Entry k of a per-step output [S, ...] as a tensor of the remaining shape.</summary>
    public Tensor StepTensor(string name, int k)
    {
        var shape = Ref(name).Shape;
        int per = checked((int)shape.Skip(1).Aggregate(1L, (a, b) => a * b));
        return Torch.Tensor.From<float>(Read(name).AsSpan(k * per, per), shape[1..]);
    }

    public Tolerance Tolerance(string output) => Case.ToleranceFor(output);

    public IReadOnlyList<RngCall> RngCalls =>
        Params.GetProperty("rng").GetProperty("calls").EnumerateArray()
            .Select(c => new RngCall(c.GetProperty("index").GetInt32(), c.GetProperty("fn").GetString()!,
                c.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray(), c.GetProperty("tensor").GetString()!))
            .ToList();

    public Tensor RngTensor(RngCall call) => Torch.Tensor.From<float>(Floats(call.Tensor), call.Shape);

    /// <summary>The k-diffusion behaviour a case was recorded with, by the variant labels of the manifest's generator section.</summary>
    public KDiffusionVersion KDiffusionVersion => VersionOf(Has("k_diffusion") ? String("k_diffusion") : String("wrapper"));

    /// <summary>The sampler a k-diffusion case ran, by its sampling.py function name.</summary>
    public SamplerName KSampler => KSamplerOf(Case);

    public static SamplerName KSamplerOf(GoldenCase c)
    {
        var function = c.Params.GetProperty("sampler").GetString();
        return Enum.GetValues<SamplerName>().Where(s => s.IsKDiffusion()).Single(s => s.KDiffusionFunction() == function);
    }

    public static KDiffusionVersion VersionOf(string label)
    {
        var variants = Golden.Manifest().Root.GetProperty("generator").GetProperty("k_diffusion_variants");
        // Plain labels ("k-diffusion v0.0.12") or a wrapper description that starts with one.
        bool Names(string variant) => label.StartsWith(variants.GetProperty(variant).GetProperty("label").GetString()!, StringComparison.Ordinal);
        return Names("2208") ? KDiffusionVersion.Compat2208
            : Names("v0012") ? KDiffusionVersion.V0012
            : throw new InvalidDataException($"no k-diffusion variant label in '{label}'");
    }

    /// <summary>MemberData rows whose case passes <paramref name="keep"/>; the placeholder row of a missing manifest stays, so the theory still skips (or fails under CI).</summary>
    public static IEnumerable<object[]> Where(IEnumerable<object[]> rows, Func<GoldenCase, bool> keep) =>
        rows.Where(row => row[0] is string id && (id == Golden.Missing || keep(Golden.Case(id))));

    public void Dispose() => _file.Dispose();
}
