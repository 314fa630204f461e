using System.Text.Json;
using System.Text.Json.Nodes;
using Deforum.Planning;
using Deforum.Settings;

namespace Deforum.Tests.Planning;

/// <summary>
/// A golden render_animation case's settings: the notebook defaults of the v0.7.1 run that recorded it plus the case's
/// overrides, written as a settings file so the loader sees the original's string keys.
/// </summary>
internal static class GoldenRun
{
    /// <summary>
    /// Where 0.7.1's DeforumArgs()/DeforumAnimArgs() differ from our defaults (settings.md): anti-blur on, replicate
    /// border, the sine camera sway, and strength 0.65 (frame 0's generate call records it).
    /// </summary>
    static readonly (string Key, JsonNode Value)[] NotebookDefaults =
    [
        ("strength", 0.65), ("amount_schedule", "0: (0.2)"), ("border", "replicate"), ("translation_x", "0:(10*sin(2*3.14*t/10))"),
    ];

    public static PreparedRun Prepare(JsonElement caseParams)
    {
        var p = JsonNode.Parse(caseParams.GetRawText())!;
        var file = new JsonObject { ["W"] = p["W"]!.DeepClone(), ["H"] = p["H"]!.DeepClone() };
        foreach (var (k, v) in NotebookDefaults) file[k] = v.DeepClone();
        foreach (var (k, v) in p["anim_args_overrides"]!.AsObject()) file[k] = v!.DeepClone();
        foreach (var (k, v) in p["args_overrides"]!.AsObject()) file[k] = v!.DeepClone();
        file["prompts"] = p["prompts"]!.DeepClone();
        file["neg_prompts"] = p["neg_prompts"]!.DeepClone();
        var settings = SettingsFile.Read(file.ToJsonString()).Settings;
        return RunPreparation.Prepare(settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));
    }
}
