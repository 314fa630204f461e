using Deforum.Sampling;
using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>
/// 0.7.1's <c>sampler_schedule</c>: keyframes whose values are quoted sampler names, e.g. <c>0:('euler'), 30:('heun')</c>.
/// Names are carried forward, never interpolated; frames before the first key take its name (the original's
/// string series is forward- then back-filled).
/// </summary>
public sealed class SamplerSchedule
{
    const string Setting = "sampler_schedule";

    readonly IReadOnlyList<(int Frame, SamplerName Sampler)> _keys;

    SamplerSchedule(IReadOnlyList<(int Frame, SamplerName Sampler)> keys) => _keys = keys;

    /// <exception cref="SettingsException">Every syntax problem and every name the engine does not accept, each with its position.</exception>
    public static SamplerSchedule Parse(string? text)
    {
        var keys = KeyframeSchedule.Parse(Setting, text, textValues: true).Keys;
        var problems = new ProblemCollector();
        var samplers = new List<(int, SamplerName)>();
        foreach (var key in keys)
        {
            var name = Unquoted(key.Text);
            var sampler = problems.Try<SamplerName?>(() => Named(name, key));
            if (sampler is { } s) samplers.Add((key.Frame, s));
        }
        problems.ThrowIfAny();
        return new SamplerSchedule([.. samplers.OrderBy(k => k.Item1)]);
    }

    /// <summary>The sampler of each frame 0 … maxFrames−1.</summary>
    public SamplerName[] Expand(int maxFrames)
    {
        var series = new SamplerName[maxFrames];
        for (int f = 0; f < maxFrames; f++)
            series[f] = _keys.LastOrDefault(k => k.Frame <= f, _keys[0]).Sampler;
        return series;
    }

    /// <summary>The original strips the quotes Python needs around a string; both quote kinds are accepted.</summary>
    static string Unquoted(string value) => value.Trim().Trim('\'', '"').Trim();

    static SamplerName Named(string name, Keyframe key)
    {
        try
        {
            return SamplerNames.Parse(name);
        }
        catch (ArgumentException)
        {
            throw new SettingsException(new SettingProblem(Setting, key.Position, key.Text,
                $"'{name}' at frame {key.Frame} is not a sampler this engine has",
                $"use one of: {string.Join(", ", SamplerNames.Valid.Select(n => $"'{n}'"))}, e.g. {key.Frame}:('euler')"));
        }
    }
}
