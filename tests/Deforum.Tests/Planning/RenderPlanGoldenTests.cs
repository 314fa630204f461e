using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deforum.Planning;
using Deforum.Testing;
using Xunit;

namespace Deforum.Tests.Planning;

/// <summary>
/// Plan parity with the golden "render_animation" group: a real helpers/render.py::render_animation run with a stub
/// generate(), recording which frames were diffused with which seed and init, the tween weights and the saved files.
/// </summary>
public class RenderPlanGoldenTests
{
    static string ManifestPath => Path.Combine(RepoPaths.GoldenImageDir, "manifest.json");

    public static IEnumerable<object[]> Cases()
    {
        if (!File.Exists(ManifestPath)) return [[Golden.Missing]];
        using var doc = JsonDocument.Parse(File.ReadAllBytes(ManifestPath));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("group").GetString() == "render_animation")
            .Select(c => new object[] { c.GetProperty("id").GetString()! })];
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Plan_matches_the_original_frame_loop(string id)
    {
        Golden.RequireData(id != Golden.Missing && File.Exists(ManifestPath), "golden render_animation cases not found");
        var c = JsonNode.Parse(File.ReadAllText(ManifestPath))!["cases"]!.AsArray().Single(x => (string)x!["id"]! == id)!;
        var plan = RenderPlanner.Plan(GoldenRun.Prepare(Golden.ImageCase(id).Params));

        var calls = c["generate_calls"]!.AsArray();
        var generations = plan.Generations.ToList();
        Assert.Equal(calls.Select(g => (int)g!["frame"]!), generations.Select(g => g.Index));
        Assert.Equal(calls.Select(g => (long)g!["seed"]!), generations.Select(g => g.Seed!.Value));
        Assert.Equal(calls.Select(g => (bool)g!["use_init"]!), generations.Select(g => g.Motion is not null));
        foreach (var (call, planned) in calls.Zip(generations).Where(x => (bool)x.First!["use_init"]!))
            Assert.Equal((double)call!["strength"]!, planned.Strength!.Value, 12);
        Assert.Equal(0, generations[0].Strength);

        var noise = c["noise_calls"]!.AsArray().Select(n => (double)n!["noise_amt"]!);
        Assert.Equal(noise, generations.Where(g => g.Noise is not null).Select(g => g.Noise!.Value));
        Assert.Equal(ColorReferenceRule.StoreReference, generations.First(g => g.Motion is not null).Color);

        // Original saved frames are kept; ours add only the cadence tail the original drops (docs/compat.md, quirk 13).
        var originalSaved = c["saved_frames"]!.AsArray().Select(f => (int)f!).ToList();
        var ourSaved = plan.SavedFrames.Select(f => f.Index).ToList();
        Assert.Equal(originalSaved, ourSaved.Take(originalSaved.Count));
        Assert.All(ourSaved.Skip(originalSaved.Count), f => Assert.True(f >= generations[^1].Index));

        foreach (var line in c["tween_log"]!.AsArray().Select(l => (string)l!))
        {
            var parts = line.Split(' ');
            int frame = int.Parse(parts[4], CultureInfo.InvariantCulture);
            double weight = double.Parse(parts[5]["tween:".Length..], CultureInfo.InvariantCulture);
            var tween = plan.Frames.Single(f => f.Kind == FrameKind.InBetween && f.Index == frame);
            Assert.Equal(weight, Math.Round(tween.Blend!.Weight, 2));
        }

        var depthFrames = c["depth_png_frames"]!.AsArray().Select(f => (int)f!);
        Assert.Equal(depthFrames, plan.SavedFrames.Take(originalSaved.Count).Where(f => f.DepthFileName is not null).Select(f => f.Index));
    }
}
