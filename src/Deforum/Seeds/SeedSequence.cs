using Deforum.Settings;

namespace Deforum.Seeds;

/// <summary>
/// The seed after each generated image or diffused frame. Port of deforum-stable-diffusion helpers/seed.py::next_seed
/// (0.4: iter/fixed/random; 0.7: seed_iter_N, ladder, alternate). "random" is reproducible because every generation
/// re-seeds Python's random with the current seed, so the next seed is randint's first draw after random.seed(seed).
/// </summary>
public sealed class SeedSequence
{
    readonly string _behavior;
    readonly int _iterN;
    int _internal;

    public long Current { get; private set; }

    /// <exception cref="SettingsException">An unknown behaviour or a seed_iter_N below 1.</exception>
    public SeedSequence(string behavior, long initialSeed, int iterN = 1)
    {
        var problems = new ProblemCollector();
        Rules.OneOf(problems, "seed_behavior", behavior, Choices.SeedBehaviors);
        Rules.AtLeast(problems, "seed_iter_N", iterN, 1);
        problems.ThrowIfAny();
        _behavior = behavior;
        _iterN = iterN;
        Current = initialSeed;
    }

    /// <summary>Advances once, as the original does after each image / diffused frame, and returns the new seed.</summary>
    public long Advance()
    {
        Current = _behavior switch
        {
            "iter" => _internal++ % _iterN == 0 ? Current + 1 : Current,
            "fixed" or "schedule" => Current,
            "ladder" => Alternate(+2, -1),
            "alternate" => Alternate(+1, -1),
            _ => new PythonRandom(Current).NextSeed(),
        };
        return Current;
    }

    long Alternate(int first, int second)
    {
        var step = _internal == 0 ? first : second;
        _internal = 1 - _internal;
        return Current + step;
    }
}
