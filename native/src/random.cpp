// Random generators and draws. Draws go through libtorch's own generators so that, for the same seed and
// call order, the numbers equal PyTorch's (CPU Philox/MT and CUDA Philox streams alike).
#include <mutex>

#include <ATen/CPUGeneratorImpl.h>

#include "common.h"

namespace {
c10::optional<at::Generator> Gen(dt_generator g) {
    if (g == nullptr) return c10::nullopt;
    return g->g;
}
}  // namespace

extern "C" {

dt_generator dt_generator_new(int32_t dev_type, int32_t dev_index, uint64_t seed) {
    DT_TRY
        at::Generator g = dev_type == 0 ? at::detail::createCPUGenerator(seed)
                                        : at::globalContext().defaultGenerator(dt::Device(dev_type, dev_index)).clone();
        {
            std::lock_guard<std::mutex> lock(g.mutex());
            g.set_current_seed(seed);
        }
        return new dt_generator_s{std::move(g)};
    DT_CATCH(nullptr)
}

void dt_generator_free(dt_generator g) { delete g; }

int32_t dt_generator_manual_seed(dt_generator g, uint64_t seed) {
    DT_TRY
        TORCH_CHECK(g != nullptr, "null generator handle");
        std::lock_guard<std::mutex> lock(g->g.mutex());
        g->g.set_current_seed(seed);
        return 0;
    DT_CATCH(-1)
}

dt_tensor dt_generator_get_state(dt_generator g) {
    DT_TRY
        TORCH_CHECK(g != nullptr, "null generator handle");
        std::lock_guard<std::mutex> lock(g->g.mutex());
        return dt::Wrap(g->g.get_state());
    DT_CATCH(nullptr)
}

int32_t dt_generator_set_state(dt_generator g, dt_tensor state) {
    DT_TRY
        TORCH_CHECK(g != nullptr, "null generator handle");
        std::lock_guard<std::mutex> lock(g->g.mutex());
        g->g.set_state(dt::T(state));
        return 0;
    DT_CATCH(-1)
}

int32_t dt_manual_seed(uint64_t seed) {
    DT_TRY
        {
            auto g = at::globalContext().defaultGenerator(at::Device(at::kCPU));
            std::lock_guard<std::mutex> lock(g.mutex());
            g.set_current_seed(seed);
        }
        auto& hooks = at::detail::getCUDAHooks();
        if (hooks.hasCUDA()) {
            for (int i = 0; i < hooks.getNumGPUs(); ++i) {
                auto g = at::globalContext().defaultGenerator(at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(i)));
                std::lock_guard<std::mutex> lock(g.mutex());
                g.set_current_seed(seed);
            }
        }
        return 0;
    DT_CATCH(-1)
}

dt_tensor dt_randn(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev_type, int32_t dev_index, dt_generator g) {
    DT_TENSOR_OP(at::randn(dt::Ints(shape, ndim), Gen(g), dt::Options(dtype, dev_type, dev_index)))
}

dt_tensor dt_rand(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev_type, int32_t dev_index, dt_generator g) {
    DT_TENSOR_OP(at::rand(dt::Ints(shape, ndim), Gen(g), dt::Options(dtype, dev_type, dev_index)))
}

dt_tensor dt_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev_type,
                     int32_t dev_index, dt_generator g) {
    DT_TENSOR_OP(at::randint(low, high, dt::Ints(shape, ndim), Gen(g), dt::Options(dtype, dev_type, dev_index)))
}

// torch.randn_like(x) is empty_like(x).normal_(): the same stream as randn for the same shape.
dt_tensor dt_randn_like(dt_tensor a, dt_generator g) { DT_TENSOR_OP(at::empty_like(dt::T(a)).normal_(0.0, 1.0, Gen(g))) }

}  // extern "C"
