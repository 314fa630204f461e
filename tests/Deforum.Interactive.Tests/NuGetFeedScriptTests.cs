using System.Diagnostics;
using Deforum.Testing;
using Xunit;

namespace Deforum.Interactive.Tests;

/// <summary>
/// environment/nuget-feed.sh, which setup.sh runs to make this clone's package folder the notebooks' NuGet source, run
/// against a scratch user profile (HOME) so the machine's own NuGet.Config is never touched.
/// </summary>
public sealed class NuGetFeedScriptTests : IDisposable
{
    readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("deforum-nuget-feed-");

    public void Dispose() => _home.Delete(recursive: true);

    string Config => Path.Combine(_home.FullName, ".nuget", "NuGet", "NuGet.Config");

    [Fact]
    public void A_source_left_by_another_clone_is_repointed_even_when_this_path_is_its_tail()
    {
        // the case that broke every notebook restore: a clone at /check/work/main registered first, then deleted
        var feed = Path.Combine(_home.FullName, "feed");
        var otherClone = Path.Combine(_home.FullName, "check") + feed;
        Assert.Equal(0, Run(otherClone).ExitCode);
        Assert.Equal(0, Run(feed).ExitCode);

        var sources = Dotnet("nuget", "list", "source", "--format", "short").Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains($"E {feed}", sources);
        Assert.DoesNotContain(sources, s => s.EndsWith(otherClone, StringComparison.Ordinal));
        Assert.True(Directory.Exists(feed), "the feed folder is created, so the restore finds it before the first pack");
    }

    [Fact]
    public void A_disabled_source_is_enabled_and_a_second_run_changes_nothing()
    {
        var feed = Path.Combine(_home.FullName, "feed");
        Assert.Equal(0, Run(feed).ExitCode);
        Assert.Equal(0, Dotnet("nuget", "disable", "source", "deforum-interactive").ExitCode);
        Assert.Equal(0, Run(feed).ExitCode);
        var enabled = File.ReadAllText(Config);
        Assert.Contains($"E {feed}", Dotnet("nuget", "list", "source", "--format", "short").Output.Split('\n', StringSplitOptions.TrimEntries));

        Assert.Equal(0, Run(feed).ExitCode);
        Assert.Equal(enabled, File.ReadAllText(Config));
    }

    [Fact]
    public void Without_a_feed_it_fails_with_its_usage()
    {
        var result = Run();
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("usage: nuget-feed.sh FEED", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Config), "nothing is registered");
    }

    (int ExitCode, string Output) Run(params string[] args) =>
        Start("bash", [Path.Combine(RepoPaths.Root, "environment", "nuget-feed.sh"), .. args]);

    (int ExitCode, string Output) Dotnet(params string[] args) => Start("dotnet", args);

    (int ExitCode, string Output) Start(string file, string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOME"] = _home.FullName;
        start.Environment["DOTNET_CLI_HOME"] = _home.FullName;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
