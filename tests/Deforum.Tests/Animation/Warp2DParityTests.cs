using Deforum.Animation;
using Deforum.Animation.Warp;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class Warp2DParityTests
{
    public static IEnumerable<object[]> Cases => Golden.ImageCases("warp2d");

    internal static MotionFrame Motion(ImageGolden g) => new()
    {
        Angle = g.Double("angle"),
        Zoom = g.Double("zoom"),
        TranslationX = g.Double("translation_x"),
        TranslationY = g.Double("translation_y"),
        Flip = g.Flag("flip_2d_perspective")
            ? new PerspectiveFlip(g.Double("perspective_flip_theta"), g.Double("perspective_flip_phi"),
                g.Double("perspective_flip_gamma"), g.Double("perspective_flip_fv"))
            : null,
    };

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Warp_matches_opencv(string id)
    {
        using var g = new ImageGolden(id);
        using var scope = DisposeScope.Begin();
        var result = Warp2D.Apply(g.Load("in_image"), Motion(g), BorderModes.Parse(g.String("border")));
        g.AssertClose(result, "out_image");
    }
}
