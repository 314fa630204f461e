using Deforum.Settings;

namespace Deforum.Seeds;

/// <summary>The Run cell's "seed == -1 → random.randint(0, 2**32-1)", drawn once before anything runs and reported.</summary>
public static class InitialSeed
{
    public static long Resolve(long seed, Random random, ICollection<SettingsNotice> notices)
    {
        if (seed != -1) return seed;
        long drawn = random.NextInt64(0, (long)uint.MaxValue + 1);
        notices.Add(new SettingsNotice("seed", $"-1 replaced by the random seed {drawn}; it is recorded in the settings file"));
        return drawn;
    }
}
