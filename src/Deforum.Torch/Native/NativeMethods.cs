using System.Runtime.InteropServices;

namespace Deforum.Torch.Native;

/// <summary>The C ABI of native/include/deforum_torch.h, one declaration per exported function.</summary>
internal static partial class NativeMethods
{
    public const string Library = "deforum_torch";

    /// <summary>Must equal DT_ABI_VERSION of the loaded shim.</summary>
    public const int AbiVersion = 2;

    [LibraryImport(Library)] public static partial int dt_abi_version();
    [LibraryImport(Library)] public static partial IntPtr dt_build_info();
    [LibraryImport(Library)] public static partial IntPtr dt_last_error();
    [LibraryImport(Library)] public static partial int dt_set_num_threads(int n);
    [LibraryImport(Library)] public static partial int dt_get_num_threads();

    [LibraryImport(Library)] public static partial int dt_cuda_is_available();
    [LibraryImport(Library)] public static partial int dt_cuda_device_count();
    [LibraryImport(Library)] public static partial int dt_cuda_synchronize(int deviceIndex);
    [LibraryImport(Library)] public static partial int dt_cuda_empty_cache();
    [LibraryImport(Library)] public static unsafe partial int dt_cuda_memory_stats(int deviceIndex, long* out3);

    [LibraryImport(Library)] public static partial void dt_free(IntPtr t);
    [LibraryImport(Library)] public static partial int dt_ndim(TensorHandle t);
    [LibraryImport(Library)] public static unsafe partial int dt_sizes(TensorHandle t, long* out_, int cap);
    [LibraryImport(Library)] public static unsafe partial int dt_strides(TensorHandle t, long* out_, int cap);
    [LibraryImport(Library)] public static partial int dt_dtype(TensorHandle t);
    [LibraryImport(Library)] public static partial int dt_device(TensorHandle t, out int type, out int index);
    [LibraryImport(Library)] public static partial long dt_numel(TensorHandle t);
    [LibraryImport(Library)] public static partial int dt_is_contiguous(TensorHandle t, int memoryFormat);
    [LibraryImport(Library)] public static partial IntPtr dt_data_ptr(TensorHandle t);
    [LibraryImport(Library)] public static partial int dt_item(TensorHandle t, out double value);

    [LibraryImport(Library)] public static unsafe partial IntPtr dt_empty(long* shape, int ndim, int dtype, int devType, int devIndex);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_full(long* shape, int ndim, double value, int dtype, int devType, int devIndex);
    [LibraryImport(Library)] public static partial IntPtr dt_arange(double start, double end, double step, int dtype, int devType, int devIndex);
    [LibraryImport(Library)] public static partial IntPtr dt_linspace(double start, double end, long steps, int dtype, int devType, int devIndex);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_from_host(void* data, long* shape, long* strides, int ndim, int srcDtype, int dstDtype, int devType, int devIndex);
    [LibraryImport(Library)] public static unsafe partial int dt_to_host(TensorHandle t, void* dst, long nbytes);

    [LibraryImport(Library)] public static partial IntPtr dt_to(TensorHandle t, int dtype, int devType, int devIndex, int nonBlocking);
    [LibraryImport(Library)] public static partial IntPtr dt_to_memory_format(TensorHandle t, int memoryFormat);
    [LibraryImport(Library)] public static partial IntPtr dt_contiguous(TensorHandle t);
    [LibraryImport(Library)] public static partial IntPtr dt_clone(TensorHandle t);

