// int, bool and float: arithmetic, comparison, hashing and repr with
// CPython's results and messages. Small ints never reach the heap
// (Invariant I, object.h); the BigInt path takes the rest.
#include <cmath>
#include <cstring>

#include "gen/support/float_repr.h"
#include "gen/support/internal.h"
#include "gen/support/ops.h"

namespace gen {

namespace {

constexpr std::int64_t kHashModulus = (std::int64_t{1} << 61) - 1;
constexpr int kHashBits = 61;
constexpr std::int64_t kHashInf = 314159;

void bigint_destroy(Obj o) { o.as<BigIntObj>()->~BigIntObj(); }

}  // namespace

Ref int_from_beyond_small(std::int64_t v) { return Ref::steal(Obj::of(make<BigIntObj>(&int_type, BigInt(v)))); }

Ref int_from_big(BigInt v) {
  if (v.fits_int64()) {
    const std::int64_t s = v.to_int64();
    if (Obj::fits_small(s)) return Ref::steal(Obj::small(s));
  }
  return Ref::steal(Obj::of(make<BigIntObj>(&int_type, std::move(v))));
}

BigInt int_to_big(Obj o) {
  if (o.is_small()) return BigInt(o.small_value());
  if (o == True()) return BigInt(1);
  if (o == False()) return BigInt(0);
  return o.as<BigIntObj>()->value;
}

bool int_to_int64(Obj o, std::int64_t& out) {
  if (o.is_small()) {
    out = o.small_value();
    return true;
  }
  if (o.type() == &bool_type) {
    out = o == True();
    return true;
  }
  const BigInt& b = o.as<BigIntObj>()->value;
  if (!b.fits_int64()) return false;
  out = b.to_int64();
  return true;
}

bool int_to_double(Obj o, double& out) {
  std::int64_t v;
  if (int_to_int64(o, v)) {
    out = static_cast<double>(v);
    return true;
  }
  if (o.as<BigIntObj>()->value.to_double(out)) return true;
  raise_message(&exc_OverflowError, "int too large to convert to float");
  return false;
}

// Number coercion for float arithmetic: int, bool or float.
bool as_double(Obj o, double& out, bool& ok_type) {
  ok_type = true;
  if (is_float(o)) {
    out = float_value(o);
    return true;
  }
  if (is_int(o)) return int_to_double(o, out);
  ok_type = false;
  return false;
}

// --- int ---

namespace {

Ref int_repr(Obj o) {
  if (o.is_small()) {
    char buf[24];
    const int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(o.small_value()));
    return str_from_ascii(std::string_view(buf, static_cast<std::size_t>(n)));
  }
  return int_decimal(o.as<BigIntObj>()->value);
}

}  // namespace

Ref int_decimal(const BigInt& v) {
  auto exceeds = [] {
    return raise_format(&exc_ValueError,
                        "Exceeds the limit (%d digits) for integer string conversion; use sys.set_int_max_str_digits() "
                        "to increase the limit", int_max_str_digits);
  };
  // Past 4 bits per allowed digit the result is certainly too long
  // (a digit holds log2(10) < 3.33 bits): refuse before converting.
  if (int_max_str_digits > 0 && v.bit_length() > 4 * static_cast<std::size_t>(int_max_str_digits)) return exceeds();
  std::string s = v.to_string();
  if (int_max_str_digits > 0 && s.size() - (v.negative() ? 1 : 0) > static_cast<std::size_t>(int_max_str_digits))
    return exceeds();
  return str_from_ascii(s);
}

bool int_digits_allowed(std::size_t digits) {
  if (int_max_str_digits <= 0 || digits <= static_cast<std::size_t>(int_max_str_digits)) return true;
  raise_format(&exc_ValueError,
               "Exceeds the limit (%d digits) for integer string conversion: value has %zu digits; use "
               "sys.set_int_max_str_digits() to increase the limit", int_max_str_digits, digits);
  return false;
}

