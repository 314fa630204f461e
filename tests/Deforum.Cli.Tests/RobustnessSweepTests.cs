using Xunit;
using Xunit.Abstractions;

namespace Deforum.Cli.Tests;

/// <summary>
/// Bad input through the commands as a user types them: every fuzzed settings file through `run --plan` gives a
/// correct plan or a clear error naming the setting (never a stack trace, a hang or a crash). Bounded and seeded so
/// CI runs the same inputs in seconds; the figures go to the test output.
/// </summary>
public sealed class RobustnessSweepTests(ITestOutputHelper log) : IDisposable
{
    const int FuzzedFiles = 300;
    const int Seed = 20240513;
    // generous: the CI machine may be busy; a hang is anything far beyond the milliseconds a plan takes
    static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(60);

    readonly string _dir = Directory.CreateTempSubdirectory("deforum-fuzz-").FullName;

    enum Outcome { Accepted, ClearError, Crash }

    [Fact]
    public async Task Fuzzed_settings_files_give_a_plan_or_an_error_naming_the_setting()
    {
        var fuzzer = new SettingsFuzzer(Seed);
        var inputs = Enumerable.Range(0, FuzzedFiles).Select(_ => fuzzer.Next()).Concat(SettingsFuzzer.Singles()).Concat(SettingsFuzzer.Large()).ToList();
        var outcomes = new Dictionary<Outcome, int> { [Outcome.Accepted] = 0, [Outcome.ClearError] = 0, [Outcome.Crash] = 0 };
        var crashes = new List<string>();

        foreach (var (what, bytes) in inputs)
        {
            var file = Path.Combine(_dir, "fuzz_settings.txt");
            File.WriteAllBytes(file, bytes);
            var run = InProcessCli.RunAsync("run", file, "--plan", "--output", Path.Combine(_dir, "out"));
            var (outcome, why) = await Task.WhenAny(run, Task.Delay(HangAfter)) == run ? Classify(await run) : (Outcome.Crash, "hang");
            outcomes[outcome]++;
            if (outcome == Outcome.Crash) crashes.Add($"{what}: {why}");
        }

        log.WriteLine($"settings sweep: {inputs.Count} inputs, {outcomes[Outcome.ClearError]} clear errors, {outcomes[Outcome.Accepted]} accepted, {outcomes[Outcome.Crash]} crashes");
        Assert.True(crashes.Count == 0, string.Join(Environment.NewLine, crashes.Take(20)));
        Assert.True(outcomes[Outcome.Accepted] > 0 && outcomes[Outcome.ClearError] > 0, "the sweep reaches both outcomes");
    }

    static (Outcome, string) Classify((int Code, string Out, string Err) r)
    {
        if (r.Err.Contains("   at ", StringComparison.Ordinal) || r.Err.Contains("Unhandled", StringComparison.Ordinal))
            return (Outcome.Crash, $"stack trace, exit {r.Code}: {First(r.Err)}");
        if (r.Code == 0 && r.Out.Contains(" plan, timestring ", StringComparison.Ordinal)) return (Outcome.Accepted, "");
        if (r.Code == 2 && r.Err.Contains("the settings need fixing", StringComparison.Ordinal) && r.Err.Contains("fix:", StringComparison.Ordinal))
            return (Outcome.ClearError, "");
        return (Outcome.Crash, $"exit {r.Code}: {First(r.Err + r.Out)}");
    }

    static string First(string text) => text.Length <= 300 ? text : text[..300];

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
