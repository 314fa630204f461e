using Deforum.Outputs;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Outputs;

public class OutputTests
{
    [Fact]
    public void Timestring_and_batch_folder_follow_the_original()
    {
        var t = new DateTime(2022, 9, 3, 0, 9, 39);
        Assert.Equal("20220903000939", OutputPaths.Timestring(t));
        Assert.Equal(Path.Combine("/out", "2022-09", "StableFun"), OutputPaths.BatchFolder("/out", t, "StableFun"));
        Assert.Equal(Path.Combine("/out", "2022-09"), OutputPaths.BatchFolder("/out", t, ""));
    }

    [Fact]
    public void File_names()
    {
        Assert.Equal("20220903000939_00012.png", OutputPaths.FrameFile("20220903000939", 12));
        Assert.Equal("20220903000939_00012.exr", OutputPaths.FrameFile("20220903000939", 12, ".exr"));
        Assert.Equal("20220903000939_depth_00003.png", OutputPaths.DepthFile("20220903000939", 3));
        Assert.Equal("20220903000939_settings.txt", OutputPaths.SettingsFile("20220903000939"));
        Assert.Equal("20220903000939.mp4", OutputPaths.VideoFile("20220903000939"));
        Assert.Equal(Path.Combine("inputframes", "00001.jpg"), OutputPaths.InputFrame(1));
        Assert.Equal(Path.Combine("maskframes", "00002.jpg"), OutputPaths.MaskFrame(2));
        Assert.Equal("ts_00004_grid_77.png", OutputPaths.GridFile("ts", 4, 77));
        Assert.Equal(Path.Combine("/o", "ts_01_99"), OutputPaths.StepPreviewFolder("/o", "ts", 1, 99));
        Assert.Equal("x0_pred_00012.png", OutputPaths.StepPreviewFile("x0_pred", 12));
    }

    [Fact]
    public void Batch_image_names_use_the_prompt_only_for_the_exact_prompt_format()
    {
        Assert.Equal("ts_00001_A_cat_on_Mars.png", OutputPaths.BatchImageFile("ts", 1, "{timestring}_{index}_{prompt}.png", "A cat, on Mars!", 5));
        Assert.Equal("ts_00001_5.png", OutputPaths.BatchImageFile("ts", 1, "{timestring}_{index}_{seed}.png", "A cat", 5));
        Assert.Equal("ts_00001_5.png", OutputPaths.BatchImageFile("ts", 1, "anything", "A cat", 5));
    }

    [Fact]
    public void Sanitize_keeps_letters_and_spaces_and_160_characters()
    {
        Assert.Equal("caf_au_lait_", OutputPaths.Sanitize("café au lait 42"));
        Assert.Equal(160, OutputPaths.Sanitize(new string('a', 200)).Length);
    }

    [Fact]
    public void Resume_counts_only_the_unbroken_frames_from_zero()
    {
        var files = new[] { "T_00000.png", "T_00001.png", "T_00003.png", "T_settings.txt", "T_depth_00002.png", "T_00002.jpg", "U_00002.png" };
        var r = ResumeFinder.Find(files, "T", 1);
        Assert.Equal((1, 2, "T_00001.png"), (r.LastFrame, r.StartFrame, r.LastFrameFile));
    }

    [Fact]
    public void Resume_without_frames_continues_from_frame_zero()
    {
        var r = ResumeFinder.Find(["T_settings.txt"], "T", 3);
        Assert.Equal((ResumeKind.Continue, 0, 0), (r.Kind, r.StartFrame, r.FramesOnDisk));
    }

    [Fact]
    public void Resume_with_a_state_file_continues_after_its_frame_whatever_the_frames_on_disk()
    {
        var state = new ResumeStateInfo("T", "2D", 64, 64, 3, 6, 5);
        var r = ResumeFinder.Find(["T_00000.png", "T_00001.png", "T_00002.png", "T_00003.png"], "T", 3, state);
        Assert.Equal((ResumeKind.Exact, 6, 4), (r.Kind, r.LastFrame, r.FramesOnDisk));
        Assert.Same(state, r.State);
    }

    [Theory]
    [InlineData("/runs/20220903000000_settings.txt", "20220903000000")]
    [InlineData("20220903000000_00001.png", null)]
    [InlineData("_settings.txt", null)]
    public void A_runs_settings_file_names_its_timestring(string path, string? timestring) =>
        Assert.Equal(timestring, OutputPaths.TimestringOfSettingsFile(path));

    [Fact]
    public void The_state_file_name_is_not_counted_as_a_frame_by_the_originals_prefix_rule()
    {
        var name = OutputPaths.ResumeStateFile("20220903000000");
        Assert.NotEqual("20220903000000", name.Split('_')[0]);
    }

    [Fact]
    public void Resume_reads_a_folder_and_rejects_a_missing_one()
    {
        var dir = Directory.CreateTempSubdirectory("deforum_resume_").FullName;
        try
        {
            foreach (var i in Enumerable.Range(0, 4)) File.WriteAllBytes(Path.Combine(dir, $"T_{i:D5}.png"), []);
            Assert.Equal(4, ResumeFinder.FindIn(dir, "T", 1).StartFrame);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        var e = Assert.Throws<SettingsException>(() => ResumeFinder.FindIn(dir, "T", 1));
        Assert.Equal("outdir", e.Problems[0].Setting);
    }
}
