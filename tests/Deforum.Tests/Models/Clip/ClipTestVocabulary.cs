using Deforum.Models.Clip;
using Deforum.Testing;

namespace Deforum.Tests.Models.Clip;

/// <summary>The golden copy of the CLIP vocabulary (third-party data, never in the repository), loaded once.</summary>
internal static class ClipTestVocabulary
{
    static readonly Lazy<ClipTokenizer> Shared = new(() => ClipTokenizer.Load(Path));

    public static string Path => System.IO.Path.Combine(RepoPaths.GoldenDir, "clip", ClipVocabulary.FileName);

    /// <summary>The shared tokenizer; skips (or fails under CI) when the golden vocabulary is absent.</summary>
    public static ClipTokenizer Tokenizer()
    {
        Golden.RequireData(File.Exists(Path), $"CLIP vocabulary not found at {Path} (set DEFORUM_GOLDEN_DIR)");
        return Shared.Value;
    }
}
