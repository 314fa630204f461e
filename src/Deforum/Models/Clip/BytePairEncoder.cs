// Port of openai/CLIP clip/simple_tokenizer.py SimpleTokenizer.bpe (greedy lowest-rank merging, word-final "</w>").
using System.Collections.Concurrent;
using System.Text;

namespace Deforum.Models.Clip;

/// <summary>
/// Byte-level BPE over one pre-token: its UTF-8 bytes become byte symbols (the last one word-final), then the
/// adjacent pair with the lowest merge rank is merged everywhere, repeatedly. Results are cached per pre-token.
/// </summary>
internal sealed class BytePairEncoder(ClipVocabulary vocabulary)
{
    // Prompts repeat the same words; an unbounded cache could grow without limit on adversarial input.
    const int MaxCacheEntries = 1 << 16;

    readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    public int[] Encode(string piece)
    {
        if (_cache.TryGetValue(piece, out var cached)) return cached;
        var ids = Merge(piece);
        if (_cache.Count >= MaxCacheEntries) _cache.Clear();
        _cache.TryAdd(piece, ids);
        return ids;
    }

    int[] Merge(string piece)
    {
        int byteCount = Encoding.UTF8.GetByteCount(piece);
        if (byteCount == 0) return [];
        Span<byte> bytes = byteCount <= 256 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(piece, bytes);

        var symbols = new int[byteCount];
        for (int i = 0; i < byteCount; i++)
            symbols[i] = ByteLevelAlphabet.IdOfByte[bytes[i]];
        symbols[^1] += 256;

        int count = byteCount;
        while (count > 1)
        {
            int bestRank = int.MaxValue, left = -1, right = -1, mergedId = -1;
            for (int i = 0; i + 1 < count; i++)
            {
                if (vocabulary.TryGetMerge(symbols[i], symbols[i + 1], out var m) && m.Rank < bestRank)
                    (bestRank, left, right, mergedId) = (m.Rank, symbols[i], symbols[i + 1], m.Id);
            }
            if (left < 0) break;

            int write = 0;
            for (int read = 0; read < count; read++)
            {
                if (read + 1 < count && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write++] = mergedId;
                    read++;
                }
                else
                {
                    symbols[write++] = symbols[read];
                }
            }
            count = write;
        }
        return symbols[..count];
    }
}
