namespace Deforum.Models.Weights;

/// <summary>Checkpoint tensors that do not fit the model the config describes; the message names the keys and shapes.</summary>
public sealed class ModelWeightsException(string message) : Exception(message);
