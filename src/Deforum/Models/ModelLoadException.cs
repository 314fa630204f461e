namespace Deforum.Models;

/// <summary>A model could not be found or trusted: unknown name, missing file, failed checksum.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message) : base(message) { }
    public ModelLoadException(string message, Exception inner) : base(message, inner) { }
}
