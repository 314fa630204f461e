namespace Deforum.Settings;

/// <summary>
/// Cells that only steer the notebook session: "Setup Environment", the 0.5 settings-file loader and
/// "Disconnect when finished". Kept so every notebook setting has a home and a default.
/// </summary>
public sealed record NotebookSettings
{
    public bool SetupEnvironment { get; init; } = true;
    public bool PrintSubprocess { get; init; }
    public bool OverrideSettingsWithFile { get; init; }
    public string CustomSettingsFile { get; init; } = "/content/drive/MyDrive/Settings.txt";
    public bool SkipDisconnectForRunAll { get; init; } = true;
}
