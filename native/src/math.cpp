// Element-wise math, comparisons and reductions. Op codes must match UnaryOp/BinaryOp/ReduceOp in C#.
#include "common.h"

namespace {

enum Unary : int32_t {
    kNeg, kAbs, kExp, kLog, kSqrt, kRsqrt, kSin, kCos, kTan, kTanh, kSigmoid, kSilu, kRelu, kFloor, kCeil,
    kRound, kTrunc, kSign, kLogicalNot, kIsNan, kErf, kReciprocal, kSquare, kLog1p, kExpm1, kAsin, kAcos,
    kAtan, kLog2, kFrac, kIsInf, kExp2, kUnaryCount
};

at::Tensor ApplyUnary(int32_t op, const at::Tensor& a) {
    switch (op) {
        case kNeg: return at::neg(a);
        case kAbs: return at::abs(a);
        case kExp: return at::exp(a);
        case kLog: return at::log(a);
        case kSqrt: return at::sqrt(a);
        case kRsqrt: return at::rsqrt(a);
        case kSin: return at::sin(a);
        case kCos: return at::cos(a);
        case kTan: return at::tan(a);
        case kTanh: return at::tanh(a);
        case kSigmoid: return at::sigmoid(a);
        case kSilu: return at::silu(a);
        case kRelu: return at::relu(a);
        case kFloor: return at::floor(a);
        case kCeil: return at::ceil(a);
        case kRound: return at::round(a);
        case kTrunc: return at::trunc(a);
        case kSign: return at::sign(a);
        case kLogicalNot: return at::logical_not(a);
        case kIsNan: return at::isnan(a);
        case kErf: return at::erf(a);
        case kReciprocal: return at::reciprocal(a);
        case kSquare: return at::square(a);
        case kLog1p: return at::log1p(a);
        case kExpm1: return at::expm1(a);
        case kAsin: return at::asin(a);
        case kAcos: return at::acos(a);
        case kAtan: return at::atan(a);
        case kLog2: return at::log2(a);
        case kFrac: return at::frac(a);
        case kIsInf: return at::isinf(a);
        case kExp2: return at::exp2(a);
        default: TORCH_CHECK(false, "unknown unary op code ", op);
    }
}

enum Binary : int32_t {
    kAdd, kSub, kMul, kDiv, kPow, kMaximum, kMinimum, kEq, kNe, kLt, kLe, kGt, kGe, kLogicalAnd, kLogicalOr,
    kAtan2, kRemainder, kFmod, kFloorDivide, kRsub, kRdiv, kRpow, kBinaryCount
};

at::Tensor ApplyBinary(int32_t op, const at::Tensor& a, const at::Tensor& b) {
    switch (op) {
        case kAdd: return at::add(a, b);
        case kSub: return at::sub(a, b);
        case kMul: return at::mul(a, b);
        case kDiv: return at::div(a, b);
        case kPow: return at::pow(a, b);
        case kMaximum: return at::maximum(a, b);
        case kMinimum: return at::minimum(a, b);
        case kEq: return at::eq(a, b);
        case kNe: return at::ne(a, b);
        case kLt: return at::lt(a, b);
        case kLe: return at::le(a, b);
        case kGt: return at::gt(a, b);
        case kGe: return at::ge(a, b);
        case kLogicalAnd: return at::logical_and(a, b);
        case kLogicalOr: return at::logical_or(a, b);
        case kAtan2: return at::atan2(a, b);
        case kRemainder: return at::remainder(a, b);
        case kFmod: return at::fmod(a, b);
        case kFloorDivide: return at::div(a, b, "floor");
        case kRsub: return at::sub(b, a);
        case kRdiv: return at::div(b, a);
        case kRpow: return at::pow(b, a);
        default: TORCH_CHECK(false, "unknown binary op code ", op);
    }
}

// Scalar forms keep PyTorch's type promotion (a Python float does not upcast a float16 tensor).
at::Tensor ApplyBinaryScalar(int32_t op, const at::Tensor& a, const at::Scalar& s) {
    switch (op) {
        case kAdd: return at::add(a, s);
        case kSub: return at::sub(a, s);
        case kMul: return at::mul(a, s);
        case kDiv: return at::div(a, s);
        case kPow: return at::pow(a, s);
        case kMaximum: return at::clamp_min(a, s);
        case kMinimum: return at::clamp_max(a, s);
        case kEq: return at::eq(a, s);
        case kNe: return at::ne(a, s);
        case kLt: return at::lt(a, s);
        case kLe: return at::le(a, s);
        case kGt: return at::gt(a, s);
        case kGe: return at::ge(a, s);
        case kRemainder: return at::remainder(a, s);
        case kFmod: return at::fmod(a, s);
        case kFloorDivide: return at::div(a, s, "floor");
        case kRsub: return at::rsub(a, s);
        case kRdiv: return at::mul(at::reciprocal(a), s);
        case kRpow: return at::pow(s, a);
        default: TORCH_CHECK(false, "binary op code ", op, " has no scalar form");
    }
}

enum Reduce : int32_t { kSum, kMean, kVar, kStd, kAmax, kAmin, kProd, kArgmax, kArgmin, kAny, kAll, kNorm2 };

}  // namespace

