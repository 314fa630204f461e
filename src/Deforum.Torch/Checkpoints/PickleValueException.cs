namespace Deforum.Torch.Checkpoints;

/// <summary>
/// A pickled value is malformed (bad call arguments, impossible tensor view). Raised where the value is
/// interpreted, which does not know the file or offset; the unpickler rethrows it as a located
/// CheckpointFormatException.
/// </summary>
internal sealed class PickleValueException(string message) : Exception(message);
