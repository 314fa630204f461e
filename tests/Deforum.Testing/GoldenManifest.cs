using System.Text.Json;
using Deforum.Torch.Checkpoints;

namespace Deforum.Testing;

/// <summary>Elementwise tolerance from a golden manifest: |got - ref| &lt;= Atol + Rtol*|ref|, plus optional mean bound.</summary>
public sealed record Tolerance(double Atol, double Rtol, double? MeanAbs = null)
{
    public static Tolerance Exact { get; } = new(0, 0);

    /// <summary>Reads {atol, rtol} (main manifest) or {max_abs, mean_abs} (image manifest).</summary>
    public static Tolerance Parse(JsonElement e)
    {
        double Get(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
        double? mean = e.TryGetProperty("mean_abs", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : null;
        var atol = e.TryGetProperty("atol", out _) ? Get("atol") : Get("max_abs");
        return new Tolerance(atol, Get("rtol"), mean);
    }
}

/// <summary>A tensor reference inside a case: the name in the case's safetensors file, dtype, shape and role.</summary>
public sealed record GoldenTensor(string Role, string Tensor, string DType, long[] Shape);

/// <summary>One case of a golden manifest (main set: kind + inputs/outputs; image set: group + tensors with roles).</summary>
public sealed class GoldenCase
{
    readonly JsonElement _tolerance;

    public required string Id { get; init; }
    public required string Kind { get; init; }
    /// <summary>The manifest's folder: the case's relative paths (file, init PNG) start there.</summary>
    public required string Directory { get; init; }
    public required string FilePath { get; init; }
    public required JsonElement Params { get; init; }
    public required JsonElement Raw { get; init; }
    public required IReadOnlyDictionary<string, GoldenTensor> Inputs { get; init; }
    public required IReadOnlyDictionary<string, GoldenTensor> Outputs { get; init; }
    /// <summary>Every tensor of the case by role name (image manifest) or by input/output name (main manifest).</summary>
    public required IReadOnlyDictionary<string, GoldenTensor> Tensors { get; init; }

    internal GoldenCase(JsonElement tolerance) => _tolerance = tolerance;

    /// <summary>The tolerance for one output (per-role tolerances fall back to the single one).</summary>
    public Tolerance ToleranceFor(string output)
    {
        if (_tolerance.ValueKind != JsonValueKind.Object) return Tolerance.Exact;
        if (_tolerance.TryGetProperty(output, out var per) && per.ValueKind == JsonValueKind.Object)
            return Tolerance.Parse(per);
        return Tolerance.Parse(_tolerance);
    }

    /// <summary>
    /// The tolerance the manifest gives a tensor that is not a case output (an intermediate): its own max_abs, or its
    /// entry in a per-tensor tolerance dict; null when the manifest gives none (then it is not compared).
    /// </summary>
    public Tolerance? IntermediateTolerance(string tensor)
    {
        if (Raw.TryGetProperty("tensors", out var all) && all.TryGetProperty(tensor, out var entry)
            && entry.TryGetProperty("max_abs", out var m) && m.ValueKind == JsonValueKind.Number)
            return new Tolerance(m.GetDouble(), 0);
        return _tolerance.ValueKind == JsonValueKind.Object && _tolerance.TryGetProperty(tensor, out var per) && per.ValueKind == JsonValueKind.Object
            ? Tolerance.Parse(per)
            : null;
    }

    public SafetensorsFile Open() => SafetensorsFile.Open(FilePath);

    public override string ToString() => Id;
}

/// <summary>A golden manifest.json: its raw document and its cases.</summary>
public sealed class GoldenManifest
{
    static readonly Dictionary<string, GoldenManifest> Cache = new();

    public string Directory { get; }
    public JsonElement Root { get; }
    public IReadOnlyList<GoldenCase> Cases { get; }

    GoldenManifest(string directory, JsonElement root, IReadOnlyList<GoldenCase> cases)
    {
        Directory = directory;
        Root = root;
        Cases = cases;
    }

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, "manifest.json"));

    public static GoldenManifest Load(string directory)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(directory, out var cached)) return cached;
            var root = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "manifest.json"))).RootElement;
            var cases = root.GetProperty("cases").EnumerateArray().Select(c => ParseCase(directory, c)).ToList();
            return Cache[directory] = new GoldenManifest(directory, root, cases);
        }
    }

    static GoldenCase ParseCase(string dir, JsonElement c)
    {
        static Dictionary<string, GoldenTensor> Refs(JsonElement c, string prop)
        {
            var d = new Dictionary<string, GoldenTensor>(StringComparer.Ordinal);
            if (!c.TryGetProperty(prop, out var e) || e.ValueKind != JsonValueKind.Object) return d;
            foreach (var p in e.EnumerateObject())
            {
                var tensor = p.Value.TryGetProperty("tensor", out var t) ? t.GetString()! : p.Name;
                var role = p.Value.TryGetProperty("role", out var r) ? r.GetString()! : prop.TrimEnd('s');
                d[p.Name] = new GoldenTensor(role, tensor, p.Value.GetProperty("dtype").GetString()!,
                    p.Value.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray());
            }
            return d;
        }

        var inputs = Refs(c, "inputs");
        var outputs = Refs(c, "outputs");
        var tensors = Refs(c, "tensors");
        // image manifest: roles live on each tensor
        foreach (var (name, t) in tensors)
        {
            if (t.Role == "input") inputs[name] = t;
            else if (t.Role == "output") outputs[name] = t;
        }
        foreach (var (k, v) in inputs.Concat(outputs)) tensors.TryAdd(k, v);

        var kind = c.TryGetProperty("kind", out var k2) ? k2.GetString()! : c.GetProperty("group").GetString()!;
        return new GoldenCase(c.TryGetProperty("tolerance", out var tol) ? tol : default)
        {
            Id = c.GetProperty("id").GetString()!,
            Kind = kind,
            Directory = dir,
            // image-manifest cases that only record values or an expected exception carry no file
            FilePath = c.TryGetProperty("file", out var f) ? Path.Combine(dir, f.GetString()!) : "",
            Params = c.TryGetProperty("params", out var p) ? p : default,
            Raw = c,
            Inputs = inputs,
            Outputs = outputs,
            Tensors = tensors,
        };
    }
}
