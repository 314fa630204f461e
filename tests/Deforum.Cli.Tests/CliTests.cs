using System.Diagnostics;
using System.Text.Json;
using Deforum.Media.Ffmpeg;
using Deforum.Media.Video;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // the commands write to the process's Console

namespace Deforum.Cli.Tests;

/// <summary>The commands as a user types them: exit codes, what they print, and the files they leave.</summary>
public sealed class CliTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-cli-").FullName;

    string Settings(string json)
    {
        var path = Path.Combine(_dir, "test_settings.txt");
        File.WriteAllText(path, json);
        return path;
    }

    static Task<(int Code, string Out, string Err)> Deforum(params string[] args) => InProcessCli.RunAsync(args);

    const string TinyRun = """
        { "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 3, "steps": 2, "sampler": "euler", "seed": 1,
          "zoom": "0:(1.02)", "batch_name": "cli", "prompts": { "0": "a red apple" } }
        """;

    string[] TinyModelArgs() => TinyModelFiles.Args(_dir);

    [SkippableFact]
    public async Task Run_renders_every_frame_with_its_settings_file_and_video()
    {
        var output = Path.Combine(_dir, "out");

        var (code, stdout, stderr) = await Deforum(["run", Settings(TinyRun), .. TinyModelArgs(), "--output", output]);

        Assert.True(code == 0, stderr);
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Equal(3, written.Count(n => n!.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Single(written, n => n!.EndsWith("_settings.txt", StringComparison.Ordinal));
        Assert.Single(written, n => n!.EndsWith(".mp4", StringComparison.Ordinal));
        // not a terminal: one plain line per frame written
        Assert.Contains("rendering 3 of 3 frames into", stdout, StringComparison.Ordinal);
        Assert.Equal(3, stdout.Split('\n').Count(l => l.StartsWith("frame ", StringComparison.Ordinal)));
        Assert.Contains("frame 3/3", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_the_file_lacks_are_one_line_and_verbose_lists_them()
    {
        var settings = Settings(TinyRun);

        var (_, quiet, _) = await Deforum("run", settings, "--plan");
        var (_, verbose, _) = await Deforum("run", settings, "--plan", "--verbose");

        var note = Assert.Single(quiet.Split('\n'), l => l.Contains("not in the file", StringComparison.Ordinal));
        Assert.Matches(@"^note: \d+ settings not in the file keep their defaults; `--verbose` lists them$", note.TrimEnd());
        var listed = Assert.Single(verbose.Split('\n'), l => l.Contains("not in the file", StringComparison.Ordinal));
        Assert.Contains("n_batch", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("max_frames,", listed, StringComparison.Ordinal); // the file has it
    }

    [SkippableFact]
    public async Task Resume_of_a_finished_run_says_it_is_finished_and_makes_the_video()
    {
        var output = Path.Combine(_dir, "out");
        var (first, _, stderr) = await Deforum(["run", Settings(TinyRun), .. TinyModelArgs(), "--output", output, "--no-video"]);
        Assert.True(first == 0, stderr);
        var run = Directory.EnumerateFiles(output, "*_settings.txt", SearchOption.AllDirectories).Single();

        var (code, stdout, err) = await Deforum(["resume", Path.GetDirectoryName(run)!, .. TinyModelArgs()]);

        Assert.True(code == 0, err);
        Assert.Contains("is finished: all its frames are in", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("loading", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(run.Replace("_settings.txt", ".mp4", StringComparison.Ordinal)), stdout);
    }

    [Theory]
    [InlineData("nowhere", "the folder has no run settings file")]
    [InlineData("frames.txt", "this is not a run's settings file")]
    public async Task Resume_wants_a_runs_settings_file_or_folder(string what, string message)
    {
        var target = Path.Combine(_dir, what);
        if (what == "nowhere") Directory.CreateDirectory(target);

        var (code, _, stderr) = await Deforum("resume", target);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("{timestring}_settings.txt", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--checkpoint", "no-such.safetensors", "custom_checkpoint_path", "point it (or --checkpoint) at your .ckpt or .safetensors file")]
    [InlineData("--config", "no-such.yaml", "custom_config_path", "point it (or --config) at the checkpoint's yaml")]
    public async Task A_missing_model_file_names_the_setting_and_the_fix(string option, string file, string setting, string fix)
    {
        var args = TinyModelArgs().ToList();
        args[args.IndexOf(option) + 1] = Path.Combine(_dir, file);

        var (code, _, stderr) = await Deforum(["run", Settings(TinyRun), .. args, "--output", Path.Combine(_dir, "out")]);

        Assert.Equal(1, code);
        Assert.Contains(setting, stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, file), stderr, StringComparison.Ordinal);
        Assert.Contains(fix, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    const string TinyDepthRun = """
        { "W": 64, "H": 64, "animation_mode": "3D", "max_frames": 3, "diffusion_cadence": "2", "steps": 2, "sampler": "euler",
          "seed": 1, "use_depth_warping": true, "save_depth_maps": true, "midas_weight": 0.3, "translation_z": "0:(10)",
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
        // the tiny MiDaS and AdaBins of the depth set's DepthModel.predict cases stand in for the released files
        // (midas_weight 0.3, the notebook's: both networks run)
        string[] depthModels = ["--midas", Golden.DepthSetModelFile("midas_model"), "--adabins", Golden.DepthSetModelFile("adabins_model")];
        var settings = Settings(TinyDepthRun);
        var runs = new List<SortedDictionary<string, byte[]>>();
        foreach (var output in new[] { Path.Combine(_dir, "first"), Path.Combine(_dir, "second") })
        {
            var (code, _, stderr) = await Deforum(["run", settings, .. TinyModelArgs(), .. depthModels, "--output", output, "--no-video"]);
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

    [SkippableFact]
    public async Task Run_3d_with_low_vram_writes_the_same_frames_and_depth_maps_as_without()
    {
        // on the CPU the offloaded text encoder, VAE and depth networks never leave it: the moves must change nothing
        string[] depthModels = ["--midas", Golden.DepthSetModelFile("midas_model"), "--adabins", Golden.DepthSetModelFile("adabins_model")];
        var runs = new List<SortedDictionary<string, byte[]>>();
        foreach (var lowVram in new[] { false, true })
        {
            var settings = Settings(TinyDepthRun.Replace("\"seed\": 1,", $"\"seed\": 1, \"low_vram\": {(lowVram ? "true" : "false")},", StringComparison.Ordinal));
            var output = Path.Combine(_dir, lowVram ? "low" : "plain");
            var (code, stdout, stderr) = await Deforum(["run", settings, .. TinyModelArgs(), .. depthModels, "--output", output, "--no-video"]);
            Assert.True(code == 0, stderr);
            Assert.Equal(lowVram, stdout.Contains("note: low_vram", StringComparison.Ordinal));
            runs.Add(Pngs(output));
        }

        Assert.Equal(runs[0].Keys, runs[1].Keys);
        Assert.Contains(runs[0].Keys, k => k.StartsWith("depth_", StringComparison.Ordinal));
        Assert.All(runs[0], kv => Assert.True(kv.Value.AsSpan().SequenceEqual(runs[1][kv.Key]), $"{kv.Key} differs with low_vram"));
    }

    [SkippableFact]
    public async Task Run_2d_with_vr_mode_writes_side_by_side_eye_views_and_their_video_the_same_twice()
    {
        // 2D without save_depth_maps: vr_mode alone loads the (tiny) depth networks, for the eyes only
        string[] depthModels = ["--midas", Golden.DepthSetModelFile("midas_model"), "--adabins", Golden.DepthSetModelFile("adabins_model")];
        var settings = Settings("""
            { "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 2, "steps": 2, "sampler": "euler", "seed": 1, "zoom": "0:(1.05)",
              "midas_weight": 0.3, "vr_mode": true, "vr_ipd": 40, "vr_eye_angle": 2, "batch_name": "vr", "prompts": { "0": "a red apple" } }
            """);
        var (_, plan, _) = await Deforum("run", settings, "--plan");
        Assert.Contains("stereo: 2 side-by-side frames", plan, StringComparison.Ordinal);

        var runs = new List<SortedDictionary<string, byte[]>>();
        foreach (var (output, video) in new[] { (Path.Combine(_dir, "first"), true), (Path.Combine(_dir, "second"), false) })
        {
            var (code, stdout, stderr) = await Deforum(["run", settings, .. TinyModelArgs(), .. depthModels, "--output", output, .. video ? Array.Empty<string>() : ["--no-video"]]);
            Assert.True(code == 0, stderr);
            if (video) Assert.Contains("side-by-side video:", stdout, StringComparison.Ordinal);
            runs.Add(Pngs(output));
        }
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_dir, "first"), "*_sbs.mp4", SearchOption.AllDirectories));

        // the run without its videos gets both from `deforum video`, the side-by-side one at twice the width
        var second = Directory.EnumerateFiles(Path.Combine(_dir, "second"), "*_settings.txt", SearchOption.AllDirectories).Single();
        var (videoCode, videoOut, videoErr) = await Deforum("video", second);
        Assert.True(videoCode == 0, videoErr);
        var stereoVideo = Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(second)!, "*_sbs.mp4"));
        Assert.Contains($"side-by-side video: {stereoVideo}", videoOut, StringComparison.Ordinal);
        Assert.Equal(new VideoInfo(128, 64, 12, 2), await VideoProbe.ProbeAsync(FfmpegTool.Default, stereoVideo));

        Assert.Equal(["00000.png", "00000_sbs.png", "00001.png", "00001_sbs.png"], runs[0].Keys);
        Assert.Equal(runs[0].Keys, runs[1].Keys);
        Assert.All(runs[0], kv => Assert.True(kv.Value.AsSpan().SequenceEqual(runs[1][kv.Key]), $"{kv.Key} differs between the runs"));
        foreach (var sbs in Directory.EnumerateFiles(Path.Combine(_dir, "first"), "*_sbs.png", SearchOption.AllDirectories))
        {
            var image = global::Deforum.Media.ImageFile.Read(sbs); // left | right: 128 × 64
            Assert.Equal((128, 64), (image.Width, image.Height));
            bool Same(int y) => image.Pixels.AsSpan(y * 128 * 3, 64 * 3).SequenceEqual(image.Pixels.AsSpan(y * 128 * 3 + 64 * 3, 64 * 3));
            Assert.False(Enumerable.Range(0, 64).All(Same), $"{sbs}: left and right eye views are the same");
        }
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
    public async Task Preview_loops_forward_and_back_by_the_files_ping_pong_or_the_option()
    {
        var mp4 = Path.Combine(_dir, "preview.mp4");
        var pingPong = Settings("""{ "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 5, "zoom": "0:(1.1)", "ping_pong": true, "prompts": { "0": "x" } }""");

        var (code, stdout, stderr) = await Deforum("preview", pingPong, "--output", mp4);
        Assert.True(code == 0, stderr);
        Assert.Contains("5 frames forward then back: 8 in the loop", stdout, StringComparison.Ordinal);
        Assert.Equal(8, (await VideoProbe.ProbeAsync(FfmpegTool.Default, mp4)).FrameCount);

        (code, _, stderr) = await Deforum("preview", pingPong, "--output", mp4, "--ping-pong", "false");
        Assert.True(code == 0, stderr);
        Assert.Equal(5, (await VideoProbe.ProbeAsync(FfmpegTool.Default, mp4)).FrameCount);
        Assert.Equal(["preview.mp4"], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName).Where(n => n!.StartsWith('.') || n.EndsWith(".mp4", StringComparison.Ordinal)));
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

    [Fact]
    public async Task Doctor_reports_the_blas_kernels_threads_and_wait_policy_and_passes_its_self_check()
    {
        var (code, stdout, _) = await Deforum("doctor");

        Assert.Equal(0, code);
        Assert.Contains("BLAS kernels: ", stdout, StringComparison.Ordinal);
        Assert.Contains("intra-op threads: ", stdout, StringComparison.Ordinal);
        Assert.Contains("OpenMP wait policy: ", stdout, StringComparison.Ordinal);
        Assert.Contains("self-check on cpu: ok", stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Doctor_refuses_a_cuda_device_this_libtorch_lacks()
    {
        Skip.If(Cuda.IsAvailable, "CUDA is present");

        var (code, _, stderr) = await Deforum("doctor", "--device", "cuda");

        Assert.Equal(1, code);
        Assert.Contains("--device cpu", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// OpenBLAS and libgomp read their variables when libtorch loads, once per process, so only a new process shows
    /// that settings the user made are left alone (Prescott runs on every x86-64 CPU).
    /// </summary>
    [SkippableFact]
    public void Doctor_in_a_new_process_keeps_the_users_OPENBLAS_CORETYPE_OMP_WAIT_POLICY_and_OPENBLAS_NUM_THREADS()
    {
        var info = TorchLibrary.BuildInfo;
        Skip.IfNot(info.Blas.Contains("DYNAMIC_ARCH", StringComparison.Ordinal), $"the BLAS is not an OpenBLAS that can switch kernels: {info.Blas}");
        var start = new ProcessStartInfo("dotnet", [typeof(DeforumCli).Assembly.Location, "doctor"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["OPENBLAS_CORETYPE"] = "Prescott", ["OMP_WAIT_POLICY"] = "active", ["OPENBLAS_NUM_THREADS"] = "2" },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Contains("BLAS kernels: OpenBLAS Prescott; OPENBLAS_CORETYPE=Prescott set in the environment, respected", stdout, StringComparison.Ordinal);
        Assert.Contains("OpenMP wait policy: active (OMP_WAIT_POLICY set in the environment, respected)", stdout, StringComparison.Ordinal);
        Assert.Contains("OpenBLAS threads: 2 (OPENBLAS_NUM_THREADS set in the environment, respected)", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
