using Deforum.Testing;
using Xunit;

namespace Deforum.Cli.Tests;

/// <summary>Every settings file in examples/ plans with `deforum run --plan` and previews with `deforum preview`.</summary>
public sealed class ExampleSettingsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-examples-").FullName;

    public static TheoryData<string> Examples() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "examples"), "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    static string PathOf(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    [Theory, MemberData(nameof(Examples))]
    public async Task An_example_plans_without_a_model(string name)
    {
        var (code, stdout, stderr) = await InProcessCli.RunAsync("run", PathOf(name), "--plan");

        Assert.True(code == 0, stderr);
        Assert.Contains(" plan, timestring ", stdout, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Examples))]
    public async Task An_example_previews_its_camera_path(string name)
    {
        var mp4 = Path.Combine(_dir, Path.ChangeExtension(name, ".mp4"));

        var (code, _, stderr) = await InProcessCli.RunAsync("preview", PathOf(name), "--output", mp4);

        Assert.True(code == 0, stderr);
        Assert.True(new FileInfo(mp4).Length > 0);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
