using System.Text.Json;
using System.Text.Json.Nodes;
using Deforum.Settings;

namespace Deforum.Schedules.Paths;

/// <summary>One motion schedule of a camera path: its setting, its keyframe string, and the per-frame values the string expands to.</summary>
public sealed record PathSchedule(string Setting, string Keyframes, IReadOnlyList<double> Values);

/// <summary>
/// A camera path as settings: <c>animation_mode</c>, <c>max_frames</c> and every motion schedule of the mode (the
/// ones the path does not use are neutral), so the path is the whole camera move of a run.
/// </summary>
public sealed class PathSchedules
{
    internal PathSchedules(string mode, int frames, IReadOnlyList<PathSchedule> schedules)
    {
        Mode = mode;
        Frames = frames;
        Schedules = schedules;
    }

    /// <summary>"2D" or "3D", the animation_mode the schedules are written for.</summary>
    public string Mode { get; }

    /// <summary>The max_frames the schedules span (a loop closes after exactly this many frames).</summary>
    public int Frames { get; }

    public IReadOnlyList<PathSchedule> Schedules { get; }

    /// <summary>The keyframe string of <paramref name="setting"/> (e.g. "translation_x").</summary>
    /// <exception cref="KeyNotFoundException">The mode has no such motion schedule.</exception>
    public string this[string setting] =>
        Schedules.FirstOrDefault(s => s.Setting == setting)?.Keyframes
        ?? throw new KeyNotFoundException($"a {Mode} path has no '{setting}' schedule; it has {string.Join(", ", Schedules.Select(s => s.Setting))}");

    /// <summary>The settings-file keys, in file order: animation_mode, max_frames, then the schedules.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["animation_mode"] = Mode, ["max_frames"] = Frames };
        foreach (var s in Schedules) json[s.Setting] = s.Keyframes;
        return json;
    }

    /// <summary>The notebook's settings with this path's animation_mode, max_frames and schedules; everything else kept.</summary>
    public AnimationSettings ApplyTo(AnimationSettings animation)
    {
        ArgumentNullException.ThrowIfNull(animation);
        var problems = new ProblemCollector();
        var result = SettingsRecordReader.Overlay(animation, ToJson(), problems);
        problems.ThrowIfAny();
        return result;
    }

    /// <summary>The keys as a settings file of their own, laid out as the original writes one; <see cref="SettingsFile.Read"/> overlays it.</summary>
    public string ToSettingsJson() => ToJson().ToJsonString(SettingsJson.Options);

    /// <summary>The keys as lines of a settings file (4-space indent, a comma after all but the last), to paste into one.</summary>
    public string ToJsonLines()
    {
        var lines = ToSettingsJson().Split('\n');
        return string.Join('\n', lines[1..^1]);
    }

    public override string ToString() => ToJsonLines();
}
