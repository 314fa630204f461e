using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Sampling;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Planning;

public class RenderPlanTests
{
    const string Ts = "20240101120000";

    static PreparedRun Prepare(string mode, int maxFrames = 5, int cadence = 1, Func<GenerationSettings, GenerationSettings>? g = null,
        Func<AnimationSettings, AnimationSettings>? a = null, PromptSettings? prompts = null, int? videoFrames = null)
    {
        var s = new DeforumSettings();
        var gen = s.Generation with { Seed = 10 };
        var anim = s.Animation with { AnimationMode = mode, MaxFrames = maxFrames, DiffusionCadence = cadence };
        s = s with { Generation = g?.Invoke(gen) ?? gen, Animation = a?.Invoke(anim) ?? anim, Prompts = prompts ?? s.Prompts };
        return RunPreparation.Prepare(s, new RunContext(new DateTime(2024, 1, 1, 12, 0, 0), new Random(1), videoFrames));
    }

    static RenderPlan Plan(PreparedRun run, ResumePoint? resume = null) => RenderPlanner.Plan(run, resume);

    static string Shape(RenderPlan plan) =>
        string.Join(" ", plan.Frames.Select(f => (f.Kind == FrameKind.Diffused ? "D" : "I") + f.Index));

    [Fact]
    public void Two_d_cadence_1_diffuses_and_saves_every_frame()
    {
        var plan = Plan(Prepare("2D"));
        Assert.Equal("D0 D1 D2 D3 D4", Shape(plan));
        Assert.Equal([10L, 11, 12, 13, 14], plan.Frames.Select(f => f.Seed!.Value));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{Ts}_{i:D5}.png"), plan.Frames.Select(f => f.FileName));

        var first = plan.Frames[0];
        Assert.Null(first.Motion);
        Assert.Equal((0.0, 50), (first.Strength!.Value, first.Steps!.Value));
        Assert.Equal(ColorReferenceRule.None, first.Color);

        var second = plan.Frames[1];
        Assert.Equal((0.65, 17, 0.02, 1.0), (second.Strength!.Value, second.Steps!.Value, second.Noise!.Value, second.Contrast!.Value));
        Assert.Equal(1.04, second.Motion!.Zoom, 12);
        Assert.Equal(ColorReferenceRule.StoreReference, second.Color);
        Assert.Equal(ColorReferenceRule.MatchReference, plan.Frames[2].Color);
        Assert.Contains("apple", first.Prompt!.Text);
    }

    [Fact]
    public void Cadence_2_interleaves_in_betweens_and_writes_the_tail()
    {
        var plan = Plan(Prepare("2D", maxFrames: 5, cadence: 2));
        Assert.Equal("D0 I0 I1 D2 I2 I3 D4 I4", Shape(plan));
        Assert.Equal([10L, 11, 12], plan.Generations.Select(f => f.Seed!.Value));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{Ts}_{i:D5}.png"), plan.SavedFrames.Select(f => f.FileName));
        Assert.All(plan.Generations, f => Assert.Null(f.FileName));
        var blends = plan.Frames.Where(f => f.Kind == FrameKind.InBetween).Select(f => f.Blend).ToList();
        Assert.Equal(new CadenceBlend(null, 0, 0.5), blends[0]);
        Assert.Equal(new CadenceBlend(null, 0, 1), blends[1]);
        Assert.Equal(new CadenceBlend(0, 2, 0.5), blends[2]);
        Assert.Equal(new CadenceBlend(null, 2, 1), blends[3]);
        Assert.Equal(new CadenceBlend(2, 4, 0.5), blends[4]);
        Assert.Equal(ColorReferenceRule.StoreReference, plan.Frames[3].Color);
    }

    [Fact]
    public void Cadence_5_diffuses_every_fifth_frame_and_warps_in_betweens_by_their_own_motion()
    {
        var plan = Plan(Prepare("3D", maxFrames: 12, cadence: 5, a: a => a with { TranslationZ = "0:(0), 11:(11)" }));
        Assert.Equal([0, 5, 10], plan.Generations.Select(f => f.Index));
        Assert.Equal(Enumerable.Range(0, 12), plan.SavedFrames.Select(f => f.Index));
        var k7 = plan.Frames.Single(f => f.Kind == FrameKind.InBetween && f.Index == 7);
        Assert.Equal(new CadenceBlend(0, 5, 0.6), k7.Blend);
        Assert.Equal(7, k7.Motion!.TranslationZ, 12);
        Assert.Equal([0.2, 0.4], plan.Frames.Where(f => f.Index >= 10 && f.Kind == FrameKind.InBetween).Select(f => f.Blend!.Weight));
        Assert.Equal(10, plan.Frames.Single(f => f.Index == 10 && f.Kind == FrameKind.Diffused).Motion!.TranslationZ, 12);
    }

