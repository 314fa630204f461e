using Deforum.Sampling;
using Deforum.Testing;
using Deforum.Tests.Animation;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>The two prompt_blend_methods: 0.4's linear blend and 0.7.1's slerp, against the original run on the committed cases.</summary>
public class ConditioningBlendTests
{
    public static IEnumerable<object[]> SlerpCases() => Golden.InterpolationCases("slerp");

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(SlerpCases))]
    public void Slerp_matches_the_originals_interpolate_on_the_flattened_conditionings(string id)
    {
        Golden.RequireData(id != Golden.Missing, "no slerp cases in tests/golden/interpolation");
        using var g = new ImageGolden(Golden.InterpolationCase(id));
        using var scope = DisposeScope.Begin();
        var (from, to) = (g.Load("in_from"), g.Load("in_to")); // [1, 77, C]
        var weights = g.P.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();

        var got = Tensor.Stack([.. weights.Select(w => ConditioningBlend.Slerp(from, to, w))]); // [T, 1, 77, C]

        Golden.AssertClose(got.To(Device.Cpu).ToArray<float>(), g.Expected("out_slerp"), g.Case.ToleranceFor("out_slerp"), $"{id}/out_slerp");
    }

    [Fact]
    public void Linear_is_render_interpolations_blend_and_ends_on_both_conditionings()
    {
        using var scope = DisposeScope.Begin();
        var from = Tensor.From<float>([1, 2, 3, 4], [1, 2, 2]);
        var to = Tensor.From<float>([3, 2, 1, 0], [1, 2, 2]);

        Assert.Equal([2f, 2, 2, 2], ConditioningBlend.Blend(from, to, 0.5, ConditioningBlendMethod.Linear).ToArray<float>());
        Assert.Equal(from.ToArray<float>(), ConditioningBlend.Linear(from, to, 0).ToArray<float>());
        Assert.Equal(to.ToArray<float>(), ConditioningBlend.Linear(from, to, 1).ToArray<float>());
    }

    [Fact]
    public void Slerp_keeps_the_norm_between_orthogonal_conditionings_where_linear_shrinks_it()
    {
        using var scope = DisposeScope.Begin();
        var from = Tensor.From<float>([1, 0, 0, 0], [1, 2, 2]);
        var to = Tensor.From<float>([0, 1, 0, 0], [1, 2, 2]);

        var slerp = ConditioningBlend.Blend(from, to, 0.5, ConditioningBlendMethod.Slerp);
        var linear = ConditioningBlend.Blend(from, to, 0.5, ConditioningBlendMethod.Linear);

        Assert.Equal(1, slerp.Norm().Item(), 6);
        Assert.Equal(Math.Sqrt(0.5), linear.Norm().Item(), 6);
        Assert.All(slerp.ToArray<float>()[..2], v => Assert.Equal(Math.Sqrt(0.5), v, 6));
    }

    [Fact]
    public void Slerp_of_parallel_conditionings_falls_back_to_the_linear_form()
    {
        using var scope = DisposeScope.Begin();
        var from = Tensor.From<float>([1, 2, 3, 4], [1, 2, 2]);

        Assert.Equal([2.5f, 5, 7.5f, 10], ConditioningBlend.Slerp(from, from.Mul(4), 0.5).ToArray<float>());
    }
}
