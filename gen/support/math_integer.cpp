// The math module's integer functions: factorial, gcd, lcm, isqrt, comb
// and perm, exact on ints of any size.
// Arguments are taken as CPython takes them: operator.index() (ints, bools,
// objects with __index__), with its messages.
#include <cstdint>
#include <numeric>
#include <utility>

#include "gen/support/internal.h"
#include "gen/support/module.h"

namespace gen {

// Defined in math_module.cpp (which also declares this file's functions).
namespace math_detail {
bool no_keyword_arguments(const char* name, Obj kwnames);
bool one_argument(const char* name, std::size_t nargs, Obj kwnames);
bool positional_arguments(const char* name, std::size_t nargs, Obj kwnames, std::size_t min, std::size_t max);
}  // namespace math_detail

namespace {

constexpr std::int64_t kLongLongMax = INT64_MAX;  // CPython's limits are a C long long (long, for factorial)

// operator.index(o) as a BigInt.
bool index_big(Obj o, BigInt& out) {
  Ref i = index_object(o);
  if (!i) return false;
  out = int_to_big(i);
  return true;
}

BigInt absolute(BigInt v) { return v.negative() ? -v : v; }

// The product of the `count` consecutive integers from `low` up, by halves
// so that each multiplication has operands of about the same size; runs of
// small factors are multiplied in a machine word first.
BigInt range_product(const BigInt& low, std::uint64_t count) {
  if (count > 32) {
    const std::uint64_t half = count / 2;
    return range_product(low, half) * range_product(low + BigInt(static_cast<std::int64_t>(half)), count - half);
  }
  BigInt result(1);
  if (low.fits_int64() && low.to_int64() >= 0 && low.to_int64() <= INT64_MAX - 32) {
    std::int64_t word = 1;
    for (std::int64_t f = low.to_int64(), end = f + static_cast<std::int64_t>(count); f < end; ++f) {
      std::int64_t product;
      if (__builtin_mul_overflow(word, f, &product)) {
        result = result * BigInt(word);
        word = f;
      } else {
        word = product;
      }
    }
    return result * BigInt(word);
  }
  for (std::uint64_t i = 0; i < count; ++i) result = result * (low + BigInt(static_cast<std::int64_t>(i)));
  return result;
}

BigInt gcd_big(BigInt a, BigInt b) {
  a = absolute(std::move(a));
  b = absolute(std::move(b));
  while (!b.is_zero()) {
    if (a.fits_int64() && b.fits_int64()) return BigInt(std::gcd(a.to_int64(), b.to_int64()));
    BigInt q, r;
    BigInt::divmod(a, b, q, r);
    a = std::move(b);
    b = std::move(r);
  }
  return a;
}

// floor(sqrt(n)) for n > 0: CPython's adaptive-precision Newton iteration.
// Each step doubles the bits of a, an approximation of the square root of
// n >> 2*(c - d) within 1; the last has d == c and a is the root or one
// more. The same steps in 64-bit words for an n that fits int64.
std::uint64_t isqrt_word(std::uint64_t n) {
  int bits = 0;
  for (std::uint64_t m = n; m; m >>= 1) ++bits;
  const int c = (bits - 1) / 2;
  std::uint64_t a = 1;
  int d = 0;
  int c_bits = 0;
  for (int m = c; m; m >>= 1) ++c_bits;
  for (int s = c_bits - 1; s >= 0; --s) {
    const int e = d;
    d = c >> s;
    a = (a << (d - e - 1)) + (n >> (2 * c - e - d + 1)) / a;
  }
  return a > n / a ? a - 1 : a;  // a*a > n, without overflowing
}

BigInt isqrt_big(const BigInt& n) {
  if (n.fits_int64()) return BigInt(static_cast<std::int64_t>(isqrt_word(static_cast<std::uint64_t>(n.to_int64()))));
  const std::int64_t c = (static_cast<std::int64_t>(n.bit_length()) - 1) / 2;
  int c_bits = 0;
  for (std::int64_t m = c; m; m >>= 1) ++c_bits;
  BigInt a(1);
  std::int64_t d = 0;
  for (int s = c_bits - 1; s >= 0; --s) {
    const std::int64_t e = d;
    d = c >> s;
    BigInt shifted, q, r, scaled;
    BigInt::shift_right(n, BigInt(2 * c - e - d + 1), shifted);
    BigInt::divmod(shifted, a, q, r);
    BigInt::shift_left(a, BigInt(d - e - 1), scaled);
    a = scaled + q;
  }
  if (n < a * a) a = a - BigInt(1);
  return a;
}

// factorial(n) for an index n (perm(n) too): CPython's limit is a C long.
Ref factorial_of(Obj arg) {
  BigInt n;
  if (!index_big(arg, n)) return Ref();
  if (n.negative()) return raise_message(&exc_ValueError, "factorial() not defined for negative values");
  if (!n.fits_int64())
    return raise_format(&exc_OverflowError, "factorial() argument should not exceed %lld",
                        static_cast<long long>(kLongLongMax));
  return int_from_big(range_product(BigInt(1), static_cast<std::uint64_t>(n.to_int64())));
}

// comb's and perm's n and k: ints, not negative.
bool comb_perm_arguments(Obj n_arg, Obj k_arg, BigInt& n, BigInt& k) {
  if (!index_big(n_arg, n) || !index_big(k_arg, k)) return false;
  if (n.negative()) {
    raise_message(&exc_ValueError, "n must be a non-negative integer");
    return false;
  }
  if (k.negative()) {
    raise_message(&exc_ValueError, "k must be a non-negative integer");
    return false;
  }
  return true;
}

}  // namespace

namespace math_detail {

Ref math_factorial(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!one_argument("factorial", nargs, kwnames)) return Ref();
  return factorial_of(args[0]);
}

// gcd(*integers): every argument is checked, even once the result is 1.
Ref math_gcd(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keyword_arguments("gcd", kwnames)) return Ref();
  BigInt result(0);
  for (std::size_t i = 0; i < nargs; ++i) {
    BigInt v;
    if (!index_big(args[i], v)) return Ref();
    if (i == 0)
      result = absolute(std::move(v));
    else if (!(result == BigInt(1)))
      result = gcd_big(std::move(result), std::move(v));
  }
  return int_from_big(std::move(result));
}

