namespace Deforum.Models;

/// <summary>A model could not be loaded: unknown name, failed checksum, or weights that do not fit the config.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message) : base(message) { }
    public ModelLoadException(string message, Exception inner) : base(message, inner) { }
}
