using System.Globalization;
using Deforum.Animation.Perlin;

namespace Deforum.Settings;

/// <summary>
/// noise_type perlin's grid (the web-UI extension's rand_perlin_2d, which crashes unless every octave's cells divide
/// the frame) and perlin_init's mode, checked before anything renders; and what the user should know about both.
/// </summary>
static class PerlinRules
{
    /// <summary>The extension's Perlin UI offers 1 … 16 cells; suggestions stay in that range.</summary>
    const int MostSuggestedCells = 16;

    public static void Check(GenerationSettings g, AnimationSettings a, ProblemCollector problems)
    {
        Rules.OneOf(problems, "noise_type", a.NoiseType, NoiseTypes.All);
        Rules.OneOf(problems, "perlin_mode", g.PerlinMode, Choices.PerlinModes);
        if (a.NoiseType != NoiseTypes.Perlin || !AddsFrameNoise(a.AnimationMode)) return;
        Rules.AtLeast(problems, "perlin_octaves", a.PerlinOctaves, 0);
        if (!double.IsFinite(a.PerlinPersistence))
            problems.Add("perlin_persistence", null, Text(a.PerlinPersistence), "must be a finite number", "set perlin_persistence to a number such as 0.5");
        // the extension's sample.shape[0] is the height: perlin_w counts cells down it, perlin_h across the width
        Axis(problems, "perlin_w", a.PerlinW, "H", g.H, "down the frame", a.PerlinOctaves);
        Axis(problems, "perlin_h", a.PerlinH, "W", g.W, "across the frame", a.PerlinOctaves);
    }

    public static void AddNotices(GenerationSettings g, AnimationSettings a, List<SettingsNotice> notices)
    {
        string mode = a.AnimationMode;
        if (a.NoiseType == NoiseTypes.Perlin && !AddsFrameNoise(mode))
            notices.Add(new SettingsNotice("noise_type", $"perlin has no effect in {mode} mode, which adds no noise to frames"));
        else if (a.NoiseType == NoiseTypes.Perlin)
            foreach (var (setting, value) in new[] { ("perlin_w", a.PerlinW), ("perlin_h", a.PerlinH) })
                if (double.IsFinite(value) && value != Math.Truncate(value))
                    notices.Add(new SettingsNotice(setting, $"{Text(value)} is used as {Text(Math.Truncate(value))} Perlin cells (the extension truncates it)"));
        if (!g.PerlinInit) return;
        if (mode == AnimationModes.VideoInput)
        {
            notices.Add(new SettingsNotice("perlin_init", "has no effect in Video Input mode: every frame starts from its video frame"));
            return;
        }
        if (g.UseInit)
            notices.Add(new SettingsNotice("perlin_init", "replaces init_image, as Disco Diffusion's perlin_init replaces its init"));
        if (Math.Clamp(g.Strength, 0, 1) == 0)
            notices.Add(new SettingsNotice("strength", "0 keeps almost nothing of the Perlin init; Disco's skip_steps / steps is the strength to give it (e.g. 0.1 … 0.4)"));
    }

    /// <summary>perlin_init's mode, for the generations that would start from init_image; null when it is off.</summary>
    public static PerlinMode? InitMode(GenerationSettings g) => g.PerlinInit ? Enum.Parse<PerlinMode>(g.PerlinMode, ignoreCase: true) : null;

    /// <summary>The noise type and grid of each noised frame; null for the notebook's Gaussian noise.</summary>
    public static PerlinNoiseShape? NoiseShape(AnimationSettings a) =>
        a.NoiseType == NoiseTypes.Perlin ? new PerlinNoiseShape(a.PerlinW, a.PerlinH, a.PerlinOctaves, a.PerlinPersistence) : null;

    /// <summary>The modes whose frames get noise_schedule's noise: Video Input starts each frame from its video frame.</summary>
    static bool AddsFrameNoise(string mode) => mode is AnimationModes.TwoD or AnimationModes.ThreeD;

    static void Axis(ProblemCollector problems, string setting, double value, string sizeSetting, int size, string along, int octaves)
    {
        long pixels = size - size % 64; // the extension's noise size; below 64 W/H is refused already
        if (pixels < 64 || octaves <= 0) return; // without octaves the extension never builds the grid
        if (!double.IsFinite(value) || value < 1)
        {
            problems.Add(setting, null, Text(value), $"gives {(double.IsFinite(value) ? Text(Math.Truncate(value)) : "no")} whole Perlin cells {along} (the extension divides by zero)",
                $"set {setting} to a whole number of cells that divides {pixels} ({sizeSetting}), such as {Suggest(pixels, octaves)}");
            return;
        }
        double cells = Math.Truncate(value);
        if (cells > pixels || pixels % (long)cells != 0)
        {
            problems.Add(setting, null, Text(value), $"{pixels} pixels {along} ({sizeSetting}) do not split into {Text(cells)} Perlin cells, which the extension's grid needs (it crashes otherwise)",
                $"set {setting} to a whole number that divides {pixels}, such as {Suggest(pixels, octaves)}");
            return;
        }
        int most = MostOctaves(pixels, (long)cells);
        if (octaves > most)
            problems.Add("perlin_octaves", null, octaves.ToString(CultureInfo.InvariantCulture),
                $"each octave doubles {setting}'s {Text(cells)} cells, and beyond octave {most} they no longer divide the {pixels} pixels {along} ({sizeSetting}); the extension crashes",
                $"set perlin_octaves to {most} or fewer, or {setting} to {Suggest(pixels, octaves)}");
    }

    /// <summary>The most octaves whose doubled cells all divide the pixels (0 when the cells themselves do not).</summary>
    static int MostOctaves(long pixels, long cells)
    {
        int octaves = 0;
        while (pixels % (cells << octaves) == 0) octaves++;
        return octaves;
    }

    /// <summary>Cell counts that work with these octaves, or the advice to use fewer octaves when none does.</summary>
    static string Suggest(long pixels, int octaves)
    {
        var fitting = Enumerable.Range(1, MostSuggestedCells).Where(c => MostOctaves(pixels, c) >= octaves).Take(5).ToList();
        return fitting.Count > 0 ? string.Join(", ", fitting) : "1 with fewer perlin_octaves";
    }

    static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
