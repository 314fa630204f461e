// Neural-network functionals: convolutions, norms, embeddings, activations, resampling, attention.
#include <cmath>
#include <limits>
#include <vector>

#include <ATen/Parallel.h>
#include <torch/csrc/api/include/torch/version.h>

#include "common.h"

#define DT_HAS_FUSED_SDPA (TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1))

namespace {
at::IntArrayRef Pair(const int64_t* p) {
    TORCH_CHECK(p != nullptr, "expected two values");
    return at::IntArrayRef(p, 2);
}

// softmax(q k^T * scale + mask) v: the definition of scaled dot-product attention, used where libtorch has no
// fused kernel (1.13). Matches the fused kernels' semantics for boolean (true = keep) and additive masks.
at::Tensor AttentionMath(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const c10::optional<at::Tensor>& mask,
                         bool causal, double scale) {
    auto scores = at::matmul(q, k.transpose(-2, -1)).mul_(scale);  // [..., Lq, Lk]
    const double neg_inf = -std::numeric_limits<double>::infinity();
    if (causal) {
        auto keep = at::ones({q.size(-2), k.size(-2)}, q.options().dtype(at::kBool)).tril();
        scores.masked_fill_(keep.logical_not(), neg_inf);
    }
    if (mask.has_value()) {
        if (mask->scalar_type() == at::kBool) scores.masked_fill_(mask->logical_not(), neg_inf);
        else scores.add_(*mask);
    }
    return at::matmul(at::softmax(scores, -1), v);
}

bool MkldnnEnabled() { return at::hasMKLDNN() && at::globalContext().userEnabledMkldnn(); }

// Whether at::conv2d would run this convolution through oneDNN: the test of libtorch's ConvParams::use_mkldnn for a
// CPU float input (aten/src/ATen/native/Convolution.cpp). A packed weight takes oneDNN's path only where the plain
// weight would have, so the same kernel computes the same numbers; elsewhere (THNN, XNNPACK) it is unpacked.
bool RunsOnMkldnn(const at::Tensor& x, const at::Tensor& w, at::IntArrayRef stride, at::IntArrayRef dilation, int64_t groups) {
    if (!MkldnnEnabled() || x.dim() != 4 || !x.device().is_cpu() || x.scalar_type() != at::kFloat || x.is_mkldnn()) return false;
    const bool strided = stride[0] != 1 || stride[1] != 1, dilated = dilation[0] != 1 || dilation[1] != 1;
    const bool one_by_one = w.size(-1) == 1 && w.size(-2) == 1;
    return (strided || dilated || x.size(0) >= 16 || !one_by_one || at::get_num_threads() > 1) &&
           (groups > 1 || (w.size(-1) > 3 && w.size(-2) > 3) || x.size(0) > 1 || x.numel() > 20480);
}

at::Tensor Conv2d(const at::Tensor& x, const at::Tensor& w, const c10::optional<at::Tensor>& b, at::IntArrayRef stride,
                  at::IntArrayRef padding, at::IntArrayRef dilation, int64_t groups) {
    if (!w.is_mkldnn()) return at::conv2d(x, w, b, stride, padding, dilation, groups);
    if (RunsOnMkldnn(x, w, stride, dilation, groups))  // at::_convolution's oneDNN branch, minus the weight's reorder
        return at::mkldnn_convolution(x.contiguous(x.suggest_memory_format()), w, b, padding, stride, dilation, groups);
    return at::conv2d(x, w.to_dense(), b, stride, padding, dilation, groups);
}
}  // namespace

