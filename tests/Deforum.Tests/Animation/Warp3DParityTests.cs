using Deforum.Animation;
using Deforum.Animation.Warp;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class Warp3DParityTests
{
    /// <summary>The manifest's tolerance reason for the intermediate grid: "grid atol 1e-5" (float32 camera arithmetic).</summary>
    const double GridAtol = 1e-5;

    public static IEnumerable<object[]> Cases => Golden.ImageCases("warp3d");

    internal static MotionFrame Motion(ImageGolden g) => new()
    {
        TranslationX = g.Double("translation_x"),
        TranslationY = g.Double("translation_y"),
        TranslationZ = g.Double("translation_z"),
        RotationX = g.Double("rotation_3d_x"),
        RotationY = g.Double("rotation_3d_y"),
        RotationZ = g.Double("rotation_3d_z"),
        Fov = g.Double("fov"),
        NearPlane = g.Double("near_plane"),
        FarPlane = g.Double("far_plane"),
    };

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Warp_matches_the_original(string id)
    {
        using var g = new ImageGolden(id);
        using var scope = DisposeScope.Begin();
        var options = new Warp3DOptions(Sampling3D.ParsePadding(g.String("padding_mode")), Sampling3D.ParseSampling(g.String("sampling_mode")),
            AspectFromSize: g.Flag("legacy_aspect"));
        var depth = g.Flag("use_depth_warping") ? g.Load("in_depth") : null;
        var image = g.Load("in_image");

        var grid = Warp3D.SamplingGrid((int)image.Shape[0], (int)image.Shape[1], depth, Motion(g), options, image.Device);
        var expectedGrid = g.Expected("grid");
        Golden.AssertClose(grid.To(Device.Cpu).ToArray<float>(), expectedGrid, new Tolerance(GridAtol, 0), $"{id}/grid");

        g.AssertClose(Warp3D.Apply(image, depth, Motion(g), options), "out_image");
    }
}
