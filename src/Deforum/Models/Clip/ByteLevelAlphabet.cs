// Port of openai/CLIP clip/simple_tokenizer.py bytes_to_unicode (the rule, not the code).
namespace Deforum.Models.Clip;

/// <summary>
/// CLIP's reversible byte → printable character table: printable Latin-1 bytes stand for themselves, the
/// other 68 bytes are shifted to U+0100 and up so that no BPE symbol is whitespace or a control character.
/// </summary>
internal static class ByteLevelAlphabet
{
    /// <summary>The character that stands for each byte value.</summary>
    public static readonly char[] CharOfByte = new char[256];

    /// <summary>Byte values in CLIP's vocabulary order: ids 0..255 are these bytes, 256..511 the same with "&lt;/w&gt;".</summary>
    public static readonly byte[] BytesInVocabOrder = new byte[256];

    /// <summary>The vocabulary id (0..255) of each byte value.</summary>
    public static readonly int[] IdOfByte = new int[256];

    /// <summary>The byte each alphabet character stands for (indexed by character, U+0000..U+01FF).</summary>
    public static readonly byte[] ByteOfChar = new byte[512];

    static ByteLevelAlphabet()
    {
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            if (!StandsForItself(b)) continue;
            CharOfByte[b] = (char)b;
            BytesInVocabOrder[next++] = (byte)b;
        }
        int shifted = 0;
        for (int b = 0; b < 256; b++)
        {
            if (StandsForItself(b)) continue;
            CharOfByte[b] = (char)(256 + shifted++);
            BytesInVocabOrder[next++] = (byte)b;
        }
        for (int id = 0; id < 256; id++)
            IdOfByte[BytesInVocabOrder[id]] = id;
        for (int b = 0; b < 256; b++)
            ByteOfChar[CharOfByte[b]] = (byte)b;
    }

    static bool StandsForItself(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
}