extern "C" {

dt_tensor dt_unary(int32_t op, dt_tensor a) { DT_TENSOR_OP(ApplyUnary(op, dt::T(a))) }

int32_t dt_unary_inplace(int32_t op, dt_tensor a) {
    DT_TRY
        auto x = dt::T(a);
        switch (op) {
            case kNeg: x.neg_(); break;
            case kTanh: x.tanh_(); break;
            case kSigmoid: x.sigmoid_(); break;
            case kSilu: at::silu_(x); break;
            case kRelu: x.relu_(); break;
            default: TORCH_CHECK(false, "unary op code ", op, " has no in-place form");
        }
        return 0;
    DT_CATCH(-1)
}

dt_tensor dt_binary(int32_t op, dt_tensor a, dt_tensor b) { DT_TENSOR_OP(ApplyBinary(op, dt::T(a), dt::T(b))) }

dt_tensor dt_binary_scalar(int32_t op, dt_tensor a, double s) { DT_TENSOR_OP(ApplyBinaryScalar(op, dt::T(a), s)) }

int32_t dt_binary_inplace(int32_t op, dt_tensor a, dt_tensor b) {
    DT_TRY
        auto x = dt::T(a);
        const auto& y = dt::T(b);
        switch (op) {
            case kAdd: x.add_(y); break;
            case kSub: x.sub_(y); break;
            case kMul: x.mul_(y); break;
            case kDiv: x.div_(y); break;
            default: TORCH_CHECK(false, "binary op code ", op, " has no in-place form");
        }
        return 0;
    DT_CATCH(-1)
}

int32_t dt_binary_scalar_inplace(int32_t op, dt_tensor a, double s) {
    DT_TRY
        auto x = dt::T(a);
        switch (op) {
            case kAdd: x.add_(s); break;
            case kSub: x.sub_(s); break;
            case kMul: x.mul_(s); break;
            case kDiv: x.div_(s); break;
            default: TORCH_CHECK(false, "binary op code ", op, " has no in-place form");
        }
        return 0;
    DT_CATCH(-1)
}

dt_tensor dt_add_scaled(dt_tensor a, dt_tensor b, double alpha) { DT_TENSOR_OP(at::add(dt::T(a), dt::T(b), alpha)) }

dt_tensor dt_clamp(dt_tensor a, int32_t has_min, double min, int32_t has_max, double max) {
    DT_TENSOR_OP(at::clamp(dt::T(a), has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                           has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}

dt_tensor dt_where(dt_tensor cond, dt_tensor a, dt_tensor b) { DT_TENSOR_OP(at::where(dt::T(cond), dt::T(a), dt::T(b))) }

dt_tensor dt_masked_fill(dt_tensor a, dt_tensor mask, double value) {
    DT_TENSOR_OP(at::masked_fill(dt::T(a), dt::T(mask), value))
}

dt_tensor dt_lerp(dt_tensor a, dt_tensor b, dt_tensor weight_or_null, double weight) {
    DT_TENSOR_OP(weight_or_null != nullptr ? at::lerp(dt::T(a), dt::T(b), dt::T(weight_or_null))
                                           : at::lerp(dt::T(a), dt::T(b), weight))
}

int32_t dt_copy_(dt_tensor dst, dt_tensor src) {
    DT_TRY auto d = dt::T(dst); d.copy_(dt::T(src)); return 0; DT_CATCH(-1)
}

int32_t dt_fill_(dt_tensor t, double value) {
    DT_TRY auto d = dt::T(t); d.fill_(value); return 0; DT_CATCH(-1)
}

dt_tensor dt_reduce(int32_t op, dt_tensor a, const int64_t* dims, int32_t ndims, int32_t keepdim, int32_t correction) {
    DT_TRY
        const auto& x = dt::T(a);
        bool keep = keepdim != 0;
        at::IntArrayRef d = dt::Ints(dims, ndims);
        bool all = ndims == 0;
        auto single = [&]() -> c10::optional<int64_t> {
            TORCH_CHECK(ndims <= 1, "argmax/argmin reduce over at most one dim, got ", ndims);
            return all ? c10::nullopt : c10::optional<int64_t>(dims[0]);
        };
        switch (op) {
            case kSum: return dt::Wrap(all && !keep ? at::sum(x) : at::sum(x, all ? at::IntArrayRef{} : d, keep));
            case kMean: return dt::Wrap(all && !keep ? at::mean(x) : at::mean(x, all ? at::IntArrayRef{} : d, keep));
            case kVar: return dt::Wrap(at::var(x, all ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(d), correction != 0, keep));
            case kStd: return dt::Wrap(at::std(x, all ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(d), correction != 0, keep));
            case kAmax: return dt::Wrap(at::amax(x, d, keep));
            case kAmin: return dt::Wrap(at::amin(x, d, keep));
            case kProd:
                TORCH_CHECK(ndims <= 1, "prod reduces over at most one dim");
                return dt::Wrap(all ? at::prod(x) : at::prod(x, dims[0], keep));
            case kArgmax: return dt::Wrap(at::argmax(x, single(), keep));
            case kArgmin: return dt::Wrap(at::argmin(x, single(), keep));
            case kAny:
                TORCH_CHECK(ndims <= 1, "any reduces over at most one dim");
                return dt::Wrap(all ? at::any(x) : at::any(x, dims[0], keep));
            case kAll:
                TORCH_CHECK(ndims <= 1, "all reduces over at most one dim");
                return dt::Wrap(all ? at::all(x) : at::all(x, dims[0], keep));
            case kNorm2:
                return dt::Wrap(all ? at::norm(x) : at::norm(x, 2, d, keep));
            default: TORCH_CHECK(false, "unknown reduce op code ", op);
        }
    DT_CATCH(nullptr)
}

dt_tensor dt_cumsum(dt_tensor a, int64_t dim) { DT_TENSOR_OP(at::cumsum(dt::T(a), dim)) }

int32_t dt_sort(dt_tensor a, int64_t dim, int32_t descending, int32_t stable, dt_tensor* values, dt_tensor* indices) {
    DT_TRY
        auto r = at::sort(dt::T(a), stable != 0, dim, descending != 0);
        *values = dt::Wrap(std::get<0>(r));
        *indices = dt::Wrap(std::get<1>(r));
        return 0;
    DT_CATCH(-1)
}

dt_tensor dt_searchsorted(dt_tensor sorted, dt_tensor values, int32_t right) {
    DT_TENSOR_OP(at::searchsorted(dt::T(sorted), dt::T(values), false, right != 0))
}

int32_t dt_unique(dt_tensor a, dt_tensor* values, dt_tensor* inverse, dt_tensor* counts) {
    DT_TRY
        auto r = at::_unique2(dt::T(a), true, true, true);
        *values = dt::Wrap(std::get<0>(r));
        *inverse = dt::Wrap(std::get<1>(r));
        *counts = dt::Wrap(std::get<2>(r));
        return 0;
    DT_CATCH(-1)
}

}  // extern "C"
