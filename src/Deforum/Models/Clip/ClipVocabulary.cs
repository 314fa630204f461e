// Port of openai/CLIP clip/simple_tokenizer.py vocabulary construction (bpe_simple_vocab_16e6.txt.gz).
using System.IO.Compression;
using System.Text;

namespace Deforum.Models.Clip;

/// <summary>
/// The CLIP BPE vocabulary: 256 byte symbols, the same 256 with the end-of-word marker, one symbol per merge
/// (ranks 0..48893 = lines 1..48894 of the merges file) and the two special tokens, 49408 ids in all.
/// </summary>
public sealed class ClipVocabulary
{
    public const string FileName = "bpe_simple_vocab_16e6.txt.gz";

    /// <summary>sha256 of the standard CLIP file (as shipped with openai/CLIP), for download verification.</summary>
    public const string Sha256 = "924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a";

    /// <summary>CLIP keeps the first 49152 - 256 - 2 merges of the file.</summary>
    public const int MergeCount = 48894;

    public const string StartOfTextToken = "<|startoftext|>";
    public const string EndOfTextToken = "<|endoftext|>";
    public const string EndOfWord = "</w>";

    readonly string[] _tokens;
    readonly Dictionary<string, int> _ids;
    readonly Dictionary<long, Merge> _merges;

    internal readonly record struct Merge(int Rank, int Id);

    ClipVocabulary(string path, string[] tokens, Dictionary<string, int> ids, Dictionary<long, Merge> merges)
    {
        SourcePath = path;
        _tokens = tokens;
        _ids = ids;
        _merges = merges;
    }

    /// <summary>The file this vocabulary was read from.</summary>
    public string SourcePath { get; }

    public int Count => _tokens.Length;

    public int StartOfTextId => _ids[StartOfTextToken];

    public int EndOfTextId => _ids[EndOfTextToken];

    /// <summary>The symbol string of an id (byte-level characters, "&lt;/w&gt;" marking a word end).</summary>
    public string TokenOf(int id) => _tokens[id];

    internal bool TryGetMerge(int left, int right, out Merge merge) => _merges.TryGetValue(Key(left, right), out merge);

    static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>
    /// The vocabulary file to use: <paramref name="explicitPath"/> when given, else <see cref="FileName"/> in
    /// <paramref name="modelsPath"/>. Throws <see cref="FileNotFoundException"/> naming every place it looked.
    /// </summary>
    public static string Locate(string? explicitPath, string? modelsPath)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(explicitPath)) candidates.Add(Path.GetFullPath(explicitPath));
        if (!string.IsNullOrEmpty(modelsPath)) candidates.Add(Path.GetFullPath(Path.Combine(modelsPath, FileName)));
        foreach (var c in candidates)
            if (File.Exists(c)) return c;
        var looked = candidates.Count == 0 ? "(no path and no models folder given)" : string.Join(", ", candidates);
        throw new FileNotFoundException(
            $"CLIP BPE vocabulary not found; looked at: {looked}. Put the standard CLIP {FileName} " +
            $"(sha256 {Sha256}, from the openai/CLIP repository) into the models folder or pass its path.",
            candidates.FirstOrDefault() ?? FileName);
    }

    /// <summary>Loads the vocabulary from <paramref name="explicitPath"/> or from <paramref name="modelsPath"/>.</summary>
    public static ClipVocabulary Load(string? explicitPath, string? modelsPath) => Load(Locate(explicitPath, modelsPath));

    /// <summary>Loads a gzip-compressed CLIP merges file.</summary>
    public static ClipVocabulary Load(string path)
    {
        path = Locate(path, null);
        // Only the header and the merges CLIP keeps are read; the rest of the file is never decompressed.
        var lines = new List<string>(MergeCount + 1);
        try
        {
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var reader = new StreamReader(gz, new UTF8Encoding(false, throwOnInvalidBytes: true), false, 1 << 16);
            while (lines.Count < MergeCount + 1 && reader.ReadLine() is { } line)
                lines.Add(line);
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException or EndOfStreamException)
        {
            throw Corrupt(path, "it is not a readable gzip file of UTF-8 text (" + e.Message + ")", e);
        }
        if (lines.Count < MergeCount + 1)
            throw Corrupt(path, $"it has {lines.Count} lines, expected at least {MergeCount + 1}", null);
        return Build(path, lines);
    }

    static ClipVocabulary Build(string path, List<string> lines)
    {
        var tokens = new string[512 + MergeCount + 2];
        for (int i = 0; i < 256; i++)
        {
            var symbol = ByteLevelAlphabet.CharOfByte[ByteLevelAlphabet.BytesInVocabOrder[i]].ToString();
            tokens[i] = symbol;
            tokens[256 + i] = symbol + EndOfWord;
        }
        var pairs = new (string Left, string Right)[MergeCount];
        for (int rank = 0; rank < MergeCount; rank++)
        {
            var line = lines[rank + 1];
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || space == line.Length - 1 || line.IndexOf(' ', space + 1) >= 0)
                throw Corrupt(path, $"line {rank + 2} is not a merge of two symbols: \"{line}\"", null);
            pairs[rank] = (line[..space], line[(space + 1)..]);
            tokens[512 + rank] = pairs[rank].Left + pairs[rank].Right;
        }
        tokens[^2] = StartOfTextToken;
        tokens[^1] = EndOfTextToken;

        // CLIP builds its encoder with dict(zip(vocab, ids)): a repeated symbol keeps its last id.
        var ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int id = 0; id < tokens.Length; id++)
            ids[tokens[id]] = id;

        var merges = new Dictionary<long, Merge>(MergeCount);
        for (int rank = 0; rank < MergeCount; rank++)
        {
            var (left, right) = pairs[rank];
            if (!ids.TryGetValue(left, out var l) || !ids.TryGetValue(right, out var r))
                throw Corrupt(path, $"merge on line {rank + 2} uses a symbol that no earlier line defines", null);
            // dict(zip(merges, ranks)) as well: a repeated pair keeps its last rank.
            merges[Key(l, r)] = new Merge(rank, ids[left + right]);
        }
        return new ClipVocabulary(path, tokens, ids, merges);
    }

    static InvalidDataException Corrupt(string path, string why, Exception? inner) =>
        new($"CLIP BPE vocabulary {path} is corrupt: {why}. Delete it and put the standard CLIP {FileName} " +
            $"(sha256 {Sha256}) in its place.", inner);
}