namespace {

bool int_hash(Obj o, std::int64_t& out) {
  std::int64_t v;
  if (int_to_int64(o, v) && v != INT64_MIN) {
    std::int64_t h = (v < 0 ? -v : v) % kHashModulus;
    if (v < 0) h = -h;
    out = h == -1 ? -2 : h;
    return true;
  }
  BigInt q, r;
  BigInt::divmod(int_to_big(o), BigInt(kHashModulus), q, r);
  // Python reduces the magnitude and keeps the sign.
  std::int64_t h = r.to_int64();
  if (int_to_big(o).negative() && h != 0) h = -(kHashModulus - h);
  out = h == -1 ? -2 : h;
  return true;
}

int int_truth(Obj o) {
  if (o.is_small()) return o.small_value() != 0;
  if (o.type() == &bool_type) return o == True();
  return !o.as<BigIntObj>()->value.is_zero();
}

// Exact int/float comparison (CPython's float_richcompare).
int compare_int_float(Obj i, double f) {
  if (std::isnan(f)) return 2;  // unordered
  if (std::isinf(f)) return f > 0 ? -1 : 1;
  std::int64_t v;
  if (int_to_int64(i, v) && v > -(std::int64_t{1} << 53) && v < (std::int64_t{1} << 53)) {
    const double d = static_cast<double>(v);
    return d < f ? -1 : d > f ? 1 : 0;
  }
  const double whole = std::trunc(f);
  const int c = compare(int_to_big(i), BigInt::from_double(whole));
  if (c != 0) return c;
  const double frac = f - whole;
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

// 2 is "unordered" (a NaN): only != holds.
Ref cmp_result(int c, CmpOp op) {
  if (c == 2) return new_ref(Bool(op == CmpOp::Ne));
  return new_ref(Bool(order_holds(c, op)));
}

Ref int_compare(Obj a, Obj b, CmpOp op) {
  if (is_int(b)) {
    std::int64_t x, y;
    if (int_to_int64(a, x) && int_to_int64(b, y)) return cmp_result(x < y ? -1 : x > y ? 1 : 0, op);
    return cmp_result(compare(int_to_big(a), int_to_big(b)), op);
  }
  if (is_float(b)) return cmp_result(compare_int_float(a, float_value(b)), op);
  return new_ref(NotImplemented());
}

}  // namespace

Ref int_true_divide(Obj a, Obj b) {
  std::int64_t x, y;
  const bool small = int_to_int64(a, x) && int_to_int64(b, y);
  if (small && y == 0) return raise_message(&exc_ZeroDivisionError, "division by zero");
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  if (small && x > -kExact && x < kExact && y > -kExact && y < kExact)
    return float_from(static_cast<double>(x) / static_cast<double>(y));
  // Correctly rounded: a quotient of at least 64 significant bits with a
  // sticky bit for the remainder, rounded once by to_double.
  BigInt n = int_to_big(a), d = int_to_big(b);
  if (d.is_zero()) return raise_message(&exc_ZeroDivisionError, "division by zero");
  const bool negative = n.negative() != d.negative();
  if (n.negative()) n = -n;
  if (d.negative()) d = -d;
  const long shift = 66 + static_cast<long>(d.bit_length()) - static_cast<long>(n.bit_length());
  BigInt q, r;
  if (shift > 0) {
    BigInt::shift_left(n, BigInt(shift), n);
  } else if (shift < 0) {
    BigInt::shift_left(d, BigInt(-shift), d);
  }
  BigInt::divmod(n, d, q, r);
  if (!r.is_zero()) q = q | BigInt(1);
  double v;
  if (!q.to_double(v)) return raise_message(&exc_OverflowError, "integer division result too large for a float");
  v = std::ldexp(v, static_cast<int>(-shift));
  if (std::isinf(v)) return raise_message(&exc_OverflowError, "integer division result too large for a float");
  return float_from(negative ? -v : v);
}

Ref int_pow(Obj a, Obj b) {
  const BigInt e = int_to_big(b);
  if (e.negative()) {
    double x, y;
    if (!int_to_double(a, x) || !int_to_double(b, y)) return Ref();
    if (x == 0) return raise_message(&exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return float_from(std::pow(x, y));
  }
  std::int64_t base, exp;
  if (int_to_int64(a, base) && int_to_int64(b, exp)) {
    // Repeated squaring in int64 while it cannot overflow.
    std::int64_t result = 1, sq = base;
    bool overflow = false;
    for (std::int64_t n = exp; n > 0 && !overflow; n >>= 1) {
      if (n & 1) overflow = __builtin_mul_overflow(result, sq, &result);
      if (n > 1 && !overflow) overflow = __builtin_mul_overflow(sq, sq, &sq);
    }
    if (!overflow) return int_from(result);
  }
  BigInt out;
  BigInt::pow(int_to_big(a), e, out);
  return int_from_big(std::move(out));
}

Ref int_binop(Obj a, Obj b, BinOp op) {
  if (!is_int(a) || !is_int(b)) return new_ref(NotImplemented());
  std::int64_t x, y;
  const bool small = int_to_int64(a, x) && int_to_int64(b, y);
  if (small) {
    std::int64_t r;
    switch (op) {
      case BinOp::Add:
        if (!__builtin_add_overflow(x, y, &r)) return int_from(r);
        break;
      case BinOp::Sub:
        if (!__builtin_sub_overflow(x, y, &r)) return int_from(r);
        break;
      case BinOp::Mul:
        if (!__builtin_mul_overflow(x, y, &r)) return int_from(r);
        break;
      case BinOp::FloorDiv:
      case BinOp::Mod:
        if (y == 0)
          return raise_message(&exc_ZeroDivisionError,
                               op == BinOp::Mod ? "integer modulo by zero" : "integer division or modulo by zero");
        if (x == INT64_MIN && y == -1) break;
        {
          std::int64_t q = x / y, m = x % y;
          if (m != 0 && ((m < 0) != (y < 0))) {
            --q;
            m += y;
          }
          return int_from(op == BinOp::Mod ? m : q);
        }
      case BinOp::And: return int_from(x & y);
      case BinOp::Or: return int_from(x | y);
      case BinOp::Xor: return int_from(x ^ y);
      case BinOp::LShift:
        if (y < 0) return raise_message(&exc_ValueError, "negative shift count");
        if (y < 62 && x >= -(std::int64_t{1} << (62 - y)) && x < (std::int64_t{1} << (62 - y)))
          return int_from(static_cast<std::int64_t>(static_cast<std::uint64_t>(x) << y));
        break;
      case BinOp::RShift:
        if (y < 0) return raise_message(&exc_ValueError, "negative shift count");
        return int_from(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
      case BinOp::TrueDiv: return int_true_divide(a, b);
      case BinOp::Pow: return int_pow(a, b);
      case BinOp::MatMul: return new_ref(NotImplemented());
    }
  }
  const BigInt p = int_to_big(a), q = int_to_big(b);
  BigInt out, rem;
  switch (op) {
    case BinOp::Add: return int_from_big(p + q);
    case BinOp::Sub: return int_from_big(p - q);
    case BinOp::Mul: return int_from_big(p * q);
    case BinOp::FloorDiv:
    case BinOp::Mod:
      if (!BigInt::divmod(p, q, out, rem))
        return raise_message(&exc_ZeroDivisionError,
                             op == BinOp::Mod ? "integer modulo by zero" : "integer division or modulo by zero");
      return int_from_big(op == BinOp::Mod ? std::move(rem) : std::move(out));
    case BinOp::And: return int_from_big(p & q);
    case BinOp::Or: return int_from_big(p | q);
    case BinOp::Xor: return int_from_big(p ^ q);
    case BinOp::LShift:
      if (!BigInt::shift_left(p, q, out)) return raise_message(&exc_ValueError, "negative shift count");
      return int_from_big(std::move(out));
    case BinOp::RShift:
      if (!BigInt::shift_right(p, q, out)) return raise_message(&exc_ValueError, "negative shift count");
      return int_from_big(std::move(out));
    case BinOp::TrueDiv: return int_true_divide(a, b);
    case BinOp::Pow: return int_pow(a, b);
    case BinOp::MatMul: break;
  }
  return new_ref(NotImplemented());
}

namespace {

Ref bool_binop(Obj a, Obj b, BinOp op) {
  if ((op == BinOp::And || op == BinOp::Or || op == BinOp::Xor) && a.type() == &bool_type &&
      b.type() == &bool_type) {
    const bool x = a == True(), y = b == True();
    return new_ref(Bool(op == BinOp::And ? (x && y) : op == BinOp::Or ? (x || y) : (x != y)));
  }
  return int_binop(a, b, op);
}

Ref int_unary(Obj a, UnaryOp op) {
  std::int64_t x;
  if (int_to_int64(a, x) && x != INT64_MIN) {
    switch (op) {
      case UnaryOp::Neg: return int_from(-x);
      case UnaryOp::Pos: return int_from(x);
      case UnaryOp::Invert: return int_from(~x);
    }
  }
  const BigInt v = int_to_big(a);
  switch (op) {
    case UnaryOp::Neg: return int_from_big(-v);
    case UnaryOp::Pos: return int_from_big(v);
    case UnaryOp::Invert: return int_from_big(~v);
  }
  return Ref();
}

Ref bool_repr(Obj o) { return str_intern(o == True() ? "True" : "False"); }

}  // namespace

Ref int_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);
Ref float_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);
Ref bool_construct(Obj type, const Obj* args, std::size_t nargs, Obj kwnames);

TypeObj int_type = {.head = GEN_TYPE_HEAD, .name = "int", .base = &object_type, .flags = kTypeBaseType,
    .destroy = bigint_destroy, .repr = int_repr, .hash = int_hash, .compare = int_compare, .truth = int_truth,
    .binop = int_binop, .unary = int_unary, .construct = int_construct};
TypeObj bool_type = {.head = GEN_TYPE_HEAD, .name = "bool", .base = &int_type, .repr = bool_repr, .hash = int_hash,
    .compare = int_compare, .truth = int_truth, .binop = bool_binop, .unary = int_unary, .construct = bool_construct};

// --- float ---

std::int64_t float_hash_value(double v) {
  if (!std::isfinite(v)) return std::isinf(v) ? (v > 0 ? kHashInf : -kHashInf) : 0;
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  std::uint64_t x = 0;
  const std::uint64_t modulus = static_cast<std::uint64_t>(kHashModulus);
  while (m != 0) {
    x = ((x << 28) & modulus) | x >> (kHashBits - 28);
    m *= 268435456.0;
    e -= 28;
    const auto y = static_cast<std::uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= modulus) x -= modulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & modulus) | x >> (kHashBits - e);
  x = x * static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));
  if (x == static_cast<std::uint64_t>(-1)) x = static_cast<std::uint64_t>(-2);
  return static_cast<std::int64_t>(x);
}

