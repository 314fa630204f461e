using Deforum.Animation.Perlin;

namespace Deforum.Planning;

/// <summary>
/// noise_type perlin on one frame: the grid, and the seed the extension's noise generator takes (its args.seed when it
/// noises: the frame's own seed, or with seed_behavior "schedule" the previous generation's, which it updates later).
/// </summary>
public sealed record PlannedPerlinNoise(PerlinNoiseShape Shape, long Seed);
