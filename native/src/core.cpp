// Library-level functions: errors, build info, threads, CUDA housekeeping, tensor metadata, creation, transfer.
#include <dlfcn.h>
#include <link.h>

#include <cstring>
#include <sstream>
#include <vector>

#include <ATen/Version.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <ATen/Parallel.h>
#include <torch/csrc/api/include/torch/version.h>

#include "common.h"

#ifdef DT_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#endif

namespace {
thread_local std::string g_last_error;

// Which BLAS libtorch will call: the first loaded object whose path names a BLAS. Debian's libtorch links
// libblas.so.3, which the alternatives system may point at the slow reference BLAS.
int FindBlas(struct dl_phdr_info* info, size_t, void* data) {
    auto* out = static_cast<std::string*>(data);
    if (!out->empty() || info->dlpi_name == nullptr) return 0;
    std::string name = info->dlpi_name;
    if (name.find("blas") != std::string::npos || name.find("mkl") != std::string::npos) *out = name;
    return 0;
}

// What the loaded BLAS is; for OpenBLAS also the core whose kernels it runs (*core, empty otherwise), which is
// how the managed loader checks that the OPENBLAS_CORETYPE it chose took effect.
std::string BlasDescription(std::string* path, std::string* core) {
    dl_iterate_phdr(FindBlas, path);
    if (path->empty()) return "unknown";
    char resolved[4096];
    if (realpath(path->c_str(), resolved) != nullptr) *path = resolved;
    void* handle = dlopen(path->c_str(), RTLD_LAZY | RTLD_NOLOAD);
    std::string kind = "unknown";
    if (handle != nullptr) {
        using ConfigFn = char* (*)();
        if (auto cfg = reinterpret_cast<ConfigFn>(dlsym(handle, "openblas_get_config"))) {
            kind = cfg();
            if (auto name = reinterpret_cast<ConfigFn>(dlsym(handle, "openblas_get_corename"))) *core = name();
        } else if (dlsym(handle, "mkl_get_version") != nullptr) {
            kind = "MKL";
        } else if (path->find("/blas/") != std::string::npos || path->find("libblas.so") != std::string::npos) {
            kind = "reference";
        }
        dlclose(handle);
    }
    return kind;
}

std::string JsonEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) { out += ' '; continue; }
        out += c;
    }
    return out;
}
}  // namespace

void dt::set_error(const char* message) { g_last_error = message != nullptr ? message : "(no message)"; }

extern "C" {

int32_t dt_abi_version(void) { return DT_ABI_VERSION; }

const char* dt_last_error(void) { return g_last_error.c_str(); }

const char* dt_build_info(void) {
    static std::string info;
    DT_TRY
        if (!info.empty()) return info.c_str();
        std::string blas_path, blas_core;
        std::string blas = BlasDescription(&blas_path, &blas_core);
        auto& hooks = at::detail::getCUDAHooks();
        bool cuda = hooks.hasCUDA();
        std::ostringstream o;
        o << "{\"abi\":" << DT_ABI_VERSION
          << ",\"torch\":\"" << TORCH_VERSION_MAJOR << "." << TORCH_VERSION_MINOR << "." << TORCH_VERSION_PATCH << "\""
          << ",\"cuda_available\":" << (cuda ? "true" : "false")
          << ",\"cuda_device_count\":" << (cuda ? hooks.getNumGPUs() : 0)
          << ",\"cudnn\":" << (cuda && hooks.hasCuDNN() ? hooks.versionCuDNN() : 0)
#ifdef DT_WITH_CUDA
          << ",\"built_with_cuda\":true"
#else
          << ",\"built_with_cuda\":false"
#endif
          << ",\"sdpa\":\"" << ((TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)) ? "fused" : "math") << "\""
          << ",\"blas\":\"" << JsonEscape(blas) << "\""
          << ",\"blas_path\":\"" << JsonEscape(blas_path) << "\""
          << ",\"blas_core\":\"" << JsonEscape(blas_core) << "\""
          << ",\"threads\":" << at::get_num_threads()
          << "}";
        info = o.str();
        return info.c_str();
    DT_CATCH(nullptr)
}

