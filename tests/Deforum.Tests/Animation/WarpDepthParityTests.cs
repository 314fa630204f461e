using System.Text.Json;
using Deforum.Animation;
using Deforum.Animation.Depth;
using Deforum.Animation.Warp;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

/// <summary>The Forge fork's depth → z mapping and its warp (transform_image_3d_new), over the Depth-Anything set's warp_depth group.</summary>
public class WarpDepthParityTests
{
    public static IEnumerable<object[]> Cases => Golden.DepthAnythingCases("warp_depth");

    static MotionFrame Motion(JsonElement keys) => new()
    {
        TranslationX = keys.GetProperty("translation_x").GetDouble(),
        TranslationY = keys.GetProperty("translation_y").GetDouble(),
        TranslationZ = keys.GetProperty("translation_z").GetDouble(),
        RotationX = keys.GetProperty("rotation_3d_x").GetDouble(),
        RotationY = keys.GetProperty("rotation_3d_y").GetDouble(),
        RotationZ = keys.GetProperty("rotation_3d_z").GetDouble(),
        Fov = keys.GetProperty("fov").GetDouble(),
        NearPlane = keys.GetProperty("near").GetDouble(),
        FarPlane = keys.GetProperty("far").GetDouble(),
    };

    /// <summary>The pipeline normalisation a case records, told apart by the formula its description quotes.</summary>
    static DepthImageScaling Scaling(string description) =>
        description.Contains("(d-min)/(max-min)", StringComparison.Ordinal) ? DepthImageScaling.MinMax
        : description.Contains("d*255/max(d)", StringComparison.Ordinal) ? DepthImageScaling.MaxOnly
        : throw new InvalidOperationException($"unknown pipeline_normalisation '{description}'");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Warp_depth_matches_the_forge_fork(string id)
    {
        using var g = new ImageGolden(Golden.DepthAnythingCase(id));
        using var scope = DisposeScope.Begin();
        var algorithm = g.String("depth_algorithm");
        var keys = g.P.GetProperty("keys");
        Assert.True(keys.GetProperty("aspect_ratio").GetDouble() == 1, "only the aspect-1 camera is ported (aspect_ratio_schedule is not a notebook setting)");

        var depth = g.Load("in_depth");
        if (g.P.TryGetProperty("pipeline_normalisation", out var normalisation))
        {
            var image = g.Load("in_prev_img_bgr");
            var resized = TransformersDepthImage.ResizeToFrame(depth, (int)image.Size(1), (int)image.Size(0));
            g.AssertIntermediate(resized, "inter_resized");
            depth = TransformersDepthImage.ToTensor(TransformersDepthImage.ToImage8(resized, Scaling(normalisation.GetString()!)));
            g.AssertIntermediate(depth, "inter_depth_tensor");
        }
        if (g.Has("inter_depth_normalized") && WarpDepth.Equalise(depth.To(Device.Cpu).ToArray<float>()) is { } eq)
            g.AssertIntermediate(Tensor.From<double>(eq.AsSpan(), depth.Shape), "inter_depth_normalized");

        var z = WarpDepth.ToZ(depth, algorithm);
        if (g.Has("out_z")) g.AssertClose(Assert.IsType<Tensor>(z), "out_z");
        else Assert.Null(z); // the case records a flat warp

        var frame = g.Load("in_prev_img_bgr");
        var options = new Warp3DOptions(Sampling3D.ParsePadding(g.String("padding_mode")), Sampling3D.ParseSampling(g.String("sampling_mode")),
            AddSampleOffset: false);
        var zMap = z?.Reshape(frame.Size(0), frame.Size(1)); // [H, W]
        g.AssertClose(Warp3D.Apply(frame, zMap, Motion(keys), options), "out_image_bgr");
    }
}
