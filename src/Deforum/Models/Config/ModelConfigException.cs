namespace Deforum.Models.Config;

/// <summary>A model configuration (yaml) that cannot describe a model this program can build.</summary>
public sealed class ModelConfigException(string message, Exception? inner = null) : Exception(message, inner);