int32_t dt_set_num_threads(int32_t n) {
    DT_TRY at::set_num_threads(n); return 0; DT_CATCH(-1)
}

int32_t dt_get_num_threads(void) {
    DT_TRY return at::get_num_threads(); DT_CATCH(-1)
}

int32_t dt_cuda_is_available(void) {
    DT_TRY return at::detail::getCUDAHooks().hasCUDA() ? 1 : 0; DT_CATCH(-1)
}

int32_t dt_cuda_device_count(void) {
    DT_TRY return at::detail::getCUDAHooks().hasCUDA() ? at::detail::getCUDAHooks().getNumGPUs() : 0; DT_CATCH(-1)
}

int32_t dt_cuda_synchronize(int32_t device_index) {
    DT_TRY
#ifdef DT_WITH_CUDA
        c10::cuda::CUDAGuard guard(static_cast<c10::DeviceIndex>(device_index));
        c10::cuda::device_synchronize();
#else
        (void)device_index;
#endif
        return 0;
    DT_CATCH(-1)
}

int32_t dt_cuda_empty_cache(void) {
    DT_TRY
#ifdef DT_WITH_CUDA
        c10::cuda::CUDACachingAllocator::emptyCache();
#endif
        return 0;
    DT_CATCH(-1)
}

int32_t dt_cuda_memory_stats(int32_t device_index, int64_t* out3) {
    DT_TRY
        out3[0] = out3[1] = out3[2] = 0;
#ifdef DT_WITH_CUDA
        auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device_index));
        constexpr auto kAll = static_cast<size_t>(c10::CachingAllocator::StatType::AGGREGATE);
        out3[0] = stats.allocated_bytes[kAll].current;
        out3[1] = stats.reserved_bytes[kAll].current;
        out3[2] = stats.allocated_bytes[kAll].peak;
#else
        (void)device_index;
#endif
        return 0;
    DT_CATCH(-1)
}

void dt_free(dt_tensor t) { delete t; }

int32_t dt_ndim(dt_tensor t) {
    DT_TRY return static_cast<int32_t>(dt::T(t).dim()); DT_CATCH(-1)
}

int32_t dt_sizes(dt_tensor t, int64_t* out, int32_t cap) {
    DT_TRY
        auto s = dt::T(t).sizes();
        TORCH_CHECK(static_cast<int32_t>(s.size()) <= cap, "shape buffer too small");
        std::memcpy(out, s.data(), s.size() * sizeof(int64_t));
        return static_cast<int32_t>(s.size());
    DT_CATCH(-1)
}

int32_t dt_strides(dt_tensor t, int64_t* out, int32_t cap) {
    DT_TRY
        auto s = dt::T(t).strides();
        TORCH_CHECK(static_cast<int32_t>(s.size()) <= cap, "stride buffer too small");
        std::memcpy(out, s.data(), s.size() * sizeof(int64_t));
        return static_cast<int32_t>(s.size());
    DT_CATCH(-1)
}

int32_t dt_dtype(dt_tensor t) {
    DT_TRY return static_cast<int32_t>(dt::T(t).scalar_type()); DT_CATCH(-1)
}

int32_t dt_device(dt_tensor t, int32_t* type, int32_t* index) {
    DT_TRY
        auto d = dt::T(t).device();
        TORCH_CHECK(d.is_cpu() || d.is_cuda(), "unsupported device ", d.str());
        *type = d.is_cuda() ? 1 : 0;
        *index = d.has_index() ? d.index() : 0;
        return 0;
    DT_CATCH(-1)
}

int64_t dt_numel(dt_tensor t) {
    DT_TRY return dt::T(t).numel(); DT_CATCH(-1)
}

int32_t dt_is_contiguous(dt_tensor t, int32_t memory_format) {
    DT_TRY
        return dt::T(t).is_contiguous(memory_format == 1 ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous) ? 1 : 0;
    DT_CATCH(-1)
}

