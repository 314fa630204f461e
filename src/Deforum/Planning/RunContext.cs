using Deforum.Outputs;

namespace Deforum.Planning;

/// <summary>
/// What a run needs from outside the settings: the local time the run starts (its timestring and the YYYY-MM of
/// outdir), the random source for seed -1, for Video Input the number of frames extracted into inputframes/, and
/// the run folder when it is known already (resuming a run by its settings file, which lies in it).
/// </summary>
public sealed record RunContext(DateTime Started, Random Random, int? ExtractedVideoFrames = null, string? Outdir = null)
{
    public string Timestring => OutputPaths.Timestring(Started);

    public static RunContext Now(int? extractedVideoFrames = null) => new(DateTime.Now, Random.Shared, extractedVideoFrames);
}
