using System.Text.Json;
using Deforum.Testing;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // the commands write to the process's Console

namespace Deforum.Cli.Tests;

/// <summary>The commands as a user types them: exit codes, what they print, and the files they leave.</summary>
public sealed class CliTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-cli-").FullName;

    static JsonElement TinyModel => Golden.Manifest().Root.GetProperty("models").GetProperty("sd1");

    static string TinyCheckpoint => Path.Combine(RepoPaths.GoldenDir,
        TinyModel.GetProperty("checkpoints").EnumerateObject().Select(f => f.Name).First(n => n.EndsWith(".safetensors", StringComparison.Ordinal)));

    string Settings(string json)
    {
        var path = Path.Combine(_dir, "test_settings.txt");
        File.WriteAllText(path, json);
        return path;
    }

    static async Task<(int Code, string Out, string Err)> Deforum(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = await DeforumCli.Create().Parse(args).InvokeAsync();
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    const string TinyRun = """
        { "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 3, "steps": 2, "sampler": "euler", "seed": 1,
          "zoom": "0:(1.02)", "batch_name": "cli", "prompts": { "0": "a red apple" } }
        """;

    [SkippableFact]
    public async Task Run_renders_every_frame_with_its_settings_file_and_video()
    {
        Golden.RequireData(File.Exists(TinyCheckpoint), $"{TinyCheckpoint} missing");
        var models = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
        var vocab = Path.Combine(RepoPaths.GoldenDir, TinyModel.GetProperty("vocab").GetString()!);
        File.Copy(vocab, Path.Combine(models, Path.GetFileName(vocab)));
        var output = Path.Combine(_dir, "out");

        var (code, stdout, stderr) = await Deforum("run", Settings(TinyRun), "--models-path", models, "--checkpoint", TinyCheckpoint,
            "--config", Path.Combine(RepoPaths.GoldenDir, TinyModel.GetProperty("config").GetString()!), "--output", output, "--device", "cpu");

        Assert.True(code == 0, stderr);
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Equal(3, written.Count(n => n!.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Single(written, n => n!.EndsWith("_settings.txt", StringComparison.Ordinal));
        Assert.Single(written, n => n!.EndsWith(".mp4", StringComparison.Ordinal));
        Assert.Contains("frame 3/3", stdout, StringComparison.Ordinal);
    }

    const string TinyDepthRun = """
        { "W": 64, "H": 64, "animation_mode": "3D", "max_frames": 3, "diffusion_cadence": "2", "steps": 2, "sampler": "euler",
          "seed": 1, "use_depth_warping": true, "save_depth_maps": true, "midas_weight": 1, "translation_z": "0:(10)",
          "rotation_3d_y": "0:(3)", "batch_name": "depth", "prompts": { "0": "a red apple" } }
        """;

    /// <summary>A run's PNGs by name without the timestring (two runs a second apart get different ones).</summary>
    static SortedDictionary<string, byte[]> Pngs(string output) => new(
        Directory.EnumerateFiles(output, "*.png", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetFileName(p)[(Path.GetFileName(p).IndexOf('_', StringComparison.Ordinal) + 1)..], File.ReadAllBytes),
        StringComparer.Ordinal);

    [SkippableFact]
    public async Task Run_3d_with_depth_writes_every_frame_and_depth_map_the_same_twice()
    {
        Golden.RequireData(File.Exists(TinyCheckpoint), $"{TinyCheckpoint} missing");
        var midas = Path.Combine(RepoPaths.GoldenDepthDir, "midas_tiny.pth");
        Golden.RequireData(File.Exists(midas), $"{midas} missing");
        var models = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
        var vocab = Path.Combine(RepoPaths.GoldenDir, TinyModel.GetProperty("vocab").GetString()!);
        File.Copy(vocab, Path.Combine(models, Path.GetFileName(vocab)));
        var settings = Settings(TinyDepthRun);
        var runs = new List<SortedDictionary<string, byte[]>>();
        foreach (var output in new[] { Path.Combine(_dir, "first"), Path.Combine(_dir, "second") })
        {
            var (code, _, stderr) = await Deforum("run", settings, "--models-path", models, "--checkpoint", TinyCheckpoint,
                "--config", Path.Combine(RepoPaths.GoldenDir, TinyModel.GetProperty("config").GetString()!), "--midas", midas,
                "--output", output, "--device", "cpu", "--no-video");
            Assert.True(code == 0, stderr);
            runs.Add(Pngs(output));
        }

        // every frame from 0 on, each with its depth map (cadence: the maps of the in-betweens)
        var frames = runs[0].Keys.Where(k => !k.StartsWith("depth_", StringComparison.Ordinal)).ToList();
        Assert.True(frames.Count >= 2, string.Join(", ", runs[0].Keys));
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => $"{i:00000}.png"), frames);
        Assert.Equal(frames.Concat(frames.Select(f => "depth_" + f)).Order(StringComparer.Ordinal), runs[0].Keys);
        Assert.Equal(runs[0].Keys, runs[1].Keys);
        Assert.All(runs[0], kv => Assert.True(kv.Value.AsSpan().SequenceEqual(runs[1][kv.Key]), $"{kv.Key} differs between the runs"));
    }

    [Fact]
    public async Task Run_reports_settings_problems_before_loading_any_model()
    {
        var (code, _, stderr) = await Deforum("run", Settings("""{ "animation_mode": "2D", "sampler": "k_euler" }"""),
            "--models-path", Path.Combine(_dir, "no-models"));

        Assert.Equal(2, code);
        Assert.Contains("sampler", stderr, StringComparison.Ordinal);
        Assert.Contains("'euler'", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "no-models")));
    }

    [Fact]
    public async Task Run_with_plan_prints_every_frame_without_a_model()
    {
        var (code, stdout, _) = await Deforum("run", Settings(TinyRun), "--plan");

        Assert.Equal(0, code);
        Assert.Contains("2D plan", stdout, StringComparison.Ordinal);
        Assert.Equal(3, stdout.Split('\n').Count(l => l.Contains("| Diffused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Preview_writes_the_camera_path_as_an_mp4()
    {
        var mp4 = Path.Combine(_dir, "preview.mp4");

        var (code, stdout, stderr) = await Deforum("preview", Settings(TinyRun), "--output", mp4);

        Assert.True(code == 0, stderr);
        Assert.True(new FileInfo(mp4).Length > 0);
        Assert.Contains("3 frames", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_wants_a_runs_settings_file()
    {
        var notSettings = Path.Combine(_dir, "frames.txt");
        File.WriteAllText(notSettings, "{}");

        var (code, _, stderr) = await Deforum("video", notSettings);

        Assert.Equal(2, code);
        Assert.Contains("_settings.txt", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_of_a_run_without_frames_names_the_missing_first_frame()
    {
        var run = Path.Combine(_dir, "20221001120000_settings.txt");
        File.WriteAllText(run, "{}");

        var (code, _, stderr) = await Deforum("video", run);

        Assert.Equal(1, code);
        Assert.Contains("20221001120000_00000.png", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "20221001120000.mp4")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