extern "C" {

dt_tensor dt_conv2d(dt_tensor x, dt_tensor w, dt_tensor b, const int64_t* stride2, const int64_t* padding2,
                    const int64_t* dilation2, int64_t groups) {
    DT_TENSOR_OP(Conv2d(dt::T(x), dt::T(w), dt::Opt(b), Pair(stride2), Pair(padding2), Pair(dilation2), groups))
}

dt_tensor dt_conv2d_pack_weight(dt_tensor w, const int64_t* stride2, const int64_t* padding2, const int64_t* dilation2,
                                int64_t groups) {
    DT_TRY
        const auto& weight = dt::T(w);
        TORCH_CHECK(MkldnnEnabled(), "this libtorch has no oneDNN (MKL-DNN), or it is disabled: conv2d weights cannot be packed");
        TORCH_CHECK(weight.device().is_cpu() && weight.scalar_type() == at::kFloat && weight.dim() == 4 && !weight.is_mkldnn(),
                    "only a plain 4-D CPU float32 conv2d weight can be packed, not ", weight.toString(), " ", weight.sizes());
        return dt::Wrap(at::mkldnn_reorder_conv2d_weight(weight.contiguous().to_mkldnn(), Pair(padding2), Pair(stride2),
                                                         Pair(dilation2), groups));
    DT_CATCH(nullptr)
}

int32_t dt_mkldnn_enabled(void) {
    DT_TRY return MkldnnEnabled() ? 1 : 0; DT_CATCH(0)
}

int32_t dt_is_mkldnn(dt_tensor t) {
    DT_TRY return dt::T(t).is_mkldnn() ? 1 : 0; DT_CATCH(-1)
}

dt_tensor dt_to_dense(dt_tensor t) {
    DT_TENSOR_OP(dt::T(t).is_mkldnn() ? dt::T(t).to_dense() : dt::T(t))
}

dt_tensor dt_conv_transpose2d(dt_tensor x, dt_tensor w, dt_tensor b, const int64_t* stride2, const int64_t* padding2,
                              const int64_t* output_padding2, int64_t groups, const int64_t* dilation2) {
    DT_TENSOR_OP(at::conv_transpose2d(dt::T(x), dt::T(w), dt::Opt(b), Pair(stride2), Pair(padding2), Pair(output_padding2),
                                      groups, Pair(dilation2)))
}

dt_tensor dt_group_norm(dt_tensor x, int64_t groups, dt_tensor w, dt_tensor b, double eps) {
    DT_TENSOR_OP(at::group_norm(dt::T(x), groups, dt::Opt(w), dt::Opt(b), eps, true))
}

dt_tensor dt_layer_norm(dt_tensor x, const int64_t* shape, int32_t ndim, dt_tensor w, dt_tensor b, double eps) {
    DT_TENSOR_OP(at::layer_norm(dt::T(x), dt::Ints(shape, ndim), dt::Opt(w), dt::Opt(b), eps, true))
}

dt_tensor dt_batch_norm(dt_tensor x, dt_tensor w, dt_tensor b, dt_tensor mean, dt_tensor var, double eps) {
    DT_TENSOR_OP(at::batch_norm(dt::T(x), dt::Opt(w), dt::Opt(b), dt::Opt(mean), dt::Opt(var), false, 0.0, eps, true))
}

dt_tensor dt_embedding(dt_tensor weight, dt_tensor indices) { DT_TENSOR_OP(at::embedding(dt::T(weight), dt::T(indices))) }

dt_tensor dt_softmax(dt_tensor x, int64_t dim, int32_t log, int32_t dtype) {
    DT_TRY
        auto dt = dtype < 0 ? c10::optional<at::ScalarType>() : c10::optional<at::ScalarType>(dt::ScalarType(dtype));
        return dt::Wrap(log != 0 ? at::log_softmax(dt::T(x), dim, dt) : at::softmax(dt::T(x), dim, dt));
    DT_CATCH(nullptr)
}

dt_tensor dt_gelu(dt_tensor x, int32_t approximate) { DT_TENSOR_OP(at::gelu(dt::T(x), approximate != 0 ? "tanh" : "none")) }

dt_tensor dt_interpolate(dt_tensor x, int32_t mode, int32_t has_size, int64_t out_h, int64_t out_w,
                         double scale_h, double scale_w, int32_t align_corners) {
    DT_TRY
        const auto& in = dt::T(x);
        TORCH_CHECK(in.dim() == 4, "interpolate expects a 4-D [N, C, H, W] input, got ", in.dim(), "-D");
        std::vector<int64_t> size{out_h, out_w};
        std::vector<double> scales{scale_h, scale_w};
        at::OptionalIntArrayRef osize = has_size ? at::OptionalIntArrayRef(size) : c10::nullopt;
        c10::optional<at::ArrayRef<double>> oscales = has_size ? c10::nullopt : c10::optional<at::ArrayRef<double>>(scales);
        bool ac = align_corners != 0;
        switch (mode) {
            case 0: return dt::Wrap(at::upsample_nearest2d(in, osize, oscales));
            case 1: return dt::Wrap(at::upsample_bilinear2d(in, osize, ac, oscales));
            case 2: return dt::Wrap(at::upsample_bicubic2d(in, osize, ac, oscales));
            case 3: return dt::Wrap(at::_upsample_nearest_exact2d(in, osize, oscales));
            case 4: {
                // F.interpolate(mode="area") is adaptive average pooling to the output size.
                std::vector<int64_t> s = has_size ? size
                    : std::vector<int64_t>{static_cast<int64_t>(std::floor(in.size(2) * scale_h)),
                                           static_cast<int64_t>(std::floor(in.size(3) * scale_w))};
                return dt::Wrap(at::adaptive_avg_pool2d(in, s));
            }
            default: TORCH_CHECK(false, "unknown interpolate mode code ", mode);
        }
    DT_CATCH(nullptr)
}

dt_tensor dt_grid_sample(dt_tensor x, dt_tensor grid, int32_t mode, int32_t padding, int32_t align_corners) {
    DT_TRY
        TORCH_CHECK(mode >= 0 && mode <= 2, "unknown grid_sample mode code ", mode);
        TORCH_CHECK(padding >= 0 && padding <= 2, "unknown grid_sample padding code ", padding);
        return dt::Wrap(at::grid_sampler(dt::T(x), dt::T(grid), mode, padding, align_corners != 0));
    DT_CATCH(nullptr)
}

dt_tensor dt_affine_grid(dt_tensor theta, const int64_t* size, int32_t ndim, int32_t align_corners) {
    DT_TENSOR_OP(at::affine_grid_generator(dt::T(theta), dt::Ints(size, ndim), align_corners != 0))
}

dt_tensor dt_sdpa(dt_tensor q, dt_tensor k, dt_tensor v, dt_tensor mask, int32_t causal, double scale) {
    DT_TRY
        const auto& Q = dt::T(q);
        double s = scale > 0 ? scale : 1.0 / std::sqrt(static_cast<double>(Q.size(-1)));
#if DT_HAS_FUSED_SDPA
        return dt::Wrap(at::scaled_dot_product_attention(Q, dt::T(k), dt::T(v), dt::Opt(mask), 0.0, causal != 0, s));
#else
        return dt::Wrap(AttentionMath(Q, dt::T(k), dt::T(v), dt::Opt(mask), causal != 0, s));
#endif
    DT_CATCH(nullptr)
}

}  // extern "C"
