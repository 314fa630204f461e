/* Deforum.Torch native shim: a thin C ABI over libtorch (ATen).
 *
 * Rules every function follows:
 *  - extern "C", plain handles and scalars only; nothing C++ crosses the boundary.
 *  - No exception escapes: failures store a message (dt_last_error, thread-local) and return the
 *    error marker: NULL for handles, -1 for int results.
 *  - Every computation runs under c10::InferenceMode (no autograd).
 *  - A returned dt_tensor is owned by the caller and must be freed exactly once with dt_free.
 *  - Optional tensor arguments accept NULL. Device is (type, index): type 0 = cpu, 1 = cuda.
 *  - dtype codes are c10::ScalarType values (u8 0, i32 3, i64 4, f16 5, f32 6, f64 7, bool 11, bf16 15).
 */
#ifndef DEFORUM_TORCH_H
#define DEFORUM_TORCH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DT_ABI_VERSION 2
#define DT_API __attribute__((visibility("default")))

typedef struct dt_tensor_s* dt_tensor;
typedef struct dt_generator_s* dt_generator;

/* ---- library ---- */
DT_API int32_t dt_abi_version(void);
/* JSON object: torch version, CUDA, device count, cuDNN, BLAS in use (and its OpenBLAS core), SDPA kind. Static storage. */
DT_API const char* dt_build_info(void);
DT_API const char* dt_last_error(void);
DT_API int32_t dt_set_num_threads(int32_t n);
DT_API int32_t dt_get_num_threads(void);

/* ---- CUDA housekeeping (no-ops returning 0 on CPU-only builds) ---- */
DT_API int32_t dt_cuda_is_available(void);
DT_API int32_t dt_cuda_device_count(void);
DT_API int32_t dt_cuda_synchronize(int32_t device_index);
DT_API int32_t dt_cuda_empty_cache(void);
/* out[0] allocated, out[1] reserved, out[2] peak allocated (bytes). */
DT_API int32_t dt_cuda_memory_stats(int32_t device_index, int64_t* out3);

/* ---- tensor lifetime and metadata ---- */
DT_API void dt_free(dt_tensor t);
DT_API int32_t dt_ndim(dt_tensor t);
DT_API int32_t dt_sizes(dt_tensor t, int64_t* out, int32_t cap);
DT_API int32_t dt_strides(dt_tensor t, int64_t* out, int32_t cap);
DT_API int32_t dt_dtype(dt_tensor t);
DT_API int32_t dt_device(dt_tensor t, int32_t* type, int32_t* index);
DT_API int64_t dt_numel(dt_tensor t);
/* memory_format: 0 contiguous, 1 channels_last */
DT_API int32_t dt_is_contiguous(dt_tensor t, int32_t memory_format);
DT_API void* dt_data_ptr(dt_tensor t);
DT_API int32_t dt_item(dt_tensor t, double* out);

/* ---- creation ---- */
DT_API dt_tensor dt_empty(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev_type, int32_t dev_index);
DT_API dt_tensor dt_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype, int32_t dev_type, int32_t dev_index);
DT_API dt_tensor dt_arange(double start, double end, double step, int32_t dtype, int32_t dev_type, int32_t dev_index);
DT_API dt_tensor dt_linspace(double start, double end, int64_t steps, int32_t dtype, int32_t dev_type, int32_t dev_index);
/* Copies host memory (src_dtype, given strides or C-order when strides is NULL) into a new tensor of
 * dst_dtype on the device: one copy, conversion fused. The source may be freed after the call. */
DT_API dt_tensor dt_from_host(const void* data, const int64_t* shape, const int64_t* strides, int32_t ndim,
                              int32_t src_dtype, int32_t dst_dtype, int32_t dev_type, int32_t dev_index);
/* Copies the tensor (any device, any layout) into host memory as C-order elements of its dtype. */
DT_API int32_t dt_to_host(dt_tensor t, void* dst, int64_t nbytes);

/* ---- conversion ---- */
DT_API dt_tensor dt_to(dt_tensor t, int32_t dtype, int32_t dev_type, int32_t dev_index, int32_t non_blocking);
DT_API dt_tensor dt_to_memory_format(dt_tensor t, int32_t memory_format);
DT_API dt_tensor dt_contiguous(dt_tensor t);
DT_API dt_tensor dt_clone(dt_tensor t);