    [Fact]
    public void Video_input_uses_extracted_count_run_strength_and_cadence_1()
    {
        var run = Prepare("Video Input", maxFrames: 1000, cadence: 3, g: g => g with { Strength = 0.5 }, videoFrames: 7);
        Assert.Equal(7, run.Settings.Animation.MaxFrames);
        Assert.True(run.Settings.Generation.UseInit);
        Assert.Contains(run.Notices, n => n.Setting == "max_frames");
        var plan = Plan(run);
        Assert.Equal("D0 D1 D2 D3 D4 D5 D6", Shape(plan));
        Assert.All(plan.Frames, f =>
        {
            Assert.Equal((0.5, 25), (f.Strength!.Value, f.Steps!.Value));
            Assert.Null(f.Motion);
            Assert.Null(f.Noise);
            Assert.Equal(ColorReferenceRule.None, f.Color);
        });
        Assert.EndsWith(Path.Combine("inputframes", "00001.jpg"), plan.Frames[0].InitImage);
        Assert.EndsWith(Path.Combine("inputframes", "00007.jpg"), plan.Frames[6].InitImage);
    }

    [Fact]
    public void Depth_maps_and_mask_frames_are_named_per_saved_frame()
    {
        var cadence = Plan(Prepare("3D", maxFrames: 4, cadence: 2, a: a => a with { SaveDepthMaps = true }));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{Ts}_depth_{i:D5}.png"), cadence.SavedFrames.Select(f => f.DepthFileName));
        Assert.All(cadence.Generations, f => Assert.Null(f.DepthFileName));
        var video = Plan(Prepare("Video Input", a: a => a with { UseMaskVideo = true }, videoFrames: 2));
        Assert.EndsWith(Path.Combine("maskframes", "00002.jpg"), video.Frames[1].MaskImage);
        Assert.Null(video.Frames[1].DepthFileName);
    }

    [Fact]
    public void Anti_blur_is_planned_only_when_its_amount_is_set()
    {
        Assert.All(Plan(Prepare("2D", maxFrames: 3)).Frames, f => Assert.Null(f.AntiBlur));
        var plan = Plan(Prepare("2D", maxFrames: 3, a: a => a with { AmountSchedule = "0: (0.2)", KernelSchedule = "0: (5.9)" }));
        Assert.Null(plan.Frames[0].AntiBlur);
        Assert.Equal(new AntiBlur(5, 1.0, 0.2, 0), plan.Frames[1].AntiBlur);
    }

    [Theory]
    [InlineData(100, 1, 100)]
    [InlineData(100, 3, 34)]
    [InlineData(99, 3, 33)]
    [InlineData(0, 2, 0)]
    public void Video_input_keeps_every_nth_decoded_frame(int decoded, int nth, int expected) =>
        Assert.Equal(expected, VideoInputFrames.ExtractedCount(decoded, nth));

    [Fact]
    public void Video_input_rejects_nth_below_one()
    {
        var e = Assert.Throws<SettingsException>(() => VideoInputFrames.ExtractedCount(10, 0));
        Assert.Equal("extract_nth_frame", e.Problems[0].Setting);
    }

    static PromptSettings ThreePrompts(int k1 = 3, int k2 = 10) =>
        new() { AnimationPrompts = new() { [0] = "a", [k1] = "b", [k2] = "c" } };

