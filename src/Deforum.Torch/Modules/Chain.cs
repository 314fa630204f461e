namespace Deforum.Torch.Modules;

/// <summary>
/// Runs steps in order and frees each intermediate as soon as the next step has produced its output, instead of
/// when the enclosing scope ends: a VAE level at 512×512 holds 128 MB per activation, and keeping a block's
/// intermediates alive until it returns doubled the decoder's peak memory and cost time in page faults.
/// The input stays the caller's; a step that returns its input (an in-place op) keeps it alive, so an in-place
/// step must never come first.
/// </summary>
public static class Chain
{
    public static Tensor Run(Tensor x, params ReadOnlySpan<Func<Tensor, Tensor>> steps)
    {
        var h = x;
        foreach (var step in steps)
        {
            var next = step(h);
            if (!ReferenceEquals(h, x) && !ReferenceEquals(next, h)) h.Dispose();
            h = next;
        }
        return h;
    }
}
