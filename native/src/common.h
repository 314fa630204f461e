// Internal helpers shared by every translation unit of the shim.
#pragma once

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <string>

#include "deforum_torch.h"

struct dt_tensor_s {
    at::Tensor t;
};

struct dt_generator_s {
    at::Generator g;
};

namespace dt {

void set_error(const char* message);

inline const at::Tensor& T(dt_tensor h) {
    TORCH_CHECK(h != nullptr, "null tensor handle (the tensor was disposed or never created)");
    return h->t;
}

inline c10::optional<at::Tensor> Opt(dt_tensor h) {
    if (h == nullptr) return c10::nullopt;
    return h->t;
}

inline dt_tensor Wrap(at::Tensor t) { return new dt_tensor_s{std::move(t)}; }

inline at::ScalarType ScalarType(int32_t code) {
    TORCH_CHECK(code >= 0 && code < static_cast<int32_t>(at::ScalarType::NumOptions), "invalid dtype code ", code);
    return static_cast<at::ScalarType>(code);
}

inline at::Device Device(int32_t type, int32_t index) {
    switch (type) {
        case 0: return at::Device(at::kCPU);
        case 1: return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
        default: TORCH_CHECK(false, "invalid device type code ", type);
    }
}

inline at::TensorOptions Options(int32_t dtype, int32_t dev_type, int32_t dev_index) {
    return at::TensorOptions().dtype(ScalarType(dtype)).device(Device(dev_type, dev_index));
}

inline at::IntArrayRef Ints(const int64_t* data, int32_t n) {
    TORCH_CHECK(n >= 0 && (n == 0 || data != nullptr), "invalid int list");
    return at::IntArrayRef(data, static_cast<size_t>(n));
}

}  // namespace dt

// Every exported body runs inside DT_TRY ... DT_CATCH(error marker): exceptions never cross the C ABI and
// autograd is off for the whole call.
#define DT_TRY            \
    try {                 \
        c10::InferenceMode dt_inference_guard;

#define DT_CATCH(marker)                                  \
    }                                                     \
    catch (const c10::Error& e) {                         \
        dt::set_error(e.what_without_backtrace());        \
    }                                                     \
    catch (const std::exception& e) {                     \
        dt::set_error(e.what());                          \
    }                                                     \
    catch (...) {                                         \
        dt::set_error("unknown C++ exception in libtorch"); \
    }                                                     \
    return marker;

#define DT_TENSOR_OP(body) DT_TRY return dt::Wrap(body); DT_CATCH(nullptr)
