using Deforum.Models;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Testing;
using Deforum.Tests.Media;
using Deforum.Tests.Models.Clip;
using Xunit;
using TinySd = Deforum.Tests.Models.TinyModel;

namespace Deforum.Tests.Rendering;

/// <summary>"Do the Run!" end to end on the tiny golden model: settings file, frames, video, stop and resume.</summary>
public sealed class DeforumRunTests : IDisposable
{
    const int MaxFrames = 5;

    readonly TempFolder _output = new();
    readonly Lazy<StableDiffusion> _model = new(() =>
        StableDiffusion.Load(TinySd.Config(), TinySd.SafetensorsPath, ClipTestVocabulary.Tokenizer(), TestDevice.Current));

    LoadedSettings Settings(string extra = "", string mode = "2D") => SettingsFile.Read($$"""
        { "W": 64, "H": 64, "animation_mode": "{{mode}}", "max_frames": {{MaxFrames}}, "diffusion_cadence": "2", "steps": 3,
          "sampler": "euler_ancestral", "zoom": "0: (1.04)", "seed": 7, "seed_behavior": "iter", "batch_name": "run",
          "prompts": { "0": "a red apple", "3": "a green pear --neg blurry" } {{extra}} }
        """, new DeforumSettings { Paths = new PathSettings { OutputPath = _output.Path } });

    static RunContext At(int minute) => new(new DateTime(2022, 9, 3, 12, minute, 0), new Random(0));