    [Fact]
    public void Interpolation_writes_k_minus_1_times_x_plus_1_plus_1_frames_with_a_fixed_seed()
    {
        var run = Prepare("Interpolation", a: a => a with { InterpolateXFrames = 4 }, g: g => g with { SeedBehavior = "iter" }, prompts: ThreePrompts());
        var plan = Plan(run);
        Assert.Equal(3, plan.Frames.Count(f => f.Kind == FrameKind.KeyPrompt));
        var saved = plan.SavedFrames.ToList();
        Assert.Equal((3 - 1) * (4 + 1) + 1, saved.Count);
        Assert.Equal(Enumerable.Range(0, 11), saved.Select(f => f.Index));
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8], saved.Take(5).Select(f => f.PromptBlend!.Weight));
        Assert.Equal(new PromptBlend(1, 2, 0), saved[5].PromptBlend);
        Assert.Equal(new PromptBlend(2, 2, 0), saved[^1].PromptBlend);
        Assert.All(plan.Frames, f => Assert.Equal(10, f.Seed));
    }

    [Fact]
    public void Interpolation_of_key_frames_uses_key_differences()
    {
        var plan = Plan(Prepare("Interpolation", a: a => a with { InterpolateKeyFrames = true }, prompts: ThreePrompts()));
        var saved = plan.SavedFrames.ToList();
        Assert.Equal(3 + 7 + 1, saved.Count);
        Assert.Equal(1.0 / 3, saved[1].PromptBlend!.Weight, 12);
    }

    [Fact]
    public void Still_batch_names_images_and_grids_like_the_original()
    {
        var run = Prepare("None", g: g => g with { NBatch = 3, MakeGrid = true });
        var plan = Plan(run);
        Assert.Equal(1, run.Settings.Animation.MaxFrames);
        Assert.Equal([0, 1, 2, 3, 4, 5], plan.Frames.Select(f => f.Index));
        Assert.Equal([10L, 11, 12, 13, 14, 15], plan.Frames.Select(f => f.Seed!.Value));
        Assert.Equal($"{Ts}_00000_a_beautiful_forest_by_Asher_Brown_Durand_trending_on_Artstation.png", plan.Frames[0].FileName);
        Assert.Equal([$"{Ts}_00000_grid_13.png", $"{Ts}_00001_grid_16.png"], plan.Grids);
    }

    [Fact]
    public void Still_batch_repeats_each_prompt_per_init_image()
    {
        var run = Prepare("None", g: g => g with { UseInit = true, Strength = 0.9, Steps = 10, FilenameFormat = "{timestring}_{index}_{seed}.png" });
        var plan = RenderPlanner.Plan(run, initImages: ["a.png", "b.png"]);
        Assert.Equal(4, plan.Frames.Count);
        Assert.Equal(["a.png", "b.png", "a.png", "b.png"], plan.Frames.Select(f => f.InitImage));
        Assert.All(plan.Frames, f => Assert.Equal(0, f.Steps));
        Assert.Equal($"{Ts}_00001_11.png", plan.Frames[1].FileName);
    }

    [Fact]
    public void Resume_continues_after_the_last_frame_under_the_old_timestring()
    {
        var files = Enumerable.Range(0, 7).Select(i => $"20200101000000_{i:D5}.png")
            .Append("20200101000000_settings.txt").Append("20200101000000_depth_00000.png");
        var resume = ResumeFinder.Find(files, "20200101000000", cadence: 1);
        Assert.Equal((6, 7), (resume.LastFrame, resume.StartFrame));
        var plan = Plan(Prepare("2D", maxFrames: 10), resume);
        Assert.Equal("D7 D8 D9", Shape(plan));
        Assert.Equal("20200101000000_00007.png", plan.Frames[0].FileName);
        Assert.Equal(ColorReferenceRule.MatchReference, plan.Frames[0].Color);
        Assert.NotNull(plan.Frames[0].Motion);
        Assert.Equal(10, plan.Frames[0].Seed);
    }

    [Fact]
    public void Resume_with_cadence_restarts_from_a_diffused_frame()
    {
        var files = Enumerable.Range(0, 8).Select(i => $"20200101000000_{i:D5}.png");
        var resume = ResumeFinder.Find(files, "20200101000000", cadence: 3);
        Assert.Equal((6, 9), (resume.LastFrame, resume.StartFrame));
        var plan = Plan(Prepare("2D", maxFrames: 11, cadence: 3), resume);
        Assert.Equal("I6 I7 I8 D9 I9 I10", Shape(plan));
        Assert.Equal(new CadenceBlend(6, 6, 1.0 / 3), plan.Frames[0].Blend);
    }

    [Fact]
    public void A_still_batch_cannot_be_resumed()
    {
        var resume = new ResumePoint(Ts, 1, 2, "x");
        var e = Assert.Throws<SettingsException>(() => Plan(Prepare("None"), resume));
        Assert.Equal("resume_from_timestring", e.Problems[0].Setting);
    }

    [Fact]
    public void Video_input_resumes_at_its_first_missing_frame_with_the_seeds_it_would_have_had()
    {
        var run = Prepare("Video Input", videoFrames: 5);
        var resume = ResumeFinder.Find(Enumerable.Range(0, 2).Select(i => OutputPaths.FrameFile("20200101000000", i)), "20200101000000", cadence: 1);

        var plan = Plan(run, resume);

        var full = Plan(run);
        Assert.Equal(ResumeKind.Continue, plan.Resume!.Kind);
        Assert.Equal("D2 D3 D4", Shape(plan));
        Assert.Equal(full.Frames.Skip(2).Select(f => f.Seed), plan.Frames.Select(f => f.Seed));
        Assert.Equal("20200101000000_00002.png", plan.Frames[0].FileName);
    }

    [Fact]
    public void A_resume_state_continues_the_full_plan_after_its_diffused_frame()
    {
        var run = Prepare("2D", maxFrames: 11, cadence: 3);
        var state = new ResumeStateInfo("20200101000000", "2D", run.Settings.Generation.W, run.Settings.Generation.H, 3, 6, run.Settings.Generation.Seed);
        var resume = ResumeFinder.Find(Enumerable.Range(0, 6).Select(i => OutputPaths.FrameFile("20200101000000", i)), "20200101000000", 3, state);

        var plan = Plan(run, resume);

        var full = Plan(run).Frames;
        int after = full.ToList().FindIndex(f => f.Kind == FrameKind.Diffused && f.Index == 6) + 1;
        Assert.Equal(ResumeKind.Exact, plan.Resume!.Kind);
        static object Key(PlannedFrame f) => (f.Index, f.Kind, f.Seed, f.Strength, f.Blend, f.Motion, f.Color, f.Prompt?.Text, f.FileName?[Ts.Length..]);
        Assert.Equal(full.Skip(after).Select(Key), plan.Frames.Select(Key));
        Assert.All(plan.SavedFrames, f => Assert.StartsWith("20200101000000_", f.FileName, StringComparison.Ordinal));
        Assert.Equal("I6 I7 I8 D9 I9 I10", Shape(plan));
    }

    [Theory]
    [InlineData("diffusion_cadence", 2, 0)]
    [InlineData("W", 3, 64)]
    public void A_resume_state_refuses_settings_it_does_not_fit(string setting, int cadence, int widthChange)
    {
        var run = Prepare("2D", maxFrames: 11, cadence: 3);
        var state = new ResumeStateInfo(Ts, "2D", run.Settings.Generation.W + widthChange, run.Settings.Generation.H, cadence, 6, 1);

        var e = Assert.Throws<SettingsException>(() => Plan(run, ResumeFinder.Find([], Ts, 3, state)));

        Assert.Equal(setting, e.Problems.Single().Setting);
        Assert.Contains($"set {setting} back to", e.Problems[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_every_frame_on_disk_is_finished()
    {
        var plan = Plan(Prepare("2D", maxFrames: 4, cadence: 2), ResumeFinder.Find(Enumerable.Range(0, 4).Select(i => OutputPaths.FrameFile(Ts, i)), Ts, 2));

        Assert.Equal(ResumeKind.Finished, plan.Resume!.Kind);
        Assert.Empty(plan.Frames);
    }

    [Fact]
    public void Table_lists_every_entry_with_its_values()
    {
        var table = Plan(Prepare("2D", maxFrames: 3, cadence: 2)).ToTable();
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("2D plan, timestring 20240101120000, 5 entries", lines[0]);
        Assert.Contains("frame", lines[1]);
        Assert.Equal(7, lines.Length);
        Assert.Contains("InBetween", table);
        Assert.Contains("0→2 w=0.5", table);
        Assert.Contains($"{Ts}_00002.png", table);
    }

    [Fact]
    public void Schedule_seed_behaviour_reads_the_seed_schedule()
    {
        var plan = Plan(Prepare("2D", maxFrames: 3, g: g => g with { SeedBehavior = "schedule", SeedSchedule = "0:(s), 1:(s+100)" }));
        Assert.Equal([10L, 110, 110], plan.Frames.Select(f => f.Seed!.Value));
    }

    [Fact]
    public void Scheduled_samplers_are_planned_per_diffused_frame()
    {
        var plan = Plan(Prepare("2D", maxFrames: 5, cadence: 2,
            a: a => a with { EnableScheduleSamplers = true, SamplerSchedule = "0:('euler'), 2:('heun')" }));
        Assert.All(plan.Frames, f => Assert.Equal(f.Kind == FrameKind.Diffused
            ? f.Index < 2 ? SamplerName.Euler : SamplerName.Heun
            : null, f.Sampler));
        Assert.Contains(plan.Frames, f => f.Sampler == SamplerName.Heun);
    }

    [Fact]
    public void Scheduled_plms_is_swapped_for_klms_and_reported()
    {
        var run = Prepare("3D", maxFrames: 3, a: a => a with { EnableScheduleSamplers = true, SamplerSchedule = "0:('euler'), 1:('plms')" });
        Assert.Equal([SamplerName.Euler, SamplerName.Klms, SamplerName.Klms], run.SamplerSchedule);
        Assert.Contains(run.Notices, n => n.Setting == "sampler_schedule");
    }

    [Fact]
    public void Without_enable_schedule_samplers_no_frame_overrides_the_sampler()
    {
        var run = Prepare("2D", a: a => a with { SamplerSchedule = "0:('not a sampler')" });
        Assert.Null(run.SamplerSchedule);
        Assert.All(Plan(run).Frames, f => Assert.Null(f.Sampler));
    }
}
