#include "gen/support/int.h"

namespace gen {

Int::Int(BigInt v) { *this = normalised(std::move(v)); }

Int Int::normalised(BigInt v) {
  Int out;
  if (v.fits_int64()) {
    out.small_ = v.to_int64();
  } else {
    out.big_ = std::make_shared<const BigInt>(std::move(v));
  }
  return out;
}

std::string Int::str() const { return big_ ? big_->to_string() : std::to_string(small_); }

Int operator+(const Int& a, const Int& b) {
  std::int64_t r;
  if (a.is_small() && b.is_small() && !__builtin_add_overflow(a.small_, b.small_, &r)) return Int(r);
  return Int::normalised(a.to_big() + b.to_big());
}

Int operator-(const Int& a, const Int& b) {
  std::int64_t r;
  if (a.is_small() && b.is_small() && !__builtin_sub_overflow(a.small_, b.small_, &r)) return Int(r);
  return Int::normalised(a.to_big() - b.to_big());
}

Int operator*(const Int& a, const Int& b) {
  std::int64_t r;
  if (a.is_small() && b.is_small() && !__builtin_mul_overflow(a.small_, b.small_, &r)) return Int(r);
  return Int::normalised(a.to_big() * b.to_big());
}

Int operator-(const Int& a) { return Int(0) - a; }

bool Int::floordiv(const Int& a, const Int& b, Int& out) {
  if (b.is_zero()) return false;
  // INT64_MIN // -1 overflows: the big path takes it.
  if (a.is_small() && b.is_small() && !(a.small_ == INT64_MIN && b.small_ == -1)) {
    std::int64_t q = a.small_ / b.small_;
    if ((a.small_ % b.small_ != 0) && ((a.small_ < 0) != (b.small_ < 0))) --q;
    out = Int(q);
    return true;
  }
  BigInt q, r;
  (void)BigInt::divmod(a.to_big(), b.to_big(), q, r);
  out = normalised(std::move(q));
  return true;
}

bool Int::mod(const Int& a, const Int& b, Int& out) {
  if (b.is_zero()) return false;
  if (a.is_small() && b.is_small()) {
    if (b.small_ == -1) {  // also avoids INT64_MIN % -1
      out = Int(0);
      return true;
    }
    std::int64_t r = a.small_ % b.small_;
    if (r != 0 && ((r < 0) != (b.small_ < 0))) r += b.small_;
    out = Int(r);
    return true;
  }
  BigInt q, r;
  (void)BigInt::divmod(a.to_big(), b.to_big(), q, r);
  out = normalised(std::move(r));
  return true;
}

bool Int::pow(const Int& a, const Int& e, Int& out) {
  if (e.is_small() ? e.small_ < 0 : e.to_big().negative()) return false;
  if (a.is_small() && e.is_small()) {
    // Square and multiply in int64 while nothing overflows.
    std::int64_t result = 1, base = a.small_, n = e.small_;
    bool overflow = false;
    while (n > 0 && !overflow) {
      if (n & 1) overflow |= __builtin_mul_overflow(result, base, &result);
      n >>= 1;
      if (n > 0) overflow |= __builtin_mul_overflow(base, base, &base);
    }
    if (!overflow) {
      out = Int(result);
      return true;
    }
  }
  BigInt r;
  (void)BigInt::pow(a.to_big(), e.to_big(), r);
  out = normalised(std::move(r));
  return true;
}

int compare(const Int& a, const Int& b) {
  if (a.is_small() && b.is_small()) return (a.small_ > b.small_) - (a.small_ < b.small_);
  return compare(a.to_big(), b.to_big());
}

}  // namespace gen