    StableDiffusion Model()
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        return _model.Value;
    }

    [SkippableFact]
    public async Task A_2d_run_writes_its_settings_every_frame_and_the_video()
    {
        var loaded = Settings();
        loaded = loaded with { Settings = loaded.Settings with { Video = loaded.Settings.Video with { SkipVideoForRunAll = false } } };

        var result = await DeforumRun.ExecuteAsync(Model(), loaded, At(0));

        var ts = result.Plan.Timestring;
        Assert.Equal(OutputPaths.BatchFolder(_output.Path, At(0).Started, "run"), result.Outdir);
        var expected = Enumerable.Range(0, MaxFrames).Select(i => OutputPaths.FrameFile(ts, i))
            .Append(OutputPaths.SettingsFile(ts)).Append(OutputPaths.VideoFile(ts)).Append(OutputPaths.ResumeStateFile(ts)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Directory.EnumerateFiles(result.Outdir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Path.Combine(result.Outdir, OutputPaths.VideoFile(ts)), result.Video);
        var saved = SettingsFile.Load(Path.Combine(result.Outdir, OutputPaths.SettingsFile(ts))).Settings;
        Assert.Equal(7, saved.Generation.Seed);
        Assert.Equal(ts, saved.Generation.Timestring);
    }

    LoadedSettings Resume(string timestring) =>
        Settings($$""", "resume_from_timestring": true, "resume_timestring": "{{timestring}}" """);

    string Outdir(int minute) => OutputPaths.BatchFolder(_output.Path, At(minute).Started, "run");

    Dictionary<string, byte[]> Frames(string folder, string timestring) => Directory.EnumerateFiles(folder, $"{timestring}_0*.png")
        .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    [SkippableFact]
    public async Task A_stopped_run_resumed_with_resume_from_timestring_writes_the_uninterrupted_runs_frames()
    {
        var model = Model();
        var uninterrupted = await DeforumRun.ExecuteAsync(model, Settings(), At(0));
        var expected = Frames(uninterrupted.Outdir, uninterrupted.Plan.Timestring);
        Directory.Delete(uninterrupted.Outdir, recursive: true);
        using var stop = new CancellationTokenSource();
        var stopAfterThree = new InlineProgress<RenderProgress>(p => { if (p.Completed == 3) stop.Cancel(); });
        string timestring = At(0).Timestring;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DeforumRun.ExecuteAsync(model, Settings(), At(0), stopAfterThree, stop.Token));
        Assert.DoesNotContain(OutputPaths.FrameFile(timestring, MaxFrames - 1), Directory.EnumerateFiles(Outdir(0)).Select(Path.GetFileName));
        // a kill during a frame write leaves its temporary file
        File.WriteAllBytes(Path.Combine(Outdir(0), $".{OutputPaths.FrameFile(timestring, 4)}.0badf00d.tmp"), [1, 2]);

        var randomSeed = Resume(timestring);
        randomSeed = randomSeed with { Settings = randomSeed.Settings with { Generation = randomSeed.Settings.Generation with { Seed = -1 } } };
        var resumed = await DeforumRun.ExecuteAsync(model, randomSeed, At(1));

        Assert.Equal(timestring, resumed.Plan.Timestring);
        Assert.Equal(ResumeKind.Exact, resumed.Plan.Resume!.Kind);
        Assert.Contains(resumed.Notices, n => n.Setting == "resume_timestring" && n.Message.Contains("exactly after frame", StringComparison.Ordinal));
        Assert.Contains(resumed.Notices, n => n.Setting == "seed" && n.Message.Contains("replaced by 7", StringComparison.Ordinal));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), Frames(Outdir(0), timestring).Keys.Order(StringComparer.Ordinal));
        Assert.All(Frames(Outdir(0), timestring), f => Assert.True(expected[f.Key].AsSpan().SequenceEqual(f.Value), f.Key));
        Assert.Empty(Directory.EnumerateFiles(Outdir(0), "*.tmp"));
        Assert.True(File.Exists(Path.Combine(Outdir(0), OutputPaths.SettingsFile(At(1).Timestring))), "the resumed run's own settings file");
    }

    [Fact]
    public async Task A_run_with_its_settings_file_and_no_frames_resumes_from_frame_zero()
    {
        Directory.CreateDirectory(Outdir(0));
        File.WriteAllText(Path.Combine(Outdir(0), OutputPaths.SettingsFile(At(0).Timestring)), "{}");

        var planned = await DeforumRun.PlanAsync(Resume(At(0).Timestring).Settings, At(1));

        Assert.Equal(ResumeKind.Continue, planned.Plan.Resume!.Kind);
        Assert.Equal(RenderPlanner.Plan(planned.Run).Frames.Count, planned.Plan.Frames.Count);
        Assert.Equal(OutputPaths.FrameFile(At(0).Timestring, 0), planned.Plan.SavedFrames.First().FileName);
        Assert.Contains(planned.Run.Notices, n => n.Message.Contains("has no frames yet: rendering it from frame 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_without_a_resume_state_says_it_resumes_as_the_original()
    {
        Directory.CreateDirectory(Outdir(0));
        foreach (int i in Enumerable.Range(0, 3)) File.WriteAllBytes(Path.Combine(Outdir(0), OutputPaths.FrameFile(At(0).Timestring, i)), []);

        var planned = await DeforumRun.PlanAsync(Resume(At(0).Timestring).Settings, At(1));

        Assert.Equal(ResumeKind.Original, planned.Plan.Resume!.Kind);
        var notice = Assert.Single(planned.Run.Notices, n => n.Setting == "resume_timestring");
        Assert.Contains("Python notebook", notice.Message, StringComparison.Ordinal);
        Assert.Contains("can differ from an uninterrupted run", notice.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Resuming_a_finished_run_says_so_renders_nothing_and_still_makes_the_video()
    {
        var model = Model();
        var done = await DeforumRun.ExecuteAsync(model, Settings(), At(0));
        var before = Frames(done.Outdir, done.Plan.Timestring);
        var withVideo = Resume(done.Plan.Timestring);
        withVideo = withVideo with { Settings = withVideo.Settings with { Video = withVideo.Settings.Video with { SkipVideoForRunAll = false } } };

        var again = await DeforumRun.ExecuteAsync(model, withVideo, At(1));

        Assert.Equal(ResumeKind.Finished, again.Plan.Resume!.Kind);
        Assert.Empty(again.Plan.Frames);
        Assert.Contains(again.Notices, n => n.Message.Contains("is finished", StringComparison.Ordinal));
        Assert.True(File.Exists(again.Video), "the video of the finished run");
        Assert.Equal(before.Keys, Frames(done.Outdir, done.Plan.Timestring).Keys);
    }

    [SkippableFact]
    public async Task A_still_batch_writes_each_prompts_images_and_grid()
    {
        var loaded = SettingsFile.Read("""
            { "W": 64, "H": 64, "animation_mode": "None", "steps": 3, "sampler": "euler", "seed": 7, "seed_behavior": "iter",
              "n_batch": 2, "make_grid": true, "grid_rows": 1, "filename_format": "{timestring}_{index}_{seed}.png", "batch_name": "stills",
              "prompts": { "a red apple": "00000", "a green pear": "00001" } }
            """, new DeforumSettings { Paths = new PathSettings { OutputPath = _output.Path } });

        var result = await DeforumRun.ExecuteAsync(Model(), loaded, At(0));

        var ts = result.Plan.Timestring;
        Assert.Null(result.Video);
        Assert.Equal(result.Plan.SavedFrames.Select(f => f.FileName!).Concat(result.Plan.Grids).Append(OutputPaths.SettingsFile(ts)).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(result.Outdir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([7L, 8, 9, 10], result.Plan.Frames.Select(f => f.Seed!.Value));
        // grid_rows 1 → both images of a prompt in one row, 2-pixel padding around and between
        var grid = Deforum.Media.ImageFile.Read(Path.Combine(result.Outdir, result.Plan.Grids[0]));
        Assert.Equal((2 + 64 + 2 + 64 + 2, 2 + 64 + 2), (grid.Width, grid.Height));
    }

    [SkippableFact]
    public async Task A_video_input_run_extracts_every_nth_frame_and_renders_one_frame_each()
    {
        using var video = new SyntheticVideo();
        var loaded = SettingsFile.Read($$"""
            { "W": 64, "H": 64, "animation_mode": "Video Input", "video_init_path": {{System.Text.Json.JsonSerializer.Serialize(video.Mp4Path)}},
              "extract_nth_frame": 10, "steps": 3, "strength": 0.5, "sampler": "euler", "seed": 7, "batch_name": "video",
              "prompts": { "0": "a red apple" } }
            """, new DeforumSettings { Paths = new PathSettings { OutputPath = _output.Path } });

        var result = await DeforumRun.ExecuteAsync(Model(), loaded, At(0));

        int frames = SyntheticVideo.FrameCount / 10;
        Assert.Equal(frames, result.Plan.SavedFrames.Count());
        Assert.All(result.Plan.SavedFrames, f => Assert.True(File.Exists(Path.Combine(result.Outdir, f.FileName!)), f.FileName));
        Assert.Equal(Enumerable.Range(1, frames).Select(n => Path.Combine(result.Outdir, OutputPaths.InputFrame(n))), result.Plan.Generations.Select(f => f.InitImage));
    }

    [SkippableFact]
    public async Task A_video_that_cannot_be_read_names_video_init_path()
    {
        var settings = SettingsFile.Read("""{ "animation_mode": "Video Input", "video_init_path": "no/such/video.mp4" }""",
            new DeforumSettings { Paths = new PathSettings { OutputPath = _output.Path } }).Settings;
        var e = await Assert.ThrowsAsync<SettingsException>(() => DeforumRun.PlanAsync(settings, At(0)));
        Assert.Contains(e.Problems, p => p.Setting == "video_init_path");
    }

    [SkippableFact]
    public async Task An_interpolation_run_saves_the_blended_frames_and_the_last_key()
    {
        var loaded = SettingsFile.Read("""
            { "W": 64, "H": 64, "animation_mode": "Interpolation", "interpolate_x_frames": 2, "steps": 3, "sampler": "euler",
              "seed": 7, "batch_name": "interp", "prompts": { "0": "a red apple", "10": "a green pear" } }
            """, new DeforumSettings { Paths = new PathSettings { OutputPath = _output.Path } });

        var result = await DeforumRun.ExecuteAsync(Model(), loaded, At(0));

        // (keys − 1)·(x + 1) + 1 frames, named from 0
        Assert.Equal(Enumerable.Range(0, 4).Select(i => OutputPaths.FrameFile(result.Plan.Timestring, i)), result.Plan.SavedFrames.Select(f => f.FileName!));
        Assert.All(result.Plan.SavedFrames, f => Assert.True(File.Exists(Path.Combine(result.Outdir, f.FileName!)), f.FileName));
    }

    [Fact]
    public async Task Ping_pong_is_planned_with_the_videos_length()
    {
        var planned = await DeforumRun.PlanAsync(Settings(""", "ping_pong": true""").Settings, At(0));
        var plain = await DeforumRun.PlanAsync(Settings().Settings, At(0));

        var notice = Assert.Single(planned.Run.Notices, n => n.Setting == "ping_pong");
        Assert.Equal("the video plays the 5 frames forward, then 3 back: 8 frames, 0.67 s at 12 fps, looping seamlessly", notice.Message);
        Assert.DoesNotContain(plain.Run.Notices, n => n.Setting == "ping_pong");
    }

    [SkippableFact]
    public async Task A_ping_pong_run_makes_its_video_there_and_back()
    {
        var loaded = Settings(""", "ping_pong": true""");
        loaded = loaded with { Settings = loaded.Settings with { Video = loaded.Settings.Video with { SkipVideoForRunAll = false } } };

        var result = await DeforumRun.ExecuteAsync(Model(), loaded, At(0));

        Assert.Equal(8, (await Deforum.Media.Video.VideoProbe.ProbeAsync(Deforum.Media.Ffmpeg.FfmpegTool.Default, result.Video!)).FrameCount);
        var saved = SettingsFile.Load(Path.Combine(result.Outdir, OutputPaths.SettingsFile(result.Plan.Timestring))).Settings;
        Assert.True(saved.Video.PingPong);
    }

    [Fact]
    public async Task Deeper_bit_depths_render_as_8_bit_png_with_a_notice()
    {
        var settings = SettingsFile.Read("""{ "animation_mode": "2D", "bit_depth_output": 32 }""").Settings;

        var planned = await DeforumRun.PlanAsync(settings, At(0));

        Assert.Contains(planned.Run.Notices, n => n.Setting == "bit_depth_output" && n.Message.Contains("8-bit PNG", StringComparison.Ordinal));
        Assert.All(planned.Plan.SavedFrames, f => Assert.EndsWith(".png", f.FileName!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "animation_mode": "None", "clip_scale": 100 }""", "clip_scale")]
    [InlineData("""{ "animation_mode": "None", "n_samples": 2 }""", "n_samples")]
    [InlineData("""{ "animation_mode": "2D", "mean_scale": 500 }""", "mean_scale")]
    public async Task What_cannot_be_rendered_yet_is_refused_before_a_model_runs(string json, string setting)
    {
        var e = await Assert.ThrowsAsync<SettingsException>(() => DeforumRun.PlanAsync(SettingsFile.Read(json).Settings, At(0)));
        Assert.Contains(e.Problems, p => p.Setting == setting && p.Fix.Length > 0);
    }

    [SkippableFact]
    public async Task A_3d_run_with_depth_warping_writes_every_frame_and_depth_map_in_the_notebook_api()
    {
        var midas = Path.Combine(RepoPaths.GoldenDepthDir, "midas_tiny.pth");
        Golden.RequireData(File.Exists(midas), $"{midas} missing");
        var loaded = Settings(""", "use_depth_warping": true, "save_depth_maps": true, "midas_weight": 1, "translation_z": "0: (10)" """, "3D");
        var planned = await DeforumRun.PlanAsync(loaded.Settings, At(0));

        var result = await DeforumRun.ExecuteAsync(Model(), planned, depthModels: new DepthModelOptions
        {
            ModelsPath = Path.Combine(_output.Path, "no-models"),
            MidasCheckpoint = midas,
        });

        var files = Directory.EnumerateFiles(result.Outdir).Select(Path.GetFileName).ToHashSet();
        Assert.All(result.Plan.SavedFrames, f =>
        {
            Assert.Contains(f.FileName, files);
            Assert.Contains(f.DepthFileName, files);
        });
        Assert.False(Directory.Exists(Path.Combine(_output.Path, "no-models")), "a file given directly needs no models_path");
    }

    [SkippableFact]
    public async Task A_depth_model_that_cannot_be_loaded_stops_the_run_before_anything_is_written()
    {
        var loaded = Settings(""", "use_depth_warping": true, "midas_weight": 1 """, "3D");
        var planned = await DeforumRun.PlanAsync(loaded.Settings, At(0));
        var notMidas = TinySd.SafetensorsPath;

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => DeforumRun.ExecuteAsync(Model(), planned,
            depthModels: new DepthModelOptions { ModelsPath = _output.Path, MidasCheckpoint = notMidas }));

        Assert.Contains(notMidas, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(planned.Outdir));
    }

    /// <summary>The run's frames in index order (cadence 2: frames 0, 2, 4 diffused, 1 and 3 blended toward them).</summary>
    async Task<byte[][]> Render(string extra, int minute)
    {
        var result = await DeforumRun.ExecuteAsync(Model(), Settings(extra), At(minute));
        var frames = Frames(result.Outdir, result.Plan.Timestring);
        return [.. Enumerable.Range(0, MaxFrames).Select(i => frames[OutputPaths.FrameFile(result.Plan.Timestring, i)])];
    }

    [SkippableFact]
    public async Task Perlin_noise_changes_the_frames_from_the_first_noised_generation_on()
    {
        var uniform = await Render(""", "noise_schedule": "0: (0.3)" """, 0);
        var perlin = await Render(""", "noise_type": "perlin", "perlin_w": 4, "perlin_h": 2, "perlin_octaves": 3, "noise_schedule": "0: (0.3)" """, 1);
        Assert.Equal(uniform[..2], perlin[..2]); // frame 0 is not noised, and frame 1 does not blend in frame 2 yet
        Assert.All(Enumerable.Range(2, MaxFrames - 2), i => Assert.NotEqual(uniform[i], perlin[i]));
    }

    [SkippableFact]
    public async Task Perlin_init_starts_the_first_frame_from_discos_picture()
    {
        var plain = await Render(""", "strength": 0.5 """, 0);
        var perlin = await Render(""", "strength": 0.5, "perlin_init": true, "perlin_mode": "gray" """, 1);
        Assert.NotEqual(plain[0], perlin[0]);
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
        _output.Dispose();
    }
}
