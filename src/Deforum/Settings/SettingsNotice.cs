namespace Deforum.Settings;

/// <summary>Something the user should know that is not an error: a kept unknown key, a rounded size, a drawn seed.</summary>
public sealed record SettingsNotice(string Setting, string Message)
{
    public override string ToString() => $"{Setting}: {Message}";
}
