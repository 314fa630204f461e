using Deforum.Testing;

namespace Deforum.Interactive.Tests;

/// <summary>Every notebook the repository ships, and what each needs beyond the tiny-model parameters.</summary>
static class NotebookCases
{
    public static IEnumerable<object[]> All() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith(".executed.ipynb", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Path.Combine(RepoPaths.Root, "notebooks"), p))
            .Order(StringComparer.Ordinal)
            .Select(p => new object[] { p });

    /// <summary>
    /// The tiny run of <paramref name="notebook"/>; Video Input gets a generated 16-frame clip as its video, a notebook
    /// with depth the tiny MiDaS and AdaBins of the depth set instead of the released files.
    /// </summary>
    public static TinyNotebookRun Prepare(string notebook)
    {
        var run = new TinyNotebookRun(notebook);
        if (File.ReadAllText(run.NotebookPath).Contains("midas_checkpoint", StringComparison.Ordinal))
        {
            run.Parameters.Add(("midas_checkpoint", Golden.DepthSetModelFile("midas_model")));
            run.Parameters.Add(("adabins_checkpoint", Golden.DepthSetModelFile("adabins_model")));
        }
        if (File.ReadAllText(run.NotebookPath).Contains("video_init_path", StringComparison.Ordinal))
        {
            var clip = Path.Combine(run.Dir, "clip.mp4");
            using var ffmpeg = System.Diagnostics.Process.Start("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=8:duration=2", "-pix_fmt", "yuv420p", clip])!;
            ffmpeg.WaitForExit();
            run.Parameters.Add(("video_init_path", clip));
        }
        return run;
    }
}