void* dt_data_ptr(dt_tensor t) {
    DT_TRY
        const auto& x = dt::T(t);
        TORCH_CHECK(x.is_cpu(), "data_ptr: tensor is on ", x.device().str(), "; copy it to the CPU first");
        return x.data_ptr();
    DT_CATCH(nullptr)
}

int32_t dt_item(dt_tensor t, double* out) {
    DT_TRY *out = dt::T(t).item().toDouble(); return 0; DT_CATCH(-1)
}

dt_tensor dt_empty(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev_type, int32_t dev_index) {
    DT_TENSOR_OP(at::empty(dt::Ints(shape, ndim), dt::Options(dtype, dev_type, dev_index)))
}

dt_tensor dt_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype, int32_t dev_type, int32_t dev_index) {
    DT_TENSOR_OP(at::full(dt::Ints(shape, ndim), value, dt::Options(dtype, dev_type, dev_index)))
}

dt_tensor dt_arange(double start, double end, double step, int32_t dtype, int32_t dev_type, int32_t dev_index) {
    DT_TENSOR_OP(at::arange(start, end, step, dt::Options(dtype, dev_type, dev_index)))
}

dt_tensor dt_linspace(double start, double end, int64_t steps, int32_t dtype, int32_t dev_type, int32_t dev_index) {
    DT_TENSOR_OP(at::linspace(start, end, steps, dt::Options(dtype, dev_type, dev_index)))
}

dt_tensor dt_from_host(const void* data, const int64_t* shape, const int64_t* strides, int32_t ndim,
                       int32_t src_dtype, int32_t dst_dtype, int32_t dev_type, int32_t dev_index) {
    DT_TRY
        auto src_opts = at::TensorOptions().dtype(dt::ScalarType(src_dtype));
        auto* ptr = const_cast<void*>(data);
        at::Tensor view = strides != nullptr ? at::from_blob(ptr, dt::Ints(shape, ndim), dt::Ints(strides, ndim), src_opts)
                                             : at::from_blob(ptr, dt::Ints(shape, ndim), src_opts);
        auto device = dt::Device(dev_type, dev_index);
        auto dst = dt::ScalarType(dst_dtype);
        // The blob is borrowed: always materialise an owned copy, fusing the dtype/device change into it.
        at::Tensor out = at::empty(view.sizes(), at::TensorOptions().dtype(dst).device(device));
        if (device.is_cpu() && dst == view.scalar_type() && view.is_contiguous()) {
            // A plain copy is memory-bound: one memcpy beats copy_'s thread pool, which stalls on a busy machine
            // (thousands of checkpoint tensors each waiting for a descheduled OpenMP thread).
            std::memcpy(out.data_ptr(), data, static_cast<size_t>(view.numel()) * view.element_size());
        } else {
            out.copy_(view);
        }
        return dt::Wrap(std::move(out));
    DT_CATCH(nullptr)
}

int32_t dt_to_host(dt_tensor t, void* dst, int64_t nbytes) {
    DT_TRY
        const auto& x = dt::T(t);
        int64_t need = x.numel() * static_cast<int64_t>(x.element_size());
        TORCH_CHECK(nbytes == need, "to_host: destination holds ", nbytes, " bytes but the tensor needs ", need);
        at::Tensor out = at::from_blob(dst, x.sizes(), at::TensorOptions().dtype(x.scalar_type()));
        out.copy_(x);
        return 0;
    DT_CATCH(-1)
}

dt_tensor dt_to(dt_tensor t, int32_t dtype, int32_t dev_type, int32_t dev_index, int32_t non_blocking) {
    DT_TENSOR_OP(dt::T(t).to(dt::Device(dev_type, dev_index), dt::ScalarType(dtype), non_blocking != 0, false))
}

dt_tensor dt_to_memory_format(dt_tensor t, int32_t memory_format) {
    DT_TENSOR_OP(dt::T(t).contiguous(memory_format == 1 ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous))
}

dt_tensor dt_contiguous(dt_tensor t) { DT_TENSOR_OP(dt::T(t).contiguous()) }

dt_tensor dt_clone(dt_tensor t) { DT_TENSOR_OP(dt::T(t).clone()) }

}  // extern "C"
