namespace Deforum.Models;

/// <summary>A model could not be found or trusted: unknown name, missing file, failed checksum.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message) : base(message) { }
    public ModelLoadException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The message alone (what is missing or untrusted and what to do), as a notebook cell shows it.</summary>
    public override string ToString() => $"Model problem: {Message}";
}
