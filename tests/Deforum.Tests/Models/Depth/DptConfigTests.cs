using Deforum.Models.Midas;
using Deforum.Models.Weights;
using Xunit;

namespace Deforum.Tests.Models.Depth;

public class DptConfigTests
{
    static DptConfig FromModel(DptConfig c)
    {
        using var model = new DptDepthModel(c); // declared shapes only: no weights are allocated
        return DptConfig.FromShapes(ParameterShapes.Of(model).ToDictionary(p => p.Name, p => p.Shape, StringComparer.Ordinal));
    }

    [Fact]
    public void The_dpt_large_layout_reads_back_as_dpt_large()
    {
        var read = FromModel(DptConfig.DptLarge);

        Assert.Equal(DptConfig.DptLarge with { Hooks = read.Hooks, ReadoutFeatures = read.ReadoutFeatures }, read);
        Assert.Equal([5, 11, 17, 23], read.Hooks);
        Assert.Equal(DptConfig.DptLarge.ReadoutFeatures, read.ReadoutFeatures);
        Assert.Equal(16, read.NumHeads);
    }

    [Fact]
    public void A_vit_b_layout_gets_its_hooks_and_heads_from_the_conventions()
    {
        var vitB = DptConfig.DptLarge with { EmbedDim = 768, Depth = 12, NumHeads = 12, MlpHidden = 3072, ReadoutFeatures = [96, 192, 384, 768] };

        var read = FromModel(vitB);

        Assert.Equal([2, 5, 8, 11], read.Hooks);
        Assert.Equal(12, read.NumHeads);
    }

    [Fact]
    public void A_hybrid_checkpoint_is_refused_by_name()
    {
        var shapes = new Dictionary<string, long[]> { ["pretrained.model.patch_embed.backbone.stem.conv.weight"] = [64, 3, 7, 7] };

        var e = Assert.Throws<ModelWeightsException>(() => DptConfig.FromShapes(shapes));

        Assert.Contains("DPT-Hybrid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_square_position_grid_is_refused()
    {
        using var model = new DptDepthModel(DptConfig.DptLarge);
        var shapes = ParameterShapes.Of(model).ToDictionary(p => p.Name, p => p.Shape, StringComparer.Ordinal);
        shapes["pretrained.model.pos_embed"] = [1, 1 + 24 * 23, 1024];

        var e = Assert.Throws<ModelWeightsException>(() => DptConfig.FromShapes(shapes));

        Assert.Contains("pos_embed", e.Message, StringComparison.Ordinal);
    }
}
