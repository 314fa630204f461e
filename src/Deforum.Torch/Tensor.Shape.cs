using Deforum.Torch.Native;

namespace Deforum.Torch;

// Shape, indexing and linear-algebra methods.
public sealed partial class Tensor
{
    public unsafe Tensor View(params long[] shape)
    {
        fixed (long* s = shape) return Wrap(NativeMethods.dt_view(Handle, s, shape.Length), "view");
    }

    public unsafe Tensor Reshape(params long[] shape)
    {
        fixed (long* s = shape) return Wrap(NativeMethods.dt_reshape(Handle, s, shape.Length), "reshape");
    }

    public unsafe Tensor Permute(params long[] dims)
    {
        fixed (long* d = dims) return Wrap(NativeMethods.dt_permute(Handle, d, dims.Length), "permute");
    }

    public Tensor Transpose(long dim0, long dim1) => Wrap(NativeMethods.dt_transpose(Handle, dim0, dim1), "transpose");

    public Tensor Squeeze() => Wrap(NativeMethods.dt_squeeze(Handle, 0, 1), "squeeze");

    public Tensor Squeeze(long dim) => Wrap(NativeMethods.dt_squeeze(Handle, dim, 0), "squeeze");

    public Tensor Unsqueeze(long dim) => Wrap(NativeMethods.dt_unsqueeze(Handle, dim), "unsqueeze");

    public Tensor Flatten(long startDim = 0, long endDim = -1) => Wrap(NativeMethods.dt_flatten(Handle, startDim, endDim), "flatten");

    public Tensor Narrow(long dim, long start, long length) => Wrap(NativeMethods.dt_narrow(Handle, dim, start, length), "narrow");

    /// <summary>this[..., start:end:step, ...] along dim (end may be long.MaxValue).</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) => Wrap(NativeMethods.dt_slice(Handle, dim, start, end, step), "slice");

    public Tensor Select(long dim, long index) => Wrap(NativeMethods.dt_select(Handle, dim, index), "select");

    public Tensor IndexSelect(long dim, Tensor index) => Wrap(NativeMethods.dt_index_select(Handle, dim, index.Handle), "index_select");

    public Tensor Gather(long dim, Tensor index) => Wrap(NativeMethods.dt_gather(Handle, dim, index.Handle), "gather");

    public unsafe Tensor Flip(params long[] dims)
    {
        fixed (long* d = dims) return Wrap(NativeMethods.dt_flip(Handle, d, dims.Length), "flip");
    }

    public unsafe Tensor Roll(long[] shifts, long[] dims)
    {
        if (shifts.Length != dims.Length) throw new ArgumentException("roll needs one shift per dim", nameof(shifts));
        fixed (long* s = shifts)
        fixed (long* d = dims)
            return Wrap(NativeMethods.dt_roll(Handle, s, d, dims.Length), "roll");
    }

    public unsafe Tensor Expand(params long[] shape)
    {
        fixed (long* s = shape) return Wrap(NativeMethods.dt_expand(Handle, s, shape.Length), "expand");
    }

    public unsafe Tensor Repeat(params long[] repeats)
    {
        fixed (long* r = repeats) return Wrap(NativeMethods.dt_repeat(Handle, r, repeats.Length), "repeat");
    }

    /// <summary>Splits into pieces of the given sizes along dim (torch.split with a list).</summary>
    public unsafe Tensor[] Split(long[] sizes, long dim = 0)
    {
        var handles = new IntPtr[sizes.Length];
        fixed (long* s = sizes)
        fixed (IntPtr* o = handles)
            TorchException.Check(NativeMethods.dt_split(Handle, s, sizes.Length, dim, o), "split");
        return handles.Select(h => Wrap(h, "split")).ToArray();
    }

    /// <summary>Equal pieces of splitSize along dim (the last may be smaller), like torch.split with an int.</summary>
    public Tensor[] Split(long splitSize, long dim = 0)
    {
        long n = Size((int)dim);
        var sizes = new List<long>();
        for (long start = 0; start < n; start += splitSize) sizes.Add(Math.Min(splitSize, n - start));
        return Split(sizes.ToArray(), dim);
    }

    /// <summary>torch.chunk: ceil(n / chunks)-sized pieces (fewer pieces when n is small).</summary>
    public Tensor[] Chunk(int chunks, long dim = 0)
    {
        if (chunks < 1) throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "chunk needs at least one chunk");
        long n = Size((int)dim);
        return Split(Math.Max(1, (n + chunks - 1) / chunks), dim);
    }

    public Tensor MatMul(Tensor other) => Wrap(NativeMethods.dt_matmul(Handle, other.Handle), "matmul");

    public Tensor Bmm(Tensor other) => Wrap(NativeMethods.dt_bmm(Handle, other.Handle), "bmm");

    /// <summary>beta * this + alpha * (b1 @ b2), batched.</summary>
    public Tensor Baddbmm(Tensor batch1, Tensor batch2, double beta = 1, double alpha = 1) =>
        Wrap(NativeMethods.dt_baddbmm(Handle, batch1.Handle, batch2.Handle, beta, alpha), "baddbmm");
}
