using Deforum.Testing;
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

    /// <summary>
    /// Truncated, corrupted and lying checkpoints (both formats) and malicious pickles through `run --checkpoint`: each
    /// one clear message naming the file, exit 1, no frame written, and no payload run.
    /// </summary>
    [SkippableFact]
    public async Task Broken_lying_and_malicious_checkpoints_are_refused_with_one_clear_message()
    {
        var model = TinyModelFiles.Args(_dir);
        var settings = Path.Combine(_dir, "tiny_settings.txt");
        File.WriteAllText(settings, """{ "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 2, "steps": 2, "prompts": { "0": "a" } }""");
        var marker = Path.Combine(_dir, "pwned");
        var inputs = BrokenCheckpoints(marker).ToList();
        int clear = 0, accepted = 0;
        var crashes = new List<string>();

        foreach (var (what, bytes) in inputs)
        {
            var file = Path.Combine(_dir, $"broken-{clear + accepted + crashes.Count}{(what.StartsWith("safetensors", StringComparison.Ordinal) ? ".safetensors" : ".ckpt")}");
            File.WriteAllBytes(file, bytes);
            var args = model.ToList();
            args[args.IndexOf("--checkpoint") + 1] = file;
            var output = Path.Combine(_dir, $"out-{clear + accepted + crashes.Count}");
            var run = InProcessCli.RunAsync(["run", settings, .. args, "--output", output, "--no-video"]);
            if (await Task.WhenAny(run, Task.Delay(HangAfter)) != run)
            {
                crashes.Add($"{what}: hang");
                continue;
            }
            var (code, _, err) = await run;
            bool framesWritten = Directory.Exists(output) && Directory.EnumerateFiles(output, "*.png", SearchOption.AllDirectories).Any();
            // only a checksum could tell changed weight bytes: a structurally valid file renders
            if (code == 0 && what == ChangedWeights) accepted++;
            else if (code == 1 && err.StartsWith("deforum run: ", StringComparison.Ordinal) && err.Contains(file, StringComparison.Ordinal)
                && !err.Contains("   at ", StringComparison.Ordinal) && !framesWritten && !File.Exists(marker))
                clear++;
            else crashes.Add($"{what}: exit {code}, frames {framesWritten}: {First(err)}");
            File.Delete(file);
        }

        log.WriteLine($"checkpoint sweep: {inputs.Count} inputs, {clear} clear errors, {accepted} accepted, {crashes.Count} crashes");
        Assert.True(crashes.Count == 0, string.Join(Environment.NewLine, crashes));
    }

    const string ChangedWeights = "zip with 4 KiB of weights zeroed";

    static IEnumerable<(string What, byte[] Bytes)> BrokenCheckpoints(string marker)
    {
        var safetensors = File.ReadAllBytes(TinyModelFiles.Checkpoint(".safetensors"));
        int header = 8 + (int)BitConverter.ToUInt64(safetensors, 0);
        yield return ("safetensors empty", []);
        foreach (int cut in new[] { 4, 8, 9, header / 2, header - 1, header, header + 1000, safetensors.Length / 2, safetensors.Length - 1 })
            yield return ($"safetensors cut at {cut}", safetensors[..cut]);
        yield return ("safetensors header length past the end", [.. BitConverter.GetBytes((ulong)safetensors.Length), .. safetensors[8..]]);
        yield return ("safetensors header length 2^63", [.. BitConverter.GetBytes(1UL << 63), .. safetensors[8..]]);
        var random = new Random(Seed);
        for (int i = 0; i < 12; i++)
        {
            var flipped = (byte[])safetensors.Clone();
            for (int k = 0; k < 3; k++) flipped[random.Next(8, header)] = (byte)"{}[]\":,0123456789x"[random.Next(16)];
            yield return ($"safetensors header bytes changed ({i})", flipped);
        }
        var ckpt = File.ReadAllBytes(TinyModelFiles.Checkpoint("tiny-sd.ckpt"));
        foreach (double share in new[] { 0.001, 0.1, 0.5, 0.99 })
            yield return ($"zip cut at {share:P1}", ckpt[..(int)(ckpt.Length * share)]);
        var zeroed = (byte[])ckpt.Clone();
        Array.Clear(zeroed, zeroed.Length / 3, 4096);
        yield return (ChangedWeights, zeroed);
        yield return ("random bytes", [.. Enumerable.Range(0, 1 << 16).Select(_ => (byte)random.Next(256))]);
        yield return ("a PNG", File.ReadAllBytes(Directory.EnumerateFiles(Path.Combine(RepoPaths.GoldenDir), "*.png", SearchOption.AllDirectories).First()));
        string touch = $"touch {marker}";
        foreach (var (name, pickle) in new (string, PickleBuilder)[]
                 {
                     ("os.system", new PickleBuilder().Proto(2).Global("os", "system").Str(touch).Tuple1().Reduce().Stop()),
                     ("builtins.eval", new PickleBuilder().Proto(2).Global("builtins", "eval").Str($"__import__('os').system('{touch}')").Tuple1().Reduce().Stop()),
                     ("subprocess.Popen", new PickleBuilder().Proto(2).Global("subprocess", "Popen").EmptyList().Mark().Str("touch").Str(marker).Appends().Tuple1().Reduce().Stop()),
                     ("100000 nested marks", new PickleBuilder().Proto(2).Op([.. Enumerable.Repeat((byte)'(', 100_000)]).Stop()),
                     ("a state dict of a string", new PickleBuilder().Proto(2).EmptyDict().Str("state_dict").Str("weights").SetItem().Stop()),
                 })
        {
            using var crafted = new CraftedCheckpoint(pickle.ToArray());
            yield return ($"zip pickle {name}", File.ReadAllBytes(crafted.Path));
            yield return ($"legacy pickle {name}", pickle.ToArray());
        }
    }

    /// <summary>An output folder that cannot be made or written: one message naming it, nothing written.</summary>
    [SkippableTheory]
    [InlineData("a file")]
    [InlineData("/proc")]
    public async Task An_unwritable_output_folder_is_one_clear_message_and_no_frame(string where)
    {
        var model = TinyModelFiles.Args(_dir);
        var settings = Path.Combine(_dir, "tiny_settings.txt");
        File.WriteAllText(settings, """{ "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 2, "steps": 2, "prompts": { "0": "a" } }""");
        var output = where == "/proc" ? "/proc/deforum-output" : Path.Combine(_dir, "not-a-folder");
        if (where == "a file") File.WriteAllText(output, "a file where the output folder should be");

        var (code, _, err) = await InProcessCli.RunAsync(["run", settings, .. model, "--output", output, "--no-video"]);

        Assert.Equal(1, code);
        Assert.Contains("cannot be created or written", err, StringComparison.Ordinal);
        Assert.Contains("Choose a writable output folder", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "nothing was written");
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
