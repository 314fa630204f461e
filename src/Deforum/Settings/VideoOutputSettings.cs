namespace Deforum.Settings;

/// <summary>The "Create video from frames" cell (0.5 defaults for its 0.5 fields).</summary>
public sealed record VideoOutputSettings
{
    public bool SkipVideoForRunAll { get; init; } = true;
    public double Fps { get; init; } = 12;
    public bool UseManualSettings { get; init; }
    public string ImagePath { get; init; } = "/content/drive/MyDrive/AI/StableDiffusion/2022-09/20220903000939_%05d.png";
    public string Mp4Path { get; init; } = "/content/drive/MyDrive/AI/StableDiffusion/2022-09/20220903000939.mp4";
    /// <summary>The manual-mode frame limit; a string form field in the notebook.</summary>
    public string MaxFrames { get; init; } = "200";
    public bool RenderSteps { get; init; } = true;
    public string PathNameModifier { get; init; } = "x0_pred";
    /// <summary>
    /// Play the frames forward then backward (0 … N−1, N−2 … 1) in the mp4 and the GIF, so they loop seamlessly. Not in
    /// any Deforum version: the later tools' loop option (docs/compat.md). Off by default; unlike the cell's other
    /// settings it travels in the settings file (<c>ping_pong</c>), so <c>deforum video</c> makes the run's video the same way.
    /// </summary>
    public bool PingPong { get; init; }
}