namespace {

Ref float_repr_slot(Obj o) { return str_from_ascii(float_repr(float_value(o))); }
bool float_hash(Obj o, std::int64_t& out) {
  const double v = float_value(o);
  if (std::isnan(v)) return object_hash(o, out);
  out = float_hash_value(v);
  return true;
}
int float_truth(Obj o) { return float_value(o) != 0.0; }

Ref float_compare(Obj a, Obj b, CmpOp op) {
  const double x = float_value(a);
  if (is_float(b)) {
    const double y = float_value(b);
    if (std::isnan(x) || std::isnan(y)) return cmp_result(2, op);
    return cmp_result(x < y ? -1 : x > y ? 1 : 0, op);
  }
  if (is_int(b)) {
    const int c = compare_int_float(b, x);
    return cmp_result(c == 2 ? 2 : -c, op);
  }
  return new_ref(NotImplemented());
}

}  // namespace

bool float_floor_divmod(double x, double y, double& q, double& m) {
  // CPython's float_divmod: the remainder takes y's sign, the quotient is
  // floored and then corrected so q*y + m is as close to x as possible.
  double mod = std::fmod(x, y);
  double div = (x - mod) / y;
  if (mod != 0) {
    if ((y < 0) != (mod < 0)) {
      mod += y;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, y);
  }
  double floordiv;
  if (div != 0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, x / y);
  }
  q = floordiv;
  m = mod;
  return true;
}

