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
}
