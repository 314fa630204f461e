using Deforum.Animation;
using Deforum.Animation.Color;
using Deforum.Animation.Depth;
using Deforum.Animation.Masks;
using Deforum.Animation.Warp;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

/// <summary>Runs alone: LiveCount is process-wide, so other tests' tensors would blur it.</summary>
[CollectionDefinition(nameof(LeakCollection), DisableParallelization = true)]
public sealed class LeakCollection;

[Collection(nameof(LeakCollection))]
public class LeakTests
{
    [Fact]
    public void Operations_leave_no_native_tensors_behind()
    {
        Settle();
        long baseline = Tensor.LiveCount;
        using (var scope = DisposeScope.Begin())
        {
            var frame = TestImages.Textured(32, 48);
            var motion = new MotionFrame { Angle = 3, Zoom = 1.02, TranslationX = 2, TranslationZ = 4, RotationY = 1 };
            var warped2 = Warp2D.Apply(frame, motion, BorderMode.Wrap);
            var warped3 = Warp3D.Apply(frame, Tensor.Ones([32, 48]), motion, new Warp3DOptions());
            var matched = ColorCoherence.Match(warped2, warped3, ColorCoherenceMode.MatchFrame0Lab);
            var sample = FrameConversions.SampleFromFrame(Contrast.UnsharpMask(Contrast.Apply(matched, 0.95), 5, 1, 0.2, 0));
            using var generator = new Generator(1);
            FrameConversions.FrameFromSample(Noise.Add(sample, 0.02, generator).To(DType.Float16));
            MaskPreparation.OverlayMask(frame, 48, 32, 1, 1.2, true, 2);
            DepthArithmetic.Blend(DepthArithmetic.MidasDepth(Tensor.Ones([1, 64, 96]), 48, 32), null, 1);
            new DepthMapWriter().ToImage8(Tensor.Ones([32, 48]));
            foreach (var _ in new MotionPreview(MotionMode.ThreeD).Run(frame, Enumerable.Repeat(motion, 2))) { }
        }
        Settle();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var drain = Tensor.Zeros([1]);
    }
}
