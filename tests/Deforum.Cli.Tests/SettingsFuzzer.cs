using System.Text;
using System.Text.Json.Nodes;
using Deforum.Settings;

namespace Deforum.Cli.Tests;

/// <summary>
/// Seeded mutations of a complete 2D settings file: values of the wrong type, NaN/Infinity literals (Python's json
/// writes them), huge, negative and fractional numbers, broken schedule strings, unicode and control characters, odd
/// prompt tables, missing and extra keys, truncated or corrupted JSON, invalid UTF-8, and very large files.
/// </summary>
internal sealed class SettingsFuzzer(int seed)
{
    static readonly string[] Values =
    [
        "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "-1", "0", "-0.0", "1e18", "2147483647", "2147483648", "-2147483649", "3.7", "1e-320",
        "true", "false", "null", "[]", "{}", "[1, 2]", "{\"a\": 1}", "\"\"", "\"text\"", "\"\\u0000\"", "\"🍎 façade ﷽\"", "\"\\ud800\"",
        "\"NaN\"", "\"inf\"", "\"-5\"", "\"1e9\"", "\"0:(1\"", "\"0:(1/0)\"", "\"0: (nan)\"", "\"0:(t**99999)\"", "\"-5:(1)\"",
        "\"0:(1), 0:(2)\"", "\"0:(１)\"", "\"1:(1)\"", "\"0:(1),\"", "\"0:(\"", "\"0:()\"", "\"0:(1)\\n\"", "\" 0:(1)\"", "\"0: (1,02)\"",
        "\"0:(sin(sin(sin(t))))\"", "\"0:(max_f**max_f**max_f)\"", "\"0:(s%0)\"", "\"0:(" + new string('(', 3000) + "1" + new string(')', 3000) + ")\"",
        "\"" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i}:({i % 7}), ")) + "2000:(1)\"",
        "\"2D\"", "\"3D\"", "\"None\"", "\"Interpolation\"", "\"Video Input\"", "\"custom\"", "\"euler\"", "\"plms\"", "\"dpm_adaptive\"",
    ];

    static readonly string[] Prompts =
    [
        "{\"0\": \"a red apple\", \"5\": \"a pear\"}", "{\"abc\": \"x\"}", "{\"0\": 5}", "{\"-1\": \"x\"}", "{\"99999999999\": \"x\"}", "{\"0.5\": \"x\"}",
        "{\"0\": \"a:b --neg c:-1e309\"}", "{\"0\": \"x:0, y:0\"}", "{\"0\": \"\"}", "{}", "[]", "[\"a\", \"b\"]", "\"a\"", "null",
        "{\"0\": \"" + new string('x', 100_000) + "\"}", "{\"0\": \"🍎\\u0000\\u202e\"}",
    ];

    readonly Random _random = new(seed);
    readonly List<(string Key, string Raw)> _base = Base();

    static List<(string Key, string Raw)> Base()
    {
        var settings = new DeforumSettings();
        settings = settings with { Animation = settings.Animation with { AnimationMode = AnimationModes.TwoD, MaxFrames = 5 } };
        var root = JsonNode.Parse(SettingsFile.Write(settings))!.AsObject();
        return [.. root.Select(p => (p.Key, p.Value?.ToJsonString() ?? "null"))];
    }

    /// <summary>One input: a description of what was done and the file's bytes.</summary>
    public (string What, byte[] Bytes) Next()
    {
        var entries = _base.ToList();
        var what = new List<string>();
        int count = _random.Next(1, 4);
        for (int m = 0; m < count; m++)
        {
            int i = _random.Next(entries.Count);
            switch (_random.Next(6))
            {
                case 0 or 1:
                    var v = Pick(Values);
                    entries[i] = (entries[i].Key, v);
                    what.Add($"{entries[i].Key}={Short(v)}");
                    break;
                case 2:
                    what.Add($"-{entries[i].Key}");
                    entries.RemoveAt(i);
                    break;
                case 3:
                    var extra = $"extra_{_random.Next(1000)}";
                    entries.Add((extra, Pick(Values)));
                    what.Add($"+{extra}");
                    break;
                case 4:
                    int p = entries.FindIndex(e => e.Key == "prompts");
                    var prompts = Pick(Prompts);
                    if (p >= 0) entries[p] = ("prompts", prompts);
                    what.Add($"prompts={Short(prompts)}");
                    break;
                default:
                    var key = Pick(["animation_mode", "max_frames", "diffusion_cadence", "W", "H", "steps", "seed", "strength_schedule", "zoom", "sampler", "fov"]);
                    int k = entries.FindIndex(e => e.Key == key);
                    var value = Pick(Values);
                    if (k >= 0) entries[k] = (key, value);
                    what.Add($"{key}={Short(value)}");
                    break;
            }
        }
        var text = "{\n" + string.Join(",\n", entries.Select(e => $"    \"{e.Key}\": {e.Raw}")) + "\n}";
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (_random.Next(12))
        {
            case 0:
                int cut = _random.Next(bytes.Length);
                what.Add($"truncated at {cut}");
                return (string.Join(" ", what), bytes[..cut]);
            case 1:
                int at = _random.Next(bytes.Length);
                bytes[at] = (byte)Pick("{}[],:\"\\x\0".ToCharArray());
                what.Add($"byte {at} replaced");
                return (string.Join(" ", what), bytes);
            case 2:
                what.Add("invalid UTF-8");
                return (string.Join(" ", what), [.. bytes[..(bytes.Length / 2)], 0xC3, 0x28, 0xFF, .. bytes[(bytes.Length / 2)..]]);
            default:
                return (string.Join(" ", what), bytes);
        }
    }

    static readonly string[] Extremes = ["NaN", "Infinity", "-Infinity", "1e400", "-1", "2147483647", "1e18", "0.5", "\"text\"", "null", "\"\""];

    static readonly string[] Counted =
    [
        "max_frames", "diffusion_cadence", "W", "H", "steps", "seed", "n_batch", "scale", "strength", "fov", "seed_iter_N", "grid_rows",
        "extract_nth_frame", "midas_weight", "zoom", "strength_schedule", "interpolate_x_frames",
    ];

    /// <summary>Each extreme value alone in each setting that sizes or counts something, and the modes that multiply them.</summary>
    public static IEnumerable<(string What, byte[] Bytes)> Singles()
    {
        var entries = Base();
        foreach (var key in Counted)
            foreach (var value in Extremes)
                yield return ($"{key}={value}", With(entries, (key, value)));
        yield return ("Interpolation, interpolate_x_frames=2147483647", With(entries, ("animation_mode", "\"Interpolation\""), ("interpolate_x_frames", "2147483647")));
        yield return ("Interpolation, keys 0 and 2147483647", With(entries, ("animation_mode", "\"Interpolation\""), ("interpolate_key_frames", "true"),
            ("prompts", "{\"0\": \"a\", \"2147483647\": \"b\"}")));
        yield return ("None, n_batch=2147483647", With(entries, ("animation_mode", "\"None\""), ("n_batch", "2147483647"), ("prompts", "[\"a\", \"b\"]")));
        yield return ("3D, max_frames=100000, cadence 8", With(entries, ("animation_mode", "\"3D\""), ("max_frames", "100000"), ("diffusion_cadence", "\"8\"")));
    }

    static byte[] With(List<(string Key, string Raw)> entries, params (string Key, string Raw)[] changes)
    {
        var changed = entries.Select(e => changes.FirstOrDefault(c => c.Key == e.Key) is { Key: not null } c ? c : e);
        return Encoding.UTF8.GetBytes("{" + string.Join(",", changed.Select(e => $"\"{e.Key}\": {e.Raw}")) + "}");
    }

    /// <summary>A complete file plus many thousands of extra keys or one multi-megabyte prompt.</summary>
    public static IEnumerable<(string What, byte[] Bytes)> Large()
    {
        var entries = Base();
        var many = entries.Concat(Enumerable.Range(0, 50_000).Select(i => (Key: $"extra_{i}", Raw: "1")));
        yield return ("50000 extra keys", Encoding.UTF8.GetBytes("{" + string.Join(",", many.Select(e => $"\"{e.Key}\": {e.Raw}")) + "}"));
        var huge = entries.Select(e => e.Key == "prompts" ? (Key: e.Key, Raw: "{\"0\": \"" + new string('a', 8 << 20) + "\"}") : e);
        yield return ("an 8 MB prompt", Encoding.UTF8.GetBytes("{" + string.Join(",", huge.Select(e => $"\"{e.Key}\": {e.Raw}")) + "}"));
        yield return ("deeply nested JSON", Encoding.UTF8.GetBytes("{\"W\": " + new string('[', 100_000) + new string(']', 100_000) + "}"));
    }

    T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    static string Short(string s) => s.Length <= 24 ? s : s[..21] + "…";
}