namespace {

// x * x exactly, as hi + lo (Dekker's product with Veltkamp's split: no
// fused multiply-add, which WebAssembly lacks and x86-64's baseline ABI
// does not promise). Exact while x is well inside the exponent range.
void exact_square(double x, double& hi, double& lo) {
  constexpr double kSplit = 134217729.0;  // 2**27 + 1
  const double c = kSplit * x;
  const double xh = c - (c - x), xl = x - xh;
  hi = x * x;
  lo = ((xh * xh - hi) + 2 * xh * xl) + xl * xl;
}

// pow(x, 0.5) without pow's cost where the result is provably the same.
// sqrt is correctly rounded. pow, as glibc (2.28 on) and musl implement it
// (the same algorithm), is within 0.54 ulp of the true value (its stated
// worst case). When the true root lies within 0.4 ulp of s = sqrt(x), and s
// is not a power of two (so the root is in s's binade and both neighbours
// are a whole ulp from s), every double but s is more than 0.6 ulp from
// the root, and pow returns s too.
// The distance: s - sqrt(x) = (s*s - x) / (s + sqrt(x)), about
// (s*s - x) / 2s, with s*s - x computed exactly (x and s*s are within an
// ulp of each other, so their difference is exact; Sterbenz). Anything
// else (zero, negative, subnormal or huge x, a root near a rounding
// boundary, about a fifth of inputs) goes to pow.
bool sqrt_matches_pow_half(double x, double& out) {
  if (!(x >= 0x1p-900 && x <= 0x1p900)) return false;
  const double s = std::sqrt(x);
  double hi, lo;
  exact_square(s, hi, lo);
  const double residual = (hi - x) + lo;
  std::uint64_t bits;
  std::memcpy(&bits, &s, sizeof bits);
  if ((bits & 0x000fffffffffffffu) == 0) return false;  // a power of two
  bits &= 0x7ff0000000000000u;                          // 2**floor(log2 s)
  double binade;
  std::memcpy(&binade, &bits, sizeof binade);
  const double ulp = binade * 0x1p-52;
  if (!(std::fabs(residual) < 0.8 * s * ulp)) return false;  // |s - sqrt(x)| < 0.4 ulp
  out = s;
  return true;
}

}  // namespace

