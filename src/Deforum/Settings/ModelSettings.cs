namespace Deforum.Settings;

/// <summary>The "Select and Load Model" cell (0.4 defaults).</summary>
public sealed record ModelSettings
{
    public string ModelConfig { get; init; } = "v1-inference.yaml";
    public string ModelCheckpoint { get; init; } = "sd-v1-4.ckpt";
    public string CustomConfigPath { get; init; } = "";
    public string CustomCheckpointPath { get; init; } = "";
    public bool LoadOnRunAll { get; init; } = true;
    public bool HalfPrecision { get; init; } = true;
    public bool CheckSha256 { get; init; } = true;
    public string MapLocation { get; init; } = "cuda";
}
