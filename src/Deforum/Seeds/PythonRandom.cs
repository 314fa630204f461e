namespace Deforum.Seeds;

/// <summary>
/// Port of CPython's Mersenne Twister (Modules/_randommodule.c: init_by_array, genrand_uint32) with
/// random.seed(int) and random.randint(0, 2**32-1), which the notebook's "random" seed behaviour depends on.
/// </summary>
public sealed class PythonRandom
{
    const int N = 624, M = 397;
    const uint MatrixA = 0x9908b0dfu, UpperMask = 0x80000000u, LowerMask = 0x7fffffffu;

    readonly uint[] _mt = new uint[N];
    int _index = N + 1;

    /// <summary>Equivalent to random.seed(seed): |seed| split into 32-bit little-endian words fed to init_by_array.</summary>
    public PythonRandom(long seed)
    {
        ulong magnitude = seed < 0 ? (ulong)(-(seed + 1)) + 1 : (ulong)seed;
        var key = magnitude >> 32 == 0 ? new[] { (uint)magnitude } : [(uint)magnitude, (uint)(magnitude >> 32)];
        InitByArray(key);
    }

    void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000u;
    }

    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    void Twist()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (_mt[k] & UpperMask) | (_mt[(k + 1) % N] & LowerMask);
            _mt[k] = _mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0);
        }
        _index = 0;
    }

    /// <summary>random.randint(0, 2**32-1): 33-bit getrandbits (low word first) with rejection of values ≥ 2³².</summary>
    public long NextSeed()
    {
        while (true)
        {
            uint low = NextUInt32();
            uint high = NextUInt32() >> 31;
            if (high == 0) return low;
        }
    }
}
