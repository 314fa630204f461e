using System.Text.Json;
using Deforum.Testing;
using Xunit;

namespace Deforum.Cli.Tests;

/// <summary>Every settings file in examples/ plans, and previews its camera motion, as the README says it does.</summary>
public sealed class ExamplesTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-examples-").FullName;

    public static TheoryData<string> Examples() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "examples"), "*.txt").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    static string PathOf(string example) => Path.Combine(RepoPaths.Root, "examples", example);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_example_plans_without_a_model(string example)
    {
        var (code, stdout, stderr) = await InProcessCli.RunAsync("run", PathOf(example), "--plan", "--output", _dir);

        Assert.True(code == 0, $"{example}: {stderr}");
        Assert.Contains(" plan, timestring ", stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    /// <summary>2D and 3D examples preview their motion; the other modes have none, and preview says so.</summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_example_previews_its_camera_motion(string example)
    {
        var mp4 = Path.Combine(_dir, "preview.mp4");
        using var file = JsonDocument.Parse(File.ReadAllText(PathOf(example)));
        var mode = file.RootElement.TryGetProperty("animation_mode", out var m) ? m.GetString() : "None";

        var (code, stdout, stderr) = await InProcessCli.RunAsync("preview", PathOf(example), "--output", mp4);

        if (mode is "2D" or "3D")
        {
            Assert.True(code == 0, $"{example}: {stderr}");
            Assert.Matches(@"\(\d+ frames", stdout);
            Assert.True(new FileInfo(mp4).Length > 0);
        }
        else Assert.Contains("has no camera motion to preview", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