    [LibraryImport(Library)] public static partial IntPtr dt_unary(int op, TensorHandle a);
    [LibraryImport(Library)] public static partial int dt_unary_inplace(int op, TensorHandle a);
    [LibraryImport(Library)] public static partial IntPtr dt_binary(int op, TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] public static partial IntPtr dt_binary_scalar(int op, TensorHandle a, double s);
    [LibraryImport(Library)] public static partial int dt_binary_inplace(int op, TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] public static partial int dt_binary_scalar_inplace(int op, TensorHandle a, double s);
    [LibraryImport(Library)] public static partial IntPtr dt_add_scaled(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Library)] public static partial IntPtr dt_clamp(TensorHandle a, int hasMin, double min, int hasMax, double max);
    [LibraryImport(Library)] public static partial IntPtr dt_where(TensorHandle cond, TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] public static partial IntPtr dt_masked_fill(TensorHandle a, TensorHandle mask, double value);
    [LibraryImport(Library)] public static partial IntPtr dt_lerp(TensorHandle a, TensorHandle b, IntPtr weightOrNull, double weight);
    [LibraryImport(Library)] public static partial int dt_copy_(TensorHandle dst, TensorHandle src);
    [LibraryImport(Library)] public static partial int dt_fill_(TensorHandle t, double value);

    [LibraryImport(Library)] public static unsafe partial IntPtr dt_reduce(int op, TensorHandle a, long* dims, int ndims, int keepdim, int correction);
    [LibraryImport(Library)] public static partial IntPtr dt_cumsum(TensorHandle a, long dim);
    [LibraryImport(Library)] public static partial int dt_sort(TensorHandle a, long dim, int descending, int stable, out IntPtr values, out IntPtr indices);
    [LibraryImport(Library)] public static partial IntPtr dt_searchsorted(TensorHandle sorted, TensorHandle values, int right);
    [LibraryImport(Library)] public static partial int dt_unique(TensorHandle a, out IntPtr values, out IntPtr inverse, out IntPtr counts);

    [LibraryImport(Library)] public static unsafe partial IntPtr dt_view(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_reshape(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_permute(TensorHandle a, long* dims, int ndim);
    [LibraryImport(Library)] public static partial IntPtr dt_transpose(TensorHandle a, long d0, long d1);
    [LibraryImport(Library)] public static partial IntPtr dt_squeeze(TensorHandle a, long dim, int allDims);
    [LibraryImport(Library)] public static partial IntPtr dt_unsqueeze(TensorHandle a, long dim);
    [LibraryImport(Library)] public static partial IntPtr dt_flatten(TensorHandle a, long start, long end);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_cat(IntPtr* ts, int n, long dim);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_stack(IntPtr* ts, int n, long dim);
    [LibraryImport(Library)] public static unsafe partial int dt_split(TensorHandle a, long* sizes, int nSizes, long dim, IntPtr* out_);
    [LibraryImport(Library)] public static partial IntPtr dt_narrow(TensorHandle a, long dim, long start, long length);
    [LibraryImport(Library)] public static partial IntPtr dt_slice(TensorHandle a, long dim, long start, long end, long step);
    [LibraryImport(Library)] public static partial IntPtr dt_select(TensorHandle a, long dim, long index);
    [LibraryImport(Library)] public static partial IntPtr dt_index_select(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Library)] public static partial IntPtr dt_gather(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_flip(TensorHandle a, long* dims, int ndims);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_roll(TensorHandle a, long* shifts, long* dims, int n);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_expand(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_repeat(TensorHandle a, long* reps, int n);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_pad(TensorHandle a, long* pads, int n, int mode, double value);

    [LibraryImport(Library)] public static partial IntPtr dt_matmul(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] public static partial IntPtr dt_bmm(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] public static partial IntPtr dt_baddbmm(TensorHandle input, TensorHandle b1, TensorHandle b2, double beta, double alpha);
    [LibraryImport(Library)] public static partial IntPtr dt_linear(TensorHandle x, TensorHandle w, IntPtr b);

    [LibraryImport(Library)] public static unsafe partial IntPtr dt_conv2d(TensorHandle x, TensorHandle w, IntPtr b, long* stride2, long* padding2, long* dilation2, long groups);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_conv2d_pack_weight(TensorHandle w, long* stride2, long* padding2, long* dilation2, long groups);
    [LibraryImport(Library)] public static partial int dt_mkldnn_enabled();
    [LibraryImport(Library)] public static partial int dt_is_mkldnn(TensorHandle t);
    [LibraryImport(Library)] public static partial IntPtr dt_to_dense(TensorHandle t);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_conv_transpose2d(TensorHandle x, TensorHandle w, IntPtr b, long* stride2, long* padding2, long* outputPadding2, long groups, long* dilation2);
    [LibraryImport(Library)] public static partial IntPtr dt_group_norm(TensorHandle x, long groups, IntPtr w, IntPtr b, double eps);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_layer_norm(TensorHandle x, long* shape, int ndim, IntPtr w, IntPtr b, double eps);
    [LibraryImport(Library)] public static partial IntPtr dt_batch_norm(TensorHandle x, IntPtr w, IntPtr b, IntPtr mean, IntPtr var, double eps);
    [LibraryImport(Library)] public static partial IntPtr dt_embedding(TensorHandle weight, TensorHandle indices);
    [LibraryImport(Library)] public static partial IntPtr dt_softmax(TensorHandle x, long dim, int log, int dtype);
    [LibraryImport(Library)] public static partial IntPtr dt_gelu(TensorHandle x, int approximate);
    [LibraryImport(Library)] public static partial IntPtr dt_interpolate(TensorHandle x, int mode, int hasSize, long outH, long outW, double scaleH, double scaleW, int alignCorners);
    [LibraryImport(Library)] public static partial IntPtr dt_grid_sample(TensorHandle x, TensorHandle grid, int mode, int padding, int alignCorners);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_affine_grid(TensorHandle theta, long* size, int ndim, int alignCorners);
    [LibraryImport(Library)] public static partial IntPtr dt_sdpa(TensorHandle q, TensorHandle k, TensorHandle v, IntPtr mask, int causal, double scale);

    [LibraryImport(Library)] public static partial IntPtr dt_generator_new(int devType, int devIndex, ulong seed);
    [LibraryImport(Library)] public static partial void dt_generator_free(IntPtr g);
    [LibraryImport(Library)] public static partial int dt_generator_manual_seed(GeneratorHandle g, ulong seed);
    [LibraryImport(Library)] public static partial IntPtr dt_generator_get_state(GeneratorHandle g);
    [LibraryImport(Library)] public static partial int dt_generator_set_state(GeneratorHandle g, TensorHandle state);
    [LibraryImport(Library)] public static partial int dt_manual_seed(ulong seed);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_randn(long* shape, int ndim, int dtype, int devType, int devIndex, IntPtr g);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_rand(long* shape, int ndim, int dtype, int devType, int devIndex, IntPtr g);
    [LibraryImport(Library)] public static unsafe partial IntPtr dt_randint(long low, long high, long* shape, int ndim, int dtype, int devType, int devIndex, IntPtr g);
    [LibraryImport(Library)] public static partial IntPtr dt_randn_like(TensorHandle a, IntPtr g);
}
