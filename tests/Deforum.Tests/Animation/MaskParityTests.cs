using Deforum.Animation;
using Deforum.Animation.Masks;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class MaskParityTests
{
    public static IEnumerable<object[]> Cases => Golden.ImageCases("mask");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Mask_preparation_matches_the_original(string id)
    {
        using var g = new ImageGolden(id);
        using var scope = DisposeScope.Begin();
        var shape = g.P.GetProperty("mask_shape");
        int height = shape[2].GetInt32(), width = shape[3].GetInt32();
        var image = g.Load("in_mask_image");
        switch (g.String("kind"))
        {
            case "prepare_mask":
                g.AssertClose(MaskPreparation.Prepare(image, width, height, g.Double("mask_brightness_adjust"),
                    g.Double("mask_contrast_adjust"), g.Flag("invert_mask")), "out_mask");
                break;
            case "overlay":
                g.AssertClose(MaskPreparation.OverlayMask(image, width, height, g.Double("args.mask_brightness_adjust"),
                    g.Double("args.mask_contrast_adjust"), g.Flag("args.invert_mask"), g.Double("args.mask_overlay_blur")), "out_mask");
                break;
            case "alpha_as_mask":
                var size = g.P.GetProperty("shape"); // load_img's (W, H)
                var (init, alpha) = MaskPreparation.InitAndAlpha(image, size[0].GetInt32(), size[1].GetInt32());
                g.AssertClose(init, "out_init_image_f16");
                g.AssertClose(alpha, "out_alpha_mask");
                g.AssertClose(MaskPreparation.Prepare(alpha, width, height, g.Double("mask_brightness_adjust"),
                    g.Double("mask_contrast_adjust"), g.Flag("invert_mask")), "out_mask");
                break;
            default:
                Assert.Fail($"{id}: unknown mask case kind {g.String("kind")}");
                break;
        }
    }
}
