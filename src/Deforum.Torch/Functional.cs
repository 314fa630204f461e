using Deforum.Torch.Native;

namespace Deforum.Torch;

public enum InterpolateMode { Nearest = 0, Bilinear = 1, Bicubic = 2, NearestExact = 3, Area = 4 }

public enum GridSampleMode { Bilinear = 0, Nearest = 1, Bicubic = 2 }

public enum GridSamplePadding { Zeros = 0, Border = 1, Reflection = 2 }

public enum PadMode { Constant = 0, Reflect = 1, Replicate = 2, Circular = 3 }

/// <summary>torch.nn.functional: the stateless building blocks of the models and image operations.</summary>
public static class F
{
    static unsafe Tensor Conv(Tensor x, Tensor weight, Tensor? bias, (long, long) stride, (long, long) padding, (long, long) dilation, long groups)
    {
        long* s = stackalloc long[] { stride.Item1, stride.Item2 };
        long* p = stackalloc long[] { padding.Item1, padding.Item2 };
        long* d = stackalloc long[] { dilation.Item1, dilation.Item2 };
        var r = Tensor.Wrap(NativeMethods.dt_conv2d(x.Handle, weight.Handle, Tensor.RawOrNull(bias), s, p, d, groups), "conv2d");
        GC.KeepAlive(bias);
        return r;
    }

    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
        Conv(x, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);

    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, (long, long) stride, (long, long) padding, (long, long) dilation, long groups = 1) =>
        Conv(x, weight, bias, stride, padding, dilation, groups);

    /// <summary>
    /// A CPU float32 conv2d weight [out, in/groups, k, k] reordered once into the blocked layout oneDNN computes in, to
    /// pass to <see cref="Conv2d(Tensor, Tensor, Tensor?, long, long, long, long)"/> with the same stride, padding,
    /// dilation and groups in place of the plain weight: oneDNN otherwise reorders the weight on every call, which at
    /// low resolutions costs more than the convolution (1280 channels at 4×4: 25 ms plain, 5 ms packed). Where libtorch
    /// would not use oneDNN for an input (batch 1 of a small 1×1 or 3×3 map, one thread), the convolution unpacks it,
    /// so a packed weight computes the same numbers as the plain one. Needs <see cref="TorchLibrary.MkldnnEnabled"/>.
    /// </summary>
    public static unsafe Tensor PackConv2dWeight(Tensor weight, long stride = 1, long padding = 0, long dilation = 1, long groups = 1)
    {
        long* s = stackalloc long[] { stride, stride };
        long* p = stackalloc long[] { padding, padding };
        long* d = stackalloc long[] { dilation, dilation };
        return Tensor.Wrap(NativeMethods.dt_conv2d_pack_weight(weight.Handle, s, p, d, groups), "conv2d_pack_weight");
    }

    public static unsafe Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0,
        long outputPadding = 0, long groups = 1, long dilation = 1)
    {
        long* s = stackalloc long[] { stride, stride };
        long* p = stackalloc long[] { padding, padding };
        long* o = stackalloc long[] { outputPadding, outputPadding };
        long* d = stackalloc long[] { dilation, dilation };
        var r = Tensor.Wrap(NativeMethods.dt_conv_transpose2d(x.Handle, weight.Handle, Tensor.RawOrNull(bias), s, p, o, groups, d), "conv_transpose2d");
        GC.KeepAlive(bias);
        return r;
    }

    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        var r = Tensor.Wrap(NativeMethods.dt_linear(x.Handle, weight.Handle, Tensor.RawOrNull(bias)), "linear");
        GC.KeepAlive(bias);
        return r;
    }

    public static Tensor GroupNorm(Tensor x, long numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        var r = Tensor.Wrap(NativeMethods.dt_group_norm(x.Handle, numGroups, Tensor.RawOrNull(weight), Tensor.RawOrNull(bias), eps), "group_norm");
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return r;
    }

    public static unsafe Tensor LayerNorm(Tensor x, long[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        fixed (long* s = normalizedShape)
        {
            var r = Tensor.Wrap(NativeMethods.dt_layer_norm(x.Handle, s, normalizedShape.Length, Tensor.RawOrNull(weight), Tensor.RawOrNull(bias), eps), "layer_norm");
            GC.KeepAlive(weight);
            GC.KeepAlive(bias);
            return r;
        }
    }

    /// <summary>Inference-mode batch norm with running statistics.</summary>
    public static Tensor BatchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        var r = Tensor.Wrap(NativeMethods.dt_batch_norm(x.Handle, Tensor.RawOrNull(weight), Tensor.RawOrNull(bias),
            runningMean.RawHandle, runningVar.RawHandle, eps), "batch_norm");
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        GC.KeepAlive(runningMean);
        GC.KeepAlive(runningVar);
        return r;
    }

    public static Tensor Embedding(Tensor indices, Tensor weight) => Tensor.Wrap(NativeMethods.dt_embedding(weight.Handle, indices.Handle), "embedding");

    public static Tensor Softmax(Tensor x, long dim, DType? dtype = null) =>
        Tensor.Wrap(NativeMethods.dt_softmax(x.Handle, dim, 0, dtype is { } d ? (int)d : -1), "softmax");

    public static Tensor LogSoftmax(Tensor x, long dim, DType? dtype = null) =>
        Tensor.Wrap(NativeMethods.dt_softmax(x.Handle, dim, 1, dtype is { } d ? (int)d : -1), "log_softmax");

    /// <summary>GELU, exact (erf) by default; <paramref name="tanhApproximation"/> for approximate='tanh'.</summary>
    public static Tensor Gelu(Tensor x, bool tanhApproximation = false) => Tensor.Wrap(NativeMethods.dt_gelu(x.Handle, tanhApproximation ? 1 : 0), "gelu");

    public static Tensor Silu(Tensor x) => x.Silu();

    /// <summary>F.interpolate to an explicit output size [H, W].</summary>
    public static Tensor Interpolate(Tensor x, (long H, long W) size, InterpolateMode mode = InterpolateMode.Nearest, bool alignCorners = false) =>
        Tensor.Wrap(NativeMethods.dt_interpolate(x.Handle, (int)mode, 1, size.H, size.W, 0, 0, alignCorners ? 1 : 0), "interpolate");

    /// <summary>F.interpolate by scale factor; the scale reaches the kernel as in PyTorch (recompute_scale_factor=None).</summary>
    public static Tensor Interpolate(Tensor x, double scaleFactor, InterpolateMode mode = InterpolateMode.Nearest, bool alignCorners = false) =>
        Interpolate(x, (scaleFactor, scaleFactor), mode, alignCorners);

    /// <summary>F.interpolate with one scale per axis: output floor(size · scale), the scales reaching the kernel unchanged.</summary>
    public static Tensor Interpolate(Tensor x, (double H, double W) scaleFactor, InterpolateMode mode = InterpolateMode.Nearest, bool alignCorners = false) =>
        Tensor.Wrap(NativeMethods.dt_interpolate(x.Handle, (int)mode, 0, 0, 0, scaleFactor.H, scaleFactor.W, alignCorners ? 1 : 0), "interpolate");

    public static Tensor GridSample(Tensor x, Tensor grid, GridSampleMode mode = GridSampleMode.Bilinear,
        GridSamplePadding padding = GridSamplePadding.Zeros, bool alignCorners = false) =>
        Tensor.Wrap(NativeMethods.dt_grid_sample(x.Handle, grid.Handle, (int)mode, (int)padding, alignCorners ? 1 : 0), "grid_sample");

    /// <summary>F.affine_grid: theta [N, 2, 3] and size [N, C, H, W] give a sampling grid [N, H, W, 2].</summary>
    public static unsafe Tensor AffineGrid(Tensor theta, long[] size, bool alignCorners = false)
    {
        fixed (long* s = size)
            return Tensor.Wrap(NativeMethods.dt_affine_grid(theta.Handle, s, size.Length, alignCorners ? 1 : 0), "affine_grid");
    }

    /// <summary>F.pad with pads in PyTorch order (last dim first: left, right, top, bottom, ...).</summary>
    public static unsafe Tensor Pad(Tensor x, long[] pads, PadMode mode = PadMode.Constant, double value = 0)
    {
        fixed (long* p = pads)
            return Tensor.Wrap(NativeMethods.dt_pad(x.Handle, p, pads.Length, (int)mode, value), "pad");
    }

    /// <summary>
    /// softmax(q kᵀ · scale + mask) v over q, k, v [..., L, E]. Uses libtorch's fused kernels (flash / memory-efficient)
    /// where they exist (≥ 2.1) and the same math otherwise. A boolean mask keeps the true positions.
    /// </summary>
    public static Tensor ScaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor? mask = null, bool isCausal = false, double? scale = null)
    {
        var r = Tensor.Wrap(NativeMethods.dt_sdpa(q.Handle, k.Handle, v.Handle, Tensor.RawOrNull(mask), isCausal ? 1 : 0, scale ?? 0), "scaled_dot_product_attention");
        GC.KeepAlive(mask);
        return r;
    }
}
