using System.IO.Compression;
using System.Security.Cryptography;
using Deforum.Models.Clip;
using Deforum.Testing;
using Xunit;

namespace Deforum.Tests.Models.Clip;

public sealed class ClipVocabularyTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("clip-vocab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static void RequireGoldenVocabulary() =>
        Golden.RequireData(File.Exists(ClipTestVocabulary.Path), $"CLIP vocabulary not found at {ClipTestVocabulary.Path}");

    [SkippableFact]
    public void Golden_file_has_the_published_sha256()
    {
        RequireGoldenVocabulary();
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(ClipTestVocabulary.Path)));
        Assert.Equal(ClipVocabulary.Sha256, hash);
    }

    [SkippableFact]
    public void Vocabulary_has_clip_layout()
    {
        var vocabulary = ClipTestVocabulary.Tokenizer().Vocabulary;
        Assert.Equal(49408, vocabulary.Count);
        Assert.Equal(ClipTokenizer.BosId, vocabulary.StartOfTextId);
        Assert.Equal(ClipTokenizer.EosId, vocabulary.EndOfTextId);
        Assert.Equal("!", vocabulary.TokenOf(0));
        Assert.Equal("!</w>", vocabulary.TokenOf(256));
        Assert.Equal("in", vocabulary.TokenOf(512));
    }

    [SkippableFact]
    public void Vocabulary_is_found_in_the_models_folder()
    {
        RequireGoldenVocabulary();
        File.Copy(ClipTestVocabulary.Path, Path.Combine(_dir, ClipVocabulary.FileName));

        var vocabulary = ClipVocabulary.Load(explicitPath: null, modelsPath: _dir);

        Assert.Equal(Path.Combine(_dir, ClipVocabulary.FileName), vocabulary.SourcePath);
    }

    [Fact]
    public void Missing_file_error_names_the_places_looked_and_the_fix()
    {
        var missing = Path.Combine(_dir, "nowhere", "vocab.txt.gz");

        var e = Assert.Throws<FileNotFoundException>(() => ClipVocabulary.Load(missing, _dir));

        Assert.Contains(missing, e.Message);
        Assert.Contains(Path.Combine(_dir, ClipVocabulary.FileName), e.Message);
        Assert.Contains("models folder", e.Message);
        Assert.Contains(ClipVocabulary.Sha256, e.Message);
    }

    [Fact]
    public void Not_a_gzip_file_is_reported_as_corrupt()
    {
        var path = Path.Combine(_dir, ClipVocabulary.FileName);
        File.WriteAllBytes(path, [0x1F, 0x8B, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var e = Assert.Throws<InvalidDataException>(() => ClipVocabulary.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void Truncated_merges_file_is_reported_as_corrupt()
    {
        var path = Path.Combine(_dir, ClipVocabulary.FileName);
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gz))
            writer.Write("#version: 0.2\ni n\nt h\n");

        var e = Assert.Throws<InvalidDataException>(() => ClipVocabulary.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("lines", e.Message);
    }
}
