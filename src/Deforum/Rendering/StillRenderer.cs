using Deforum.Animation;
using Deforum.Media;
using Deforum.Planning;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// Executes a None-mode plan: every still image in plan order, each seeded with its own seed, then each prompt's grid.
/// Port of deforum-stable-diffusion helpers/render.py::render_image_batch's loop (spec §18, §20.4).
/// </summary>
public sealed class StillRenderer
{
    readonly PreparedRun _run;
    readonly IFrameGenerator _generator;
    readonly IFrameSink _sink;

    public StillRenderer(PreparedRun run, IFrameGenerator generator, IFrameSink sink)
    {
        SingleGeneration.RequireMode(run, generator, sink, AnimationModes.None);
        (_run, _generator, _sink) = (run, generator, sink);
    }

    /// <summary>Cancellation is checked before each image; images already written stay whole.</summary>
    public void Render(RenderPlan plan, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        SingleGeneration.RequireMode(plan, AnimationModes.None);
        // Every prompt has the same number of images (n_batch × inits), and make_grid gives one grid per prompt.
        int perGrid = plan.Grids.Count == 0 ? 0 : plan.Frames.Count / plan.Grids.Count;
        var gridImages = new List<ImageBuffer<byte>>();
        var report = new ProgressReporter(plan, progress);
        using var hostRandom = new Generator(0);
        for (int i = 0; i < plan.Frames.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = plan.Frames[i];
            report.FrameStarted(frame);
            using (var scope = DisposeScope.Begin())
            {
                // 1. seed_everything(seed), generate, to uint8 as generate() returns its images
                var image = SingleGeneration.Image(_generator, frame, hostRandom, report.StepsOf(frame), cancellationToken); // [H, W, 3]
                // 2. save_samples, and the grid list of this prompt
                if (frame.FileName is not null) report.Written(frame, _sink.Write(new RenderedImage(frame.Index, OutputKind.Frame, frame.FileName, image)));
                if (perGrid > 0) gridImages.Add(FrameConversions.ToImageBuffer(image));
            }
            // 3. after the prompt's last image, its grid
            if (perGrid > 0 && gridImages.Count == perGrid)
            {
                WriteGrid(plan.Grids[i / perGrid], frame.Index, gridImages);
                gridImages.Clear();
            }
            report.EntryFinished(frame);
        }
        report.RunFinished(plan);
    }

    void WriteGrid(string fileName, int index, List<ImageBuffer<byte>> images)
    {
        var grid = ImageGrid.ForBatch(images, _run.Settings.Generation.GridRows);
        using var scope = DisposeScope.Begin();
        _sink.Write(new RenderedImage(index, OutputKind.Grid, fileName, FrameConversions.FromImageBuffer(grid)));
    }
}
