namespace Deforum.Planning;

/// <summary>
/// What a run needs from outside the settings: its timestring (local start time, yyyyMMddHHmmss), the random
/// source for seed -1, and for Video Input the number of frames extracted into inputframes/.
/// </summary>
public sealed record RunContext(string Timestring, Random Random, int? ExtractedVideoFrames = null)
{
    public static RunContext Now(int? extractedVideoFrames = null) =>
        new(Outputs.OutputPaths.Timestring(DateTime.Now), Random.Shared, extractedVideoFrames);
}
