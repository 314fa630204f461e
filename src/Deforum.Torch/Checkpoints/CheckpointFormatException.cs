namespace Deforum.Torch.Checkpoints;

/// <summary>A checkpoint file is malformed, truncated, unsafe or of an unsupported kind.</summary>
public sealed class CheckpointFormatException : Exception
{
    public CheckpointFormatException(string message) : base(message) { }
    public CheckpointFormatException(string message, Exception inner) : base(message, inner) { }
}