/* ---- element-wise ---- */
/* unary op codes: see DtUnary in unary.cpp / UnaryOp in C# (kept in sync by the ABI version) */
DT_API dt_tensor dt_unary(int32_t op, dt_tensor a);
/* in place: only neg, tanh, sigmoid, silu, relu; returns 0 or -1 */
DT_API int32_t dt_unary_inplace(int32_t op, dt_tensor a);
DT_API dt_tensor dt_binary(int32_t op, dt_tensor a, dt_tensor b);
DT_API dt_tensor dt_binary_scalar(int32_t op, dt_tensor a, double s);
/* in place: only add, sub, mul, div; returns 0 or -1 */
DT_API int32_t dt_binary_inplace(int32_t op, dt_tensor a, dt_tensor b);
DT_API int32_t dt_binary_scalar_inplace(int32_t op, dt_tensor a, double s);
DT_API dt_tensor dt_add_scaled(dt_tensor a, dt_tensor b, double alpha);
DT_API dt_tensor dt_clamp(dt_tensor a, int32_t has_min, double min, int32_t has_max, double max);
DT_API dt_tensor dt_where(dt_tensor cond, dt_tensor a, dt_tensor b);
DT_API dt_tensor dt_masked_fill(dt_tensor a, dt_tensor mask, double value);
DT_API dt_tensor dt_lerp(dt_tensor a, dt_tensor b, dt_tensor weight_or_null, double weight);
DT_API int32_t dt_copy_(dt_tensor dst, dt_tensor src);
DT_API int32_t dt_fill_(dt_tensor t, double value);

/* ---- reductions ---- */
/* op: 0 sum, 1 mean, 2 var, 3 std, 4 amax, 5 amin, 6 prod, 7 argmax, 8 argmin, 9 any, 10 all, 11 norm2.
 * ndims == 0 reduces everything; correction (var/std) 0 or 1; argmax/argmin take at most one dim. */
DT_API dt_tensor dt_reduce(int32_t op, dt_tensor a, const int64_t* dims, int32_t ndims, int32_t keepdim, int32_t correction);
DT_API dt_tensor dt_cumsum(dt_tensor a, int64_t dim);
DT_API int32_t dt_sort(dt_tensor a, int64_t dim, int32_t descending, int32_t stable, dt_tensor* values, dt_tensor* indices);
DT_API dt_tensor dt_searchsorted(dt_tensor sorted, dt_tensor values, int32_t right);
/* sorted unique values, inverse indices and counts (all three returned). */
DT_API int32_t dt_unique(dt_tensor a, dt_tensor* values, dt_tensor* inverse, dt_tensor* counts);

/* ---- shape ---- */
DT_API dt_tensor dt_view(dt_tensor a, const int64_t* shape, int32_t ndim);
DT_API dt_tensor dt_reshape(dt_tensor a, const int64_t* shape, int32_t ndim);
DT_API dt_tensor dt_permute(dt_tensor a, const int64_t* dims, int32_t ndim);
DT_API dt_tensor dt_transpose(dt_tensor a, int64_t d0, int64_t d1);
/* all_dims != 0 squeezes every size-1 dim */
DT_API dt_tensor dt_squeeze(dt_tensor a, int64_t dim, int32_t all_dims);
DT_API dt_tensor dt_unsqueeze(dt_tensor a, int64_t dim);
DT_API dt_tensor dt_flatten(dt_tensor a, int64_t start, int64_t end);
DT_API dt_tensor dt_cat(const dt_tensor* ts, int32_t n, int64_t dim);
DT_API dt_tensor dt_stack(const dt_tensor* ts, int32_t n, int64_t dim);
/* split into pieces of the given sizes along dim; writes n_sizes handles to out. */
DT_API int32_t dt_split(dt_tensor a, const int64_t* sizes, int32_t n_sizes, int64_t dim, dt_tensor* out);
DT_API dt_tensor dt_narrow(dt_tensor a, int64_t dim, int64_t start, int64_t length);
DT_API dt_tensor dt_slice(dt_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step);
DT_API dt_tensor dt_select(dt_tensor a, int64_t dim, int64_t index);
DT_API dt_tensor dt_index_select(dt_tensor a, int64_t dim, dt_tensor index);
DT_API dt_tensor dt_gather(dt_tensor a, int64_t dim, dt_tensor index);
DT_API dt_tensor dt_flip(dt_tensor a, const int64_t* dims, int32_t ndims);
DT_API dt_tensor dt_roll(dt_tensor a, const int64_t* shifts, const int64_t* dims, int32_t n);
DT_API dt_tensor dt_expand(dt_tensor a, const int64_t* shape, int32_t ndim);
DT_API dt_tensor dt_repeat(dt_tensor a, const int64_t* reps, int32_t n);
/* mode: 0 constant, 1 reflect, 2 replicate, 3 circular; pads in F.pad order (last dim first). */
DT_API dt_tensor dt_pad(dt_tensor a, const int64_t* pads, int32_t n, int32_t mode, double value);

/* ---- linear algebra ---- */
DT_API dt_tensor dt_matmul(dt_tensor a, dt_tensor b);
DT_API dt_tensor dt_bmm(dt_tensor a, dt_tensor b);
DT_API dt_tensor dt_baddbmm(dt_tensor input, dt_tensor b1, dt_tensor b2, double beta, double alpha);
DT_API dt_tensor dt_linear(dt_tensor x, dt_tensor w, dt_tensor b);

/* ---- neural network ---- */
DT_API dt_tensor dt_conv2d(dt_tensor x, dt_tensor w, dt_tensor b, const int64_t* stride2, const int64_t* padding2,
                           const int64_t* dilation2, int64_t groups);
