// Shape and indexing ops: views, joins, splits, selection, padding.
#include <vector>

#include "common.h"

namespace {
std::vector<at::Tensor> Tensors(const dt_tensor* ts, int32_t n) {
    TORCH_CHECK(n > 0 && ts != nullptr, "expected a non-empty tensor list");
    std::vector<at::Tensor> v;
    v.reserve(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i) v.push_back(dt::T(ts[i]));
    return v;
}
}  // namespace

extern "C" {

dt_tensor dt_view(dt_tensor a, const int64_t* shape, int32_t ndim) { DT_TENSOR_OP(dt::T(a).view(dt::Ints(shape, ndim))) }

dt_tensor dt_reshape(dt_tensor a, const int64_t* shape, int32_t ndim) { DT_TENSOR_OP(dt::T(a).reshape(dt::Ints(shape, ndim))) }

dt_tensor dt_permute(dt_tensor a, const int64_t* dims, int32_t ndim) { DT_TENSOR_OP(dt::T(a).permute(dt::Ints(dims, ndim))) }

dt_tensor dt_transpose(dt_tensor a, int64_t d0, int64_t d1) { DT_TENSOR_OP(dt::T(a).transpose(d0, d1)) }

dt_tensor dt_squeeze(dt_tensor a, int64_t dim, int32_t all_dims) {
    DT_TENSOR_OP(all_dims != 0 ? dt::T(a).squeeze() : dt::T(a).squeeze(dim))
}

dt_tensor dt_unsqueeze(dt_tensor a, int64_t dim) { DT_TENSOR_OP(dt::T(a).unsqueeze(dim)) }

dt_tensor dt_flatten(dt_tensor a, int64_t start, int64_t end) { DT_TENSOR_OP(dt::T(a).flatten(start, end)) }

dt_tensor dt_cat(const dt_tensor* ts, int32_t n, int64_t dim) { DT_TENSOR_OP(at::cat(Tensors(ts, n), dim)) }

dt_tensor dt_stack(const dt_tensor* ts, int32_t n, int64_t dim) { DT_TENSOR_OP(at::stack(Tensors(ts, n), dim)) }

int32_t dt_split(dt_tensor a, const int64_t* sizes, int32_t n_sizes, int64_t dim, dt_tensor* out) {
    DT_TRY
        auto parts = at::split_with_sizes(dt::T(a), dt::Ints(sizes, n_sizes), dim);
        for (size_t i = 0; i < parts.size(); ++i) out[i] = dt::Wrap(parts[i]);
        return static_cast<int32_t>(parts.size());
    DT_CATCH(-1)
}

dt_tensor dt_narrow(dt_tensor a, int64_t dim, int64_t start, int64_t length) { DT_TENSOR_OP(dt::T(a).narrow(dim, start, length)) }

dt_tensor dt_slice(dt_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step) {
    DT_TENSOR_OP(dt::T(a).slice(dim, start, end, step))
}

dt_tensor dt_select(dt_tensor a, int64_t dim, int64_t index) { DT_TENSOR_OP(dt::T(a).select(dim, index)) }

dt_tensor dt_index_select(dt_tensor a, int64_t dim, dt_tensor index) { DT_TENSOR_OP(at::index_select(dt::T(a), dim, dt::T(index))) }

dt_tensor dt_gather(dt_tensor a, int64_t dim, dt_tensor index) { DT_TENSOR_OP(at::gather(dt::T(a), dim, dt::T(index))) }

dt_tensor dt_flip(dt_tensor a, const int64_t* dims, int32_t ndims) { DT_TENSOR_OP(at::flip(dt::T(a), dt::Ints(dims, ndims))) }

dt_tensor dt_roll(dt_tensor a, const int64_t* shifts, const int64_t* dims, int32_t n) {
    DT_TENSOR_OP(at::roll(dt::T(a), dt::Ints(shifts, n), dt::Ints(dims, n)))
}

dt_tensor dt_expand(dt_tensor a, const int64_t* shape, int32_t ndim) { DT_TENSOR_OP(dt::T(a).expand(dt::Ints(shape, ndim))) }

dt_tensor dt_repeat(dt_tensor a, const int64_t* reps, int32_t n) { DT_TENSOR_OP(dt::T(a).repeat(dt::Ints(reps, n))) }

dt_tensor dt_pad(dt_tensor a, const int64_t* pads, int32_t n, int32_t mode, double value) {
    DT_TRY
        static const char* kModes[] = {"constant", "reflect", "replicate", "circular"};
        TORCH_CHECK(mode >= 0 && mode < 4, "unknown pad mode code ", mode);
        auto v = mode == 0 ? c10::optional<double>(value) : c10::nullopt;
        return dt::Wrap(at::pad(dt::T(a), dt::Ints(pads, n), kModes[mode], v));
    DT_CATCH(nullptr)
}

dt_tensor dt_matmul(dt_tensor a, dt_tensor b) { DT_TENSOR_OP(at::matmul(dt::T(a), dt::T(b))) }

dt_tensor dt_bmm(dt_tensor a, dt_tensor b) { DT_TENSOR_OP(at::bmm(dt::T(a), dt::T(b))) }

dt_tensor dt_baddbmm(dt_tensor input, dt_tensor b1, dt_tensor b2, double beta, double alpha) {
    DT_TENSOR_OP(at::baddbmm(dt::T(input), dt::T(b1), dt::T(b2), beta, alpha))
}

dt_tensor dt_linear(dt_tensor x, dt_tensor w, dt_tensor b) { DT_TENSOR_OP(at::linear(dt::T(x), dt::T(w), dt::Opt(b))) }

}  // extern "C"
