using Deforum.Animation;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// Port of deforum-stable-diffusion helpers/render.py::render_animation's turbo_prev/turbo_next buffers (v0.7,
/// spec §13): the two newest diffused frames as float32 H×W×3, each warped forward one in-between at a time.
/// </summary>
sealed class CadenceBuffers : IDisposable
{
    readonly OwnedTensor _previous = new(), _next = new();
    // The original starts both indices at 0, so frame 0 is never warped onto itself.
    int _previousIndex, _nextIndex;

    public Tensor? Next => _next.Value;

    /// <summary>Both buffers and the frames they are warped up to, for the resume state (still owned here).</summary>
    public (Tensor? Previous, int PreviousIndex, Tensor? Next, int NextIndex) State => (_previous.Value, _previousIndex, _next.Value, _nextIndex);

    /// <summary>Takes back buffers saved from <see cref="State"/> (copies of <paramref name="previous"/> and <paramref name="next"/>).</summary>
    public void Restore(Tensor? previous, int previousIndex, Tensor? next, int nextIndex)
    {
        _previous.Set(previous?.Clone());
        _next.Set(next?.Clone());
        (_previousIndex, _nextIndex) = (previousIndex, nextIndex);
    }

    /// <summary>Warps each buffer not yet at in-between <paramref name="k"/> by that frame's motion.</summary>
    public void Advance(int k, Func<Tensor, Tensor> warpToK)
    {
        var next = _next.Value ?? throw new InvalidOperationException($"in-between {k} has no diffused frame to warp");
        if (_previous.Value is { } previous && k > _previousIndex) _previous.Set(warpToK(previous));
        if (k > _nextIndex) _next.Set(warpToK(next));
        _previousIndex = _nextIndex = k;
    }

    /// <summary>prev·(1 − w) + next·w, or next alone without a previous buffer or at w = 1 (float32).</summary>
    public Tensor Blend(double weight) => Cadence.Blend(_previous.Value, _next.Value!, weight);

    /// <summary>A resumed run: both buffers hold the loaded frame (float32), both at its index.</summary>
    public void Start(Tensor image, int index)
    {
        _previous.Set(image.Clone());
        _next.Set(image);
        _previousIndex = _nextIndex = index;
    }

    /// <summary>After a generation: the newest frame becomes the previous one and <paramref name="image"/> (float32) the newest.</summary>
    public void Push(Tensor image, int index)
    {
        _previous.MoveFrom(_next);
        _previousIndex = _nextIndex;
        _next.Set(image);
        _nextIndex = index;
    }

    public void Dispose()
    {
        _previous.Dispose();
        _next.Dispose();
    }
}
