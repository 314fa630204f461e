using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>A tensor slot that outlives the per-frame dispose scopes: replacing its value disposes the old one.</summary>
sealed class OwnedTensor : IDisposable
{
    public Tensor? Value { get; private set; }

    public void Set(Tensor? value)
    {
        var old = Value;
        Value = value is null ? null : DisposeScope.Detach(value);
        if (!ReferenceEquals(old, Value)) old?.Dispose();
    }

    /// <summary>Hands the value over without disposing it.</summary>
    public void MoveFrom(OwnedTensor other)
    {
        Set(null);
        Value = other.Value;
        other.Value = null;
    }

    public void Dispose() => Set(null);
}
