// Kernels the Stable Diffusion models need beyond the generic binding.
#include <algorithm>

#include "common.h"

extern "C" {

// softmax(q k^T * scale) v with q [..., Lq, D], k [..., Lk, D], v [..., Lk, Dv] (leading dims alike, e.g. batch and
// heads). Without a fused kernel (libtorch < 2.1
// on CPU) the naive form materialises N x Lq x Lk scores (1 GB for SD at 64x64); here the scores of one head and
// one block of query rows at a time stay within max_score_elements, so they are reused from the allocator and
// mostly served from cache. The product is scaled after the matmul, as the CompVis reference does.
dt_tensor dt_attention_chunked(dt_tensor q, dt_tensor k, dt_tensor v, double scale, int64_t max_score_elements) {
    DT_TRY
        const auto& q_in = dt::T(q);
        TORCH_CHECK(q_in.dim() >= 3 && q_in.dim() == dt::T(k).dim() && q_in.dim() == dt::T(v).dim(),
                    "attention expects q, k, v with the same number (>= 3) of dims [..., L, D]");
        TORCH_CHECK(max_score_elements > 0, "max_score_elements must be positive");
        auto out_shape = q_in.sizes().vec();
        out_shape.back() = dt::T(v).size(-1);
        // Leading dims folded into one: [..., L, D] -> [N, L, D].
        auto Q = q_in.reshape({-1, q_in.size(-2), q_in.size(-1)});
        auto K = dt::T(k).reshape({-1, dt::T(k).size(-2), dt::T(k).size(-1)});
        auto V = dt::T(v).reshape({-1, dt::T(v).size(-2), dt::T(v).size(-1)});
        const int64_t n = Q.size(0), lq = Q.size(1), lk = K.size(1);
        auto kt = K.transpose(1, 2);  // [N, D, Lk]
        if (n * lq * lk <= max_score_elements) {
            auto scores = at::bmm(Q, kt).mul_(scale);  // [N, Lq, Lk]
            return dt::Wrap(at::bmm(at::softmax(scores, -1), V).view(out_shape));
        }
        auto out = at::empty({n, lq, V.size(2)}, Q.options());
        const int64_t rows = std::max<int64_t>(1, max_score_elements / lk);
        for (int64_t h = 0; h < n; ++h) {
            auto qh = Q[h], kth = kt[h], vh = V[h], oh = out[h];
            for (int64_t start = 0; start < lq; start += rows) {
                const int64_t r = std::min(rows, lq - start);
                auto scores = at::mm(qh.narrow(0, start, r), kth).mul_(scale);  // [r, Lk]
                auto slice = oh.narrow(0, start, r);
                at::mm_out(slice, at::softmax(scores, -1), vh);
            }
        }
        return dt::Wrap(out.view(out_shape));
    DT_CATCH(nullptr)
}

}  // extern "C"
