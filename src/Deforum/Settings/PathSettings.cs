namespace Deforum.Settings;

/// <summary>The "Model and Output Paths" cell (0.4 defaults, Colab paths).</summary>
public sealed record PathSettings
{
    public string ModelsPath { get; init; } = "/content/models";
    public string OutputPath { get; init; } = "/content/output";
    public bool MountGoogleDrive { get; init; } = true;
    public string ModelsPathGdrive { get; init; } = "/content/drive/MyDrive/AI/models";
    public string OutputPathGdrive { get; init; } = "/content/drive/MyDrive/AI/StableDiffusion";
    public bool ForceRemount { get; init; }
}