bool float_pow_value(double x, double y, double& out) {
  if (y == 0.5 && sqrt_matches_pow_half(x, out)) return true;
  if (x == 0 && y < 0) {
    raise_message(&exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return false;
  }
  if (x < 0 && y != std::floor(y) && std::isfinite(y)) {
    raise_message(&exc_NotImplementedError, "complex results of ** are not supported by Portalis");
    return false;
  }
  out = std::pow(x, y);
  if (std::isinf(out) && std::isfinite(x) && std::isfinite(y)) {
    raise_format(&exc_OverflowError, "(34, 'Numerical result out of range')");
    return false;
  }
  return true;
}

Ref float_pow(double x, double y) {
  double r;
  if (!float_pow_value(x, y, r)) return Ref();
  return float_from(r);
}

Ref float_binop(Obj a, Obj b, BinOp op) {
  double x, y;
  bool ok_a, ok_b;
  if (!is_float(a) && !is_float(b)) return new_ref(NotImplemented());
  if (!as_double(a, x, ok_a)) return ok_a ? Ref() : new_ref(NotImplemented());
  if (!as_double(b, y, ok_b)) return ok_b ? Ref() : new_ref(NotImplemented());
  switch (op) {
    case BinOp::Add: return float_from(x + y);
    case BinOp::Sub: return float_from(x - y);
    case BinOp::Mul: return float_from(x * y);
    case BinOp::TrueDiv:
      if (y == 0) return raise_message(&exc_ZeroDivisionError, "float division by zero");
      return float_from(x / y);
    case BinOp::FloorDiv:
    case BinOp::Mod: {
      if (y == 0)
        return raise_message(&exc_ZeroDivisionError,
                             op == BinOp::Mod ? "float modulo" : "float floor division by zero");
      double q, m;
      float_floor_divmod(x, y, q, m);
      return float_from(op == BinOp::Mod ? m : q);
    }
    case BinOp::Pow: return float_pow(x, y);
    default: return new_ref(NotImplemented());
  }
}

namespace {

Ref float_unary(Obj a, UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return float_from(-float_value(a));
    case UnaryOp::Pos: return float_from(float_value(a));
    case UnaryOp::Invert: break;
  }
  return new_ref(NotImplemented());
}

}  // namespace

TypeObj float_type = {.head = GEN_TYPE_HEAD, .name = "float", .base = &object_type, .flags = kTypeBaseType,
    .repr = float_repr_slot, .hash = float_hash, .compare = float_compare, .truth = float_truth, .binop = float_binop,
    .unary = float_unary, .construct = float_construct};

}  // namespace gen