// lcm(*integers): every argument is checked, even once the result is 0.
Ref math_lcm(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keyword_arguments("lcm", kwnames)) return Ref();
  BigInt result(1);
  for (std::size_t i = 0; i < nargs; ++i) {
    BigInt v;
    if (!index_big(args[i], v)) return Ref();
    if (i == 0) {
      result = absolute(std::move(v));
    } else if (!result.is_zero()) {
      if (v.is_zero()) {
        result = BigInt(0);
      } else {
        BigInt q, r;
        BigInt::divmod(result, gcd_big(result, v), q, r);
        result = absolute(q * v);
      }
    }
  }
  return int_from_big(std::move(result));
}

Ref math_isqrt(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!one_argument("isqrt", nargs, kwnames)) return Ref();
  BigInt n;
  if (!index_big(args[0], n)) return Ref();
  if (n.negative()) return raise_message(&exc_ValueError, "isqrt() argument must be nonnegative");
  if (n.is_zero()) return int_from(0);
  return int_from_big(isqrt_big(n));
}

// perm(n, k=None): n! / (n - k)!, 0 when k > n; perm(n) is factorial(n).
Ref math_perm(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!positional_arguments("perm", nargs, kwnames, 1, 2)) return Ref();
  if (nargs == 1 || args[1] == None()) return factorial_of(args[0]);
  BigInt n, k;
  if (!comb_perm_arguments(args[0], args[1], n, k)) return Ref();
  if (n < k) return int_from(0);
  if (!k.fits_int64())
    return raise_format(&exc_OverflowError, "k must not exceed %lld", static_cast<long long>(kLongLongMax));
  const auto count = static_cast<std::uint64_t>(k.to_int64());
  return int_from_big(range_product(n - k + BigInt(1), count));
}

// comb(n, k): n! / (k! * (n - k)!), 0 when k > n; computed with the
// smaller of k and n - k.
Ref math_comb(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!positional_arguments("comb", nargs, kwnames, 2, 2)) return Ref();
  BigInt n, k;
  if (!comb_perm_arguments(args[0], args[1], n, k)) return Ref();
  if (n < k) return int_from(0);
  BigInt rest = n - k;
  if (rest < k) k = std::move(rest);
  if (!k.fits_int64())
    return raise_format(&exc_OverflowError, "min(n - k, k) must not exceed %lld",
                        static_cast<long long>(kLongLongMax));
  const auto count = static_cast<std::uint64_t>(k.to_int64());
  BigInt q, r;
  BigInt::divmod(range_product(n - k + BigInt(1), count), range_product(BigInt(1), count), q, r);
  return int_from_big(std::move(q));
}

}  // namespace math_detail

}  // namespace gen
