using System.Diagnostics;
using Deforum.Testing;
using Xunit;

namespace Deforum.Cli.Tests;

/// <summary>
/// `deforum run` killed with SIGKILL (a separate process, as a crash or an OOM kill does it) before its first frame,
/// then again during its resume and at a random moment, and resumed each time with `deforum resume`, ends with the
/// same bytes in every frame as the run that was never killed, and no temporary file left.
/// </summary>
public sealed class KillResumeTests : IDisposable
{
    const int MaxFrames = 10;
    const int MaxAttemptsBeforeFirstFrame = 5;

    readonly string _dir = Directory.CreateTempSubdirectory("deforum-kill-").FullName;

    string[] ModelArgs() => [.. TinyModelFiles.Args(_dir), "--no-video"];

    [SkippableTheory]
    [InlineData("2D", 1, "Match Frame 0 RGB", 11)]
    [InlineData("3D", 3, "Match Frame 0 LAB", 12)]
    public async Task Killed_anywhere_and_resumed_the_frames_are_the_uninterrupted_runs(string mode, int cadence, string color, int seed)
    {
        var model = ModelArgs();
        var settings = Path.Combine(_dir, "anim_settings.txt");
        File.WriteAllText(settings, $$"""
            { "W": 64, "H": 64, "animation_mode": "{{mode}}", "max_frames": {{MaxFrames}}, "diffusion_cadence": "{{cadence}}", "steps": 4,
              "sampler": "euler_ancestral", "strength_schedule": "0: (0.5)", "zoom": "0:(1.03)", "translation_z": "0:(3)",
              "noise_schedule": "0: (0.04)", "color_coherence": "{{color}}", "use_depth_warping": false, "seed": 3, "seed_behavior": "iter",
              "batch_name": "kill", "prompts": { "0": "a red apple", "5": "a green pear" } }
            """);
        var reference = await Cli(["run", settings, "--output", Path.Combine(_dir, "reference"), .. model]);
        Assert.True(reference.Code == 0, reference.Output);
        var expected = Frames(reference.Outdir!);
        Assert.Equal(MaxFrames, expected.Count);

        // 1. before the first frame: its settings file is written, it is rendering frame 0. The tiny model can write a
        // frame before the kill lands on a loaded machine; then that attempt did not reach the state under test, and a
        // fresh folder tries again.
        string? outdir = null;
        for (int attempt = 0; attempt < MaxAttemptsBeforeFirstFrame && outdir is null; attempt++)
        {
            var first = await Cli(["run", settings, "--output", Path.Combine(_dir, $"killed{attempt}"), .. model],
                killWhen: l => l.StartsWith("rendering", StringComparison.Ordinal));
            Assert.True(first.Killed, first.Output);
            Assert.Single(Directory.EnumerateFiles(first.Outdir!, Deforum.Outputs.OutputPaths.SettingsFile("*")));
            if (Frames(first.Outdir!).Count == 0) outdir = first.Outdir;
        }
        Assert.True(outdir is not null, $"every one of {MaxAttemptsBeforeFirstFrame} runs wrote a frame before it was killed");
        // 2. during the resume, after its second frame; 3. at a random moment of the next resume; 4. to the end
        var random = new Random(seed);
        var killPoints = new Func<string, bool>?[] { FrameLine(2), null, null };
        for (int i = 0; i < killPoints.Length; i++)
        {
            var delay = i == 1 ? TimeSpan.FromMilliseconds(random.Next(50, 1500)) : (TimeSpan?)null;
            var resumed = await Cli(["resume", outdir, .. model], killPoints[i], delay);
            Assert.True(resumed.Killed || resumed.Code == 0, resumed.Output);
        }

        var got = Frames(outdir);
        Assert.Equal(expected.Keys, got.Keys);
        foreach (var (index, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(got[index]), $"frame {index} differs from the uninterrupted run");
        Assert.Empty(Directory.EnumerateFiles(outdir, "*.tmp"));
    }

    static Func<string, bool> FrameLine(int n) => line => line.StartsWith($"frame {n}/", StringComparison.Ordinal);

    /// <summary>Frame index → bytes of a run folder's frames (the runs' timestrings differ).</summary>
    static SortedDictionary<int, byte[]> Frames(string outdir) => new(Directory.EnumerateFiles(outdir, "*.png")
        .Select(f => Path.GetFileNameWithoutExtension(f).Split('_'))
        .Where(p => p.Length == 2 && p[1].Length == 5 && p[1].All(char.IsAsciiDigit))
        .ToDictionary(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
            p => File.ReadAllBytes(Path.Combine(outdir, $"{p[0]}_{p[1]}.png"))));

    sealed record Result(int Code, bool Killed, string Output, string? Outdir);

    /// <summary>
    /// Runs the built CLI in its own process (stdout is a pipe: one plain line per frame) and SIGKILLs it at the first
    /// line <paramref name="killWhen"/> accepts, or <paramref name="killAfter"/> after it starts rendering.
    /// </summary>
    static async Task<Result> Cli(string[] args, Func<string, bool>? killWhen = null, TimeSpan? killAfter = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(DeforumCli).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        // one libtorch thread: the test machine's cores are shared, and the frames do not depend on the count
        start.Environment["DEFORUM_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        string? outdir = null;
        bool killed = false, exited = false;
        var gate = new Lock();
        using var timer = new CancellationTokenSource();
        var stderr = process.StandardError.ReadToEndAsync();
        void Kill()
        {
            lock (gate)
            {
                if (killed || exited) return;
                try
                {
                    process.Kill(); // SIGKILL
                    killed = true;
                }
                catch (InvalidOperationException)
                {
                    // it had exited already
                }
            }
        }
        // a thread of its own reads the lines, so a kill lands as soon as its line is written, not when the test's
        // busy thread pool gets round to it
        var reader = new Thread(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lock (gate) output.AppendLine(line);
                if (line.StartsWith("rendering ", StringComparison.Ordinal))
                {
                    outdir = line[(line.IndexOf(" into ", StringComparison.Ordinal) + 6)..];
                    if (killAfter is { } delay)
                        _ = Task.Delay(delay, timer.Token).ContinueWith(t => { if (!t.IsCanceled) Kill(); }, TaskScheduler.Default);
                }
                if (killWhen?.Invoke(line) == true) Kill();
            }
        }) { IsBackground = true };
        reader.Start();
        await Task.Run(reader.Join);
        await process.WaitForExitAsync();
        lock (gate) exited = true;
        await timer.CancelAsync();
        output.Append(await stderr);
        return new Result(process.ExitCode, killed, output.ToString(), outdir is null ? null : Path.GetFullPath(outdir));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
