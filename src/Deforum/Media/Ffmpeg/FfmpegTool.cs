using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Deforum.Media.Ffmpeg;

/// <summary>A located, version-checked ffmpeg executable.</summary>
public sealed partial class FfmpegTool
{
    public const string EnvironmentVariable = "DEFORUM_FFMPEG";
    const string InstallHint = "Install ffmpeg (Debian/Ubuntu: `apt-get install ffmpeg`, or run environment/setup.sh) " +
                               "or set " + EnvironmentVariable + " to the ffmpeg executable.";
    static readonly Version Minimum = new(4, 0);
    static readonly Lock Gate = new();
    static FfmpegTool? _default;

    FfmpegTool(string executablePath, Version version)
    {
        ExecutablePath = executablePath;
        Version = version;
    }

    public string ExecutablePath { get; }

    /// <summary>The release number ffmpeg reports; 0.0 for development builds that report a git revision instead.</summary>
    public Version Version { get; }

    /// <summary>The ffmpeg that DEFORUM_FFMPEG or PATH names, located and version-checked once per process.</summary>
    public static FfmpegTool Default
    {
        get
        {
            lock (Gate)
            {
                return _default ??= Locate(Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.GetEnvironmentVariable("PATH"));
            }
        }
    }

    /// <summary>
    /// Uses <paramref name="configuredPath"/> (the DEFORUM_FFMPEG value) when given, otherwise the first
    /// <c>ffmpeg</c> in the directories of <paramref name="searchPath"/>; then runs <c>ffmpeg -version</c>.
    /// </summary>
    public static FfmpegTool Locate(string? configuredPath, string? searchPath)
    {
        string path;
        if (!string.IsNullOrEmpty(configuredPath))
        {
            path = Path.GetFullPath(configuredPath);
            if (!File.Exists(path))
                throw new FfmpegException($"{EnvironmentVariable} points to '{path}', which does not exist. " + InstallHint);
        }
        else
        {
            path = Search(searchPath ?? "") ?? throw new FfmpegException(
                $"ffmpeg was not found: {EnvironmentVariable} is not set and no 'ffmpeg' is in any PATH folder ({searchPath}). " + InstallHint);
        }
        var version = QueryVersion(path);
        if (version != new Version(0, 0) && version < Minimum)
            throw new FfmpegException($"ffmpeg at '{path}' is version {version}; {Minimum} or newer is needed. " + InstallHint);
        return new FfmpegTool(path, version);
    }

    /// <summary>ffmpeg 5.1 replaced <c>-vsync</c> by <c>-fps_mode</c> (and later releases drop the old name).</summary>
    internal string FpsModeOption => Version == new Version(0, 0) || Version >= new Version(5, 1) ? "-fps_mode" : "-vsync";

    static string? Search(string searchPath)
    {
        string name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        foreach (var dir in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    static Version QueryVersion(string path)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-hide_banner");
        start.ArgumentList.Add("-version");
        string output;
        try
        {
            using var process = Process.Start(start) ?? throw new FfmpegException($"ffmpeg at '{path}' could not be started. " + InstallHint);
            var stderr = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            stderr.Wait();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                throw new FfmpegException($"ffmpeg at '{path}' did not answer `-version` within 30 s. " + InstallHint);
            }
            if (process.ExitCode != 0)
                throw new FfmpegException($"ffmpeg at '{path}' failed on `-version` (exit code {process.ExitCode}): {stderr.Result.Trim()}. " + InstallHint);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FfmpegException($"ffmpeg at '{path}' cannot be run ({e.Message}). " + InstallHint, e);
        }
        var match = VersionPattern().Match(output);
        if (!match.Success)
            throw new FfmpegException($"'{path}' does not look like ffmpeg: `-version` printed '{output.Split('\n')[0]}'. " + InstallHint);
        return match.Groups[1].Success ? new Version(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)) : new Version(0, 0);
    }

    // Release builds print "ffmpeg version 5.1.9-0+deb12u1"; git builds "ffmpeg version N-112345-g0123abcd".
    [GeneratedRegex(@"^ffmpeg version (?:n?(\d+)\.(\d+)|\S+)")]
    private static partial Regex VersionPattern();
}
