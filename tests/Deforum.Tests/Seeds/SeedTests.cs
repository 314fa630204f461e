using Deforum.Seeds;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Seeds;

public class SeedTests
{
    /// <summary>Vectors from CPython 3: random.seed(s); random.randint(0, 2**32-1) twice.</summary>
    [Theory]
    [InlineData(0L, 3626764237L, 1806341205L)]
    [InlineData(1L, 3280387012L, 1095513148L)]
    [InlineData(42L, 2746317213L, 1181241943L)]
    [InlineData(4294967295L, 872737089L, 1201118819L)]
    [InlineData(4294967296L, 485306839L, 71624475L)]
    [InlineData(123456789012L, 88888752L, 603036555L)]
    public void Python_random_matches_cpython(long seed, long first, long second)
    {
        var r = new PythonRandom(seed);
        Assert.Equal(first, r.NextSeed());
        Assert.Equal(second, r.NextSeed());
    }

    [Fact]
    public void Random_behaviour_reseeds_with_the_previous_seed()
    {
        var seeds = new SeedSequence("random", 42);
        Assert.Equal(2746317213L, seeds.Advance());
        Assert.Equal(new PythonRandom(2746317213L).NextSeed(), seeds.Advance());
    }

    [Theory]
    [InlineData("iter", 1, new long[] { 11, 12, 13, 14, 15 })]
    [InlineData("iter", 2, new long[] { 11, 11, 12, 12, 13 })]
    [InlineData("fixed", 1, new long[] { 10, 10, 10, 10, 10 })]
    [InlineData("ladder", 1, new long[] { 12, 11, 13, 12, 14 })]
    [InlineData("alternate", 1, new long[] { 11, 10, 11, 10, 11 })]
    [InlineData("schedule", 1, new long[] { 10, 10, 10, 10, 10 })]
    public void Progressions_follow_next_seed(string behavior, int iterN, long[] expected)
    {
        var seeds = new SeedSequence(behavior, 10, iterN);
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => seeds.Advance()));
    }

    [Fact]
    public void Unknown_behaviour_and_bad_iter_n_are_reported_together()
    {
        var e = Assert.Throws<SettingsException>(() => new SeedSequence("increment", 1, 0));
        Assert.Equal(["seed_behavior", "seed_iter_N"], e.Problems.Select(p => p.Setting));
        Assert.Contains("'ladder'", e.Problems[0].Fix);
    }

    [Fact]
    public void Minus_one_draws_a_seed_in_range_and_records_it()
    {
        var notices = new List<SettingsNotice>();
        long seed = InitialSeed.Resolve(-1, new Random(3), notices);
        Assert.InRange(seed, 0, uint.MaxValue);
        Assert.Contains(seed.ToString(), Assert.Single(notices).Message);
    }

    [Fact]
    public void Explicit_seed_is_kept_silently()
    {
        var notices = new List<SettingsNotice>();
        Assert.Equal(7, InitialSeed.Resolve(7, new Random(3), notices));
        Assert.Empty(notices);
    }
}
