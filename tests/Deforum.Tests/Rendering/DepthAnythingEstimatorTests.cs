using Deforum.Animation.Depth;
using Deforum.Models;
using Deforum.Models.Registry;
using Deforum.Rendering;
using Deforum.Settings;
using Deforum.Tests.Models.DepthAnything;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Rendering;

public sealed class DepthAnythingEstimatorTests
{
    /// <summary>A smooth RGB test frame (gradients with a bright square, like a near object).</summary>
    static Tensor Frame(int h, int w)
    {
        var rgb = new byte[h * w * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                bool near = x > w / 3 && x < 2 * w / 3 && y > h / 3 && y < 2 * h / 3;
                rgb[(y * w + x) * 3] = (byte)(near ? 230 : 255 * x / w);
                rgb[(y * w + x) * 3 + 1] = (byte)(near ? 200 : 255 * y / h);
                rgb[(y * w + x) * 3 + 2] = 90;
            }
        return Tensor.From<byte>(rgb.AsSpan(), [h, w, 3]);
    }

    /// <summary>A small network input keeps the tiny model's forward in milliseconds (the fork's 518 would be 30× the work).</summary>
    const int TestInputSize = 56;

    static DepthAnythingEstimator Estimator(DepthImageScaling scaling = DepthImageScaling.MinMax)
    {
        var id = DepthAnythingGoldenModels.Ids().First();
        return new DepthAnythingEstimator(DepthAnythingGoldenModels.Load(id), DepthAlgorithms.DepthAnythingV2Small, scaling, TestInputSize);
    }

    [SkippableFact]
    public void A_frame_gives_the_warp_z_of_the_forge_mapping_at_frame_size()
    {
        using var estimator = Estimator();
        using var scope = DisposeScope.Begin();
        var frame = Frame(40, 56);
        var z = estimator.Predict(frame);
        Assert.Equal([40L, 56L], z.Shape);
        Assert.Equal(DType.Float32, z.DType);
        var values = z.ToArray<float>();
        // z = 2.3 − eq with eq the equalised disparity in [0, 1]: the nearest pixel (eq = 1) is exactly 1.3.
        Assert.Equal((float)(2.3 - 1), values.Min());
        Assert.True(values.Max() <= 2.3f, $"max z {values.Max()}");
        Assert.Equal(values, estimator.Predict(frame).ToArray<float>());
        // Cadence buffers are float32 frames: cast to uint8 first, as the fork's astype(np.uint8).
        Assert.Equal(values, estimator.Predict(frame.To(DType.Float32).Add(0.75)).ToArray<float>());
    }

    [SkippableFact]
    public void The_older_pipeline_scaling_is_available()
    {
        using var a = Estimator(DepthImageScaling.MaxOnly);
        using var scope = DisposeScope.Begin();
        var z = a.Predict(Frame(28, 28));
        Assert.Equal([28L, 28L], z.Shape);
    }

    [SkippableFact]
    public void Bad_frames_and_algorithms_are_refused()
    {
        using var estimator = Estimator();
        using var scope = DisposeScope.Begin();
        Assert.Throws<ArgumentException>(() => estimator.Predict(Tensor.Zeros([8, 8, 4], DType.UInt8)));
        Assert.Throws<ArgumentException>(() => estimator.Predict(Tensor.Zeros([8, 8], DType.UInt8)));
        var model = DepthAnythingGoldenModels.Load(DepthAnythingGoldenModels.Ids().First());
        var e = Assert.Throws<ArgumentException>(() => new DepthAnythingEstimator(model, DepthAlgorithms.MidasAdaBins));
        model.Dispose();
        Assert.Contains("'Midas+AdaBins (old)' is not a Depth-Anything-V2 model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_size_has_its_released_weights()
    {
        Assert.Equal("depth_anything_v2_vits.pth", DepthAnythingEstimator.WeightsFor(DepthAlgorithms.DepthAnythingV2Small).FileName);
        Assert.Equal("depth_anything_v2_vitb.pth", DepthAnythingEstimator.WeightsFor(DepthAlgorithms.DepthAnythingV2Base).FileName);
        Assert.Equal("depth_anything_v2_vitl.pth", DepthAnythingEstimator.WeightsFor(DepthAlgorithms.DepthAnythingV2Large).FileName);
        Assert.Throws<ArgumentException>(() => DepthAnythingEstimator.WeightsFor(DepthAlgorithms.Zoe));
    }

    [Fact]
    public async Task Loading_from_settings_refuses_a_longer_file_in_models_path()
    {
        var models = Directory.CreateTempSubdirectory("deforum-dav2-").FullName;
        try
        {
            var known = DepthModelFiles.DepthAnythingV2Small;
            // sparse: the size is what is checked, before anything is read (a shorter one would be resumed from the network)
            using (var file = File.Create(Path.Combine(models, known.FileName))) file.SetLength(known.Bytes + 1);
            var animation = new AnimationSettings { DepthAlgorithm = DepthAlgorithms.DepthAnythingV2Small };
            var e = await Assert.ThrowsAsync<ModelLoadException>(() => DepthAnythingEstimator.LoadAsync(animation, models, Device.Cpu));
            Assert.Contains($"has {known.Bytes + 1} bytes but {known.FileName} has {known.Bytes}", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }
}