/* A CPU float conv2d weight reordered once into oneDNN's blocked layout; dt_conv2d takes it in place of the plain
   weight (the same stride, padding, dilation and groups) and so skips the reorder oneDNN otherwise makes of the weight
   on every call. Fails where dt_mkldnn_enabled() is 0 or the weight is not a CPU float tensor. */
DT_API dt_tensor dt_conv2d_pack_weight(dt_tensor w, const int64_t* stride2, const int64_t* padding2, const int64_t* dilation2,
                                       int64_t groups);
/* 1 when this libtorch has oneDNN (MKL-DNN) and it is enabled, else 0. */
DT_API int32_t dt_mkldnn_enabled(void);
/* 1 for a tensor in oneDNN's own layout (a packed weight), 0 for a strided one, -1 on error. */
DT_API int32_t dt_is_mkldnn(dt_tensor t);
/* A packed (oneDNN layout) tensor back in the plain strided layout; a strided tensor is returned as a new handle. */
DT_API dt_tensor dt_to_dense(dt_tensor t);
DT_API dt_tensor dt_conv_transpose2d(dt_tensor x, dt_tensor w, dt_tensor b, const int64_t* stride2, const int64_t* padding2,
                                     const int64_t* output_padding2, int64_t groups, const int64_t* dilation2);
DT_API dt_tensor dt_group_norm(dt_tensor x, int64_t groups, dt_tensor w, dt_tensor b, double eps);
DT_API dt_tensor dt_layer_norm(dt_tensor x, const int64_t* shape, int32_t ndim, dt_tensor w, dt_tensor b, double eps);
DT_API dt_tensor dt_batch_norm(dt_tensor x, dt_tensor w, dt_tensor b, dt_tensor mean, dt_tensor var, double eps);
DT_API dt_tensor dt_embedding(dt_tensor weight, dt_tensor indices);
/* log != 0 gives log_softmax; dtype < 0 keeps the input dtype */
DT_API dt_tensor dt_softmax(dt_tensor x, int64_t dim, int32_t log, int32_t dtype);
/* approximate: 0 erf, 1 tanh */
DT_API dt_tensor dt_gelu(dt_tensor x, int32_t approximate);
/* mode: 0 nearest, 1 bilinear, 2 bicubic, 3 nearest-exact, 4 area. Either size (h, w) or scales (sh, sw)
 * as F.interpolate passes them (size when has_size, else scale factors); align_corners for (bi)linear/cubic. */
DT_API dt_tensor dt_interpolate(dt_tensor x, int32_t mode, int32_t has_size, int64_t out_h, int64_t out_w,
                                double scale_h, double scale_w, int32_t align_corners);
/* mode: 0 bilinear, 1 nearest, 2 bicubic; padding: 0 zeros, 1 border, 2 reflection */
DT_API dt_tensor dt_grid_sample(dt_tensor x, dt_tensor grid, int32_t mode, int32_t padding, int32_t align_corners);
DT_API dt_tensor dt_affine_grid(dt_tensor theta, const int64_t* size, int32_t ndim, int32_t align_corners);
/* q,k,v [..., L, E]; mask NULL or additive/boolean; scale <= 0 means 1/sqrt(E). Fused kernel where the
 * libtorch has one (>= 2.1), otherwise the identical math (softmax(q k^T * scale + mask) v). */
DT_API dt_tensor dt_sdpa(dt_tensor q, dt_tensor k, dt_tensor v, dt_tensor mask, int32_t causal, double scale);

/* ---- random ---- */
DT_API dt_generator dt_generator_new(int32_t dev_type, int32_t dev_index, uint64_t seed);
DT_API void dt_generator_free(dt_generator g);
DT_API int32_t dt_generator_manual_seed(dt_generator g, uint64_t seed);
DT_API dt_tensor dt_generator_get_state(dt_generator g);
DT_API int32_t dt_generator_set_state(dt_generator g, dt_tensor state);
/* seeds the default generators of every device, like torch.manual_seed */
DT_API int32_t dt_manual_seed(uint64_t seed);
/* g NULL = the device's default generator */
DT_API dt_tensor dt_randn(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev_type, int32_t dev_index, dt_generator g);
DT_API dt_tensor dt_rand(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev_type, int32_t dev_index, dt_generator g);
DT_API dt_tensor dt_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev_type, int32_t dev_index, dt_generator g);
DT_API dt_tensor dt_randn_like(dt_tensor a, dt_generator g);

/* ---- added for Models ---- */
/* softmax(q k^T * scale) v over q [..., Lq, D], k [..., Lk, D], v [..., Lk, Dv], computing at most
 * max_score_elements scores at a time (per head and block of query rows). */
DT_API dt_tensor dt_attention_chunked(dt_tensor q, dt_tensor k, dt_tensor v, double scale, int64_t max_score_elements);

#ifdef __cplusplus
}
#endif
#endif
