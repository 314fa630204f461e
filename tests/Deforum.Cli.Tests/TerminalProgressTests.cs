using Deforum.Models.Registry;
using Deforum.Planning;
using Deforum.Rendering;
using Deforum.Settings;
using Xunit;

namespace Deforum.Cli.Tests;

/// <summary>The run's progress as people see it: a bar redrawn in place on a terminal, plain lines in logs and pipes.</summary>
public class TerminalProgressTests
{
    static RenderPlan Plan() => RenderPlanner.Plan(RunPreparation.Prepare(SettingsFile.Read("""
        { "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 2, "steps": 4, "strength_schedule": "0: (0.5)", "prompts": { "0": "a" } }
        """).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0))));

    /// <summary>Every event of the plan, 40 ms apart: started, each sampler step, written, finished.</summary>
    static IEnumerable<RenderProgress> Events(RenderPlan plan)
    {
        double t = 0;
        RenderProgress At(RenderEvent kind, int completed, PlannedFrame? frame) =>
            new(completed, plan.Frames.Count, frame) { Event = kind, Elapsed = TimeSpan.FromMilliseconds(t += 40), Plan = frame is null ? plan : null };
        yield return At(RenderEvent.RunStarted, 0, null);
        for (int i = 0; i < plan.Frames.Count; i++)
        {
            var f = plan.Frames[i];
            yield return At(RenderEvent.FrameStarted, i, f);
            for (int k = 1; k <= f.Steps; k++) yield return At(RenderEvent.SamplerStep, i, f) with { Step = k, Steps = f.Steps };
            yield return At(RenderEvent.FrameWritten, i, f) with { Path = $"/out/{f.FileName}" };
            yield return At(RenderEvent.EntryFinished, i + 1, f);
        }
        yield return At(RenderEvent.RunFinished, plan.Frames.Count, null);
    }

    [Fact]
    public void A_terminal_gets_one_bar_redrawn_in_place()
    {
        var plan = Plan();
        var output = new StringWriter();
        var tracker = new TerminalProgress(output, interactive: true, width: 200).Render("/out");

        foreach (var e in Events(plan)) tracker.Report(e);

        var text = output.ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rendering 2 of 2 frames into /out", lines[0]);
        Assert.Equal(2, lines.Length); // the heading, then one line redrawn with \r until the end
        var draws = lines[1].Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(draws, d => Assert.EndsWith("\u001b[K", d, StringComparison.Ordinal));
        Assert.Contains(draws, d => d.Contains("step 3/4", StringComparison.Ordinal) && d.Contains("frame 0/2", StringComparison.Ordinal));
        Assert.StartsWith("[██████████░░░░░░░░░░] frame 1/2", draws.First(d => d.Contains("frame 1/2", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("[████████████████████] frame 2/2", draws[^1], StringComparison.Ordinal);
        Assert.Contains("done · last 20220903000000_00001.png", draws[^1], StringComparison.Ordinal);
        // 40 ms apart: at most every other step is drawn (100 ms apart), frames always
        int steps = plan.Frames.Sum(f => f.Steps!.Value);
        Assert.InRange(draws.Length, plan.Frames.Count + 1, steps / 2 + plan.Frames.Count + 1);
        Assert.Contains(draws, d => d.Contains("it/s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_gets_a_plain_line_per_frame()
    {
        var output = new StringWriter();
        var tracker = new TerminalProgress(output, interactive: false, width: int.MaxValue).Render("/out");

        foreach (var e in Events(Plan())) tracker.Report(e);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("frame 1/2 · step 4/4 · ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("last 20220903000000_00000.png", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("\r", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_narrow_terminal_cuts_the_line_instead_of_wrapping()
    {
        var output = new StringWriter();
        var tracker = new TerminalProgress(output, interactive: true, width: 40).Render("/out");

        foreach (var e in Events(Plan())) tracker.Report(e);

        Assert.All(output.ToString().Split('\r', '\n'), d => Assert.True(d.Replace("\u001b[K", "", StringComparison.Ordinal).Length <= 40, d));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Downloads_show_megabytes_and_share(bool interactive)
    {
        var output = new StringWriter();
        var downloads = new TerminalProgress(output, interactive, width: 200).Downloads;
        const long Total = 50L << 20;

        for (long b = 0; b <= Total; b += 1 << 20) downloads.Report(new DownloadProgress("sd-v1-4.ckpt", b, Total));

        var text = output.ToString();
        Assert.Contains("downloading sd-v1-4.ckpt: 50.0/50.0 MB (100%)", text, StringComparison.Ordinal);
        if (interactive) Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        else Assert.Equal(11, text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length); // 0 %, 10 % … 100 %
    }
}
