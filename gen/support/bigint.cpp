#include "gen/support/bigint.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#if defined(__x86_64__)
#include <immintrin.h>  // _addcarry_u64
#endif

namespace gen {
namespace {

constexpr std::uint64_t kBase = std::uint64_t{1} << 32;

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

}  // namespace

BigInt::BigInt(std::int64_t v) {
  negative_ = v < 0;
  std::uint64_t m = negative_ ? ~static_cast<std::uint64_t>(v) + 1 : static_cast<std::uint64_t>(v);
  while (m) {
    mag_.push_back(static_cast<std::uint32_t>(m));
    m >>= 32;
  }
}

BigInt::BigInt(bool negative, Mag mag) : negative_(negative), mag_(std::move(mag)) { trim(); }

void BigInt::trim() {
  while (!mag_.empty() && mag_.back() == 0) mag_.pop_back();
  if (mag_.empty()) negative_ = false;  // Invariant N
}

bool BigInt::parse(std::string_view s, int base, BigInt& out) {
  if (base < 2 || base > 36) return false;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() == '_' || s.back() == '_') return false;
  Mag mag;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (s[i - 1] == '_') return false;
      continue;
    }
    const int d = digit_value(s[i]);
    if (d >= base) return false;
    std::uint64_t carry = static_cast<std::uint64_t>(d);
    for (std::uint32_t& limb : mag) {
      const std::uint64_t v = static_cast<std::uint64_t>(limb) * static_cast<std::uint64_t>(base) + carry;
      limb = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
    if (carry) mag.push_back(static_cast<std::uint32_t>(carry));
  }
  out = BigInt(negative, std::move(mag));
  return true;
}

bool BigInt::fits_int64() const {
  if (mag_.size() > 2) return false;
  std::uint64_t m = 0;
  for (std::size_t i = mag_.size(); i-- > 0;) m = (m << 32) | mag_[i];
  return negative_ ? m <= (std::uint64_t{1} << 63) : m < (std::uint64_t{1} << 63);
}

std::int64_t BigInt::to_int64() const {
  std::uint64_t m = 0;
  for (std::size_t i = mag_.size(); i-- > 0;) m = (m << 32) | mag_[i];
  return negative_ ? static_cast<std::int64_t>(~m + 1) : static_cast<std::int64_t>(m);
}

std::size_t BigInt::bit_length() const {
  if (mag_.empty()) return 0;
  return 32 * (mag_.size() - 1) + (32 - static_cast<std::size_t>(std::countl_zero(mag_.back())));
}

// Correctly rounded: the top 64 bits, with a sticky bit for anything set
// below them, convert with one rounding (to nearest, ties to even).
bool BigInt::to_double(double& out) const {
  const std::size_t bits = bit_length();
  std::uint64_t top = 0;
  int shift = 0;
  if (bits <= 64) {
    for (std::size_t i = mag_.size(); i-- > 0;) top = (top << 32) | mag_[i];
  } else {
    shift = static_cast<int>(bits - 64);
    const std::size_t limb = static_cast<std::size_t>(shift) / 32, bit = static_cast<std::size_t>(shift) % 32;
    auto limb_at = [&](std::size_t i) -> std::uint64_t { return i < mag_.size() ? mag_[i] : 0; };
    const std::uint64_t lo = limb_at(limb) | (limb_at(limb + 1) << 32);  // bits [32 * limb, 32 * limb + 64)
    top = bit ? (lo >> bit) | (limb_at(limb + 2) << (64 - bit)) : lo;
    bool sticky = bit && (mag_[limb] & ((std::uint32_t{1} << bit) - 1));
    for (std::size_t i = 0; i < limb && !sticky; ++i) sticky = mag_[i] != 0;
    if (sticky) top |= 1;  // far below the 53 bits kept: it only breaks ties
  }
  const double v = std::ldexp(static_cast<double>(top), shift);
  if (std::isinf(v)) return false;
  out = negative_ ? -v : v;
  return true;
}

BigInt BigInt::from_double(double v) {
  v = std::trunc(v);
  if (std::fabs(v) < 9.2e18) return BigInt(static_cast<std::int64_t>(v));
  int exp = 0;
  const double frac = std::frexp(std::fabs(v), &exp);  // |v| = frac * 2^exp, frac in [0.5, 1)
  const auto mantissa = static_cast<std::int64_t>(std::ldexp(frac, 53));
  BigInt out;
  (void)shift_left(BigInt(mantissa), BigInt(exp - 53), out);
  return v < 0 ? -out : out;
}

std::string BigInt::to_string(int base) const {
  if (mag_.empty()) return "0";
  // Peel off chunks of `per` digits with one small division each.
  std::uint32_t chunk = static_cast<std::uint32_t>(base);
  int per = 1;
  while (static_cast<std::uint64_t>(chunk) * static_cast<std::uint64_t>(base) < kBase) {
    chunk *= static_cast<std::uint32_t>(base);
    ++per;
  }
  Mag m = mag_;
  std::string digits;
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  while (!m.empty()) {
    std::uint32_t r = divmod_small(m, chunk);
    for (int i = 0; i < per && (r || !m.empty()); ++i) {
      digits += kDigits[r % static_cast<std::uint32_t>(base)];
      r /= static_cast<std::uint32_t>(base);
    }
  }
  if (negative_) digits += '-';
  std::reverse(digits.begin(), digits.end());
  return digits;
}

int BigInt::compare_mag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

int compare(const BigInt& a, const BigInt& b) {
  if (a.negative_ != b.negative_) return a.negative_ ? -1 : 1;
  const int m = BigInt::compare_mag(a.mag_, b.mag_);
  return a.negative_ ? -m : m;
}

// --- limb pairs ---
//
// The magnitude stays in 32-bit limbs (what every other routine and the
// parity tests speak), but on a little-endian target two adjacent limbs
// read as one uint64_t are exactly the 64-bit limb they make, so the inner
// loops below go two limbs per step: half the carries of add and sub, a
// quarter of the multiplications, half the divisions. Each loop's tail
// (an odd limb) is the 32-bit step. kPairs gates the add/sub pairs on
// __int128 and the byte order; kWideMul additionally on a 64x64->128
// multiply and a 128/64 divide in hardware (x86-64, AArch64), since on
// wasm32 those are library calls slower than the 32-bit steps.
namespace {

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 Wide;
constexpr bool kPairs = std::endian::native == std::endian::little;
#else
using Wide = std::uint64_t;  // never used: kPairs is false
constexpr bool kPairs = false;
#endif
#if defined(__SIZEOF_INT128__) && (defined(__x86_64__) || defined(__aarch64__))
constexpr bool kWideMul = kPairs;
#else
constexpr bool kWideMul = false;
#endif

inline std::uint64_t load_pair(const std::uint32_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store_pair(std::uint32_t* p, std::uint64_t v) { std::memcpy(p, &v, sizeof v); }

// (hi * 2**64 + lo) / d with hi < d < 2**32: a limb pair divided in one
// step. Only called when kWideMul.
inline std::uint64_t div_pair(std::uint64_t hi, std::uint64_t lo, std::uint64_t d, std::uint64_t& rem) {
#if defined(__x86_64__)
  std::uint64_t q;
  __asm__("divq %4" : "=a"(q), "=d"(rem) : "a"(lo), "d"(hi), "rm"(d));
  return q;
#elif defined(__SIZEOF_INT128__)
  const Wide v = (static_cast<Wide>(hi) << 64) | lo;
  rem = static_cast<std::uint64_t>(v % d);
  return static_cast<std::uint64_t>(v / d);
#else
  static_assert(!kWideMul, "limb pairs need a 128-bit type");
  rem = hi;
  (void)d;
  return lo;
#endif
}

// out[0..n) = x[0..n) + y[0..n) + carry (0 or 1); returns the carry out.
// y null adds nothing (the longer operand's tail).
std::uint64_t add_limbs(const std::uint32_t* x, const std::uint32_t* y, std::uint32_t* out, std::size_t n,
                        std::uint64_t carry) {
  std::size_t i = 0;
#if defined(__x86_64__)
  // Four limb pairs per step on one adc chain: the carry stays in the flag
  // instead of going through a register every pair (a loop adding
  // 3,000-limb operands: 0.6-1.1 -> 0.4-0.6 ns per pair, g++ and clang).
  if (y) {
    unsigned char c = static_cast<unsigned char>(carry);
    for (; i + 8 <= n; i += 8) {
      unsigned long long r0, r1, r2, r3;
      c = _addcarry_u64(c, load_pair(x + i), load_pair(y + i), &r0);
      c = _addcarry_u64(c, load_pair(x + i + 2), load_pair(y + i + 2), &r1);
      c = _addcarry_u64(c, load_pair(x + i + 4), load_pair(y + i + 4), &r2);
      c = _addcarry_u64(c, load_pair(x + i + 6), load_pair(y + i + 6), &r3);
      store_pair(out + i, r0);
      store_pair(out + i + 2, r1);
      store_pair(out + i + 4, r2);
      store_pair(out + i + 6, r3);
    }
    carry = c;
  }
#endif
  if constexpr (kPairs) {
    for (; i + 2 <= n; i += 2) {
      const Wide v = static_cast<Wide>(load_pair(x + i)) + (y ? load_pair(y + i) : 0) + carry;
      store_pair(out + i, static_cast<std::uint64_t>(v));
      carry = static_cast<std::uint64_t>(v >> 64);
    }
  }
  for (; i < n; ++i) {
    const std::uint64_t v = static_cast<std::uint64_t>(x[i]) + (y ? y[i] : 0) + carry;
    out[i] = static_cast<std::uint32_t>(v);
    carry = v >> 32;
  }
  return carry;
}

// out[0..n) = x[0..n) - y[0..n) - borrow (0 or 1); returns the borrow out.
std::uint64_t sub_limbs(const std::uint32_t* x, const std::uint32_t* y, std::uint32_t* out, std::size_t n,
                        std::uint64_t borrow) {
  std::size_t i = 0;
  if constexpr (kPairs) {
    for (; i + 2 <= n; i += 2) {
      // A wrapped difference has its high word all ones.
      const Wide v = static_cast<Wide>(load_pair(x + i)) - (y ? load_pair(y + i) : 0) - borrow;
      store_pair(out + i, static_cast<std::uint64_t>(v));
      borrow = static_cast<std::uint64_t>(v >> 64) & 1;
    }
  }
  for (; i < n; ++i) {
    const std::uint64_t v = static_cast<std::uint64_t>(x[i]) - (y ? y[i] : 0) - borrow;
    out[i] = static_cast<std::uint32_t>(v);
    borrow = (v >> 32) & 1;
  }
  return borrow;
}

// The limbs of x as 64-bit limbs (an odd count gets a zero high half).
std::vector<std::uint64_t> widen(const std::vector<std::uint32_t>& x) {
  std::vector<std::uint64_t> out((x.size() + 1) / 2);
  std::memcpy(out.data(), x.data(), x.size() * sizeof(std::uint32_t));
  return out;
}

}  // namespace

BigInt::Mag BigInt::add_mag(const Mag& a, const Mag& b) {
  const Mag& longer = a.size() >= b.size() ? a : b;
  const Mag& shorter = a.size() >= b.size() ? b : a;
  Mag out(longer.size() + 1);
  std::uint64_t carry = add_limbs(longer.data(), shorter.data(), out.data(), shorter.size(), 0);
  const std::size_t rest = longer.size() - shorter.size();
  carry = add_limbs(longer.data() + shorter.size(), nullptr, out.data() + shorter.size(), rest, carry);
  out[longer.size()] = static_cast<std::uint32_t>(carry);
  return out;
}

BigInt::Mag BigInt::sub_mag(const Mag& a, const Mag& b) {
  Mag out(a.size());
  const std::uint64_t borrow = sub_limbs(a.data(), b.data(), out.data(), b.size(), 0);
  (void)sub_limbs(a.data() + b.size(), nullptr, out.data() + b.size(), a.size() - b.size(), borrow);
  return out;  // |a| >= |b|: no borrow out of the top
}

namespace {

// Below this many limbs in the shorter operand, schoolbook multiplication
// (on 64-bit limbs) beats Karatsuba's extra additions and allocations.
// Measured (2026-12-08, repeated 8,192-bit and 100,000-bit products) against
// 48 and 160: 96 was fastest for the former by 10-20% and within noise of
// 160 for the latter. (CPython: 70 30-bit digits.)
constexpr std::size_t kKaratsubaLimbs = 96;

void trim_mag(std::vector<std::uint32_t>& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

// The `count` limbs of m from `at` (fewer at the end), trimmed.
std::vector<std::uint32_t> limbs_of(const std::vector<std::uint32_t>& m, std::size_t at, std::size_t count) {
  if (at >= m.size()) return {};
  std::vector<std::uint32_t> part(m.begin() + static_cast<std::ptrdiff_t>(at),
                                  m.begin() + static_cast<std::ptrdiff_t>(std::min(m.size(), at + count)));
  trim_mag(part);
  return part;
}

}  // namespace

BigInt::Mag BigInt::mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  if (std::min(a.size(), b.size()) >= kKaratsubaLimbs) return mul_karatsuba(a, b);
  Mag out(a.size() + b.size());
  if (a.size() == 1 || b.size() == 1) {  // by one limb (running products): one pass, nothing to accumulate
    const Mag& big = a.size() == 1 ? b : a;
    const std::uint64_t m = a.size() == 1 ? a[0] : b[0];
    std::uint64_t carry = 0;
    std::size_t i = 0;
    if constexpr (kWideMul) {
      for (; i + 2 <= big.size(); i += 2) {
        const Wide v = static_cast<Wide>(load_pair(&big[i])) * m + carry;
        store_pair(&out[i], static_cast<std::uint64_t>(v));
        carry = static_cast<std::uint64_t>(v >> 64);
      }
    }
    for (; i < big.size(); ++i) {
      const std::uint64_t v = big[i] * m + carry;
      out[i] = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
    out[big.size()] = static_cast<std::uint32_t>(carry);  // carry < m < 2**32 here in both loops
    return out;
  }
  if constexpr (kWideMul) {  // schoolbook on 64-bit limbs
    const std::vector<std::uint64_t> x = widen(a), y = widen(b);
    std::vector<std::uint64_t> prod(x.size() + y.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      std::uint64_t carry = 0;
      for (std::size_t j = 0; j < y.size(); ++j) {
        const Wide v = static_cast<Wide>(x[i]) * y[j] + prod[i + j] + carry;
        prod[i + j] = static_cast<std::uint64_t>(v);
        carry = static_cast<std::uint64_t>(v >> 64);
      }
      prod[i + y.size()] = carry;
    }
    // The product has at most a.size() + b.size() limbs; the rest are zero.
    std::memcpy(out.data(), prod.data(), out.size() * sizeof(std::uint32_t));
    return out;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < b.size(); ++j) {
      const std::uint64_t v = static_cast<std::uint64_t>(a[i]) * b[j] + out[i + j] + carry;
      out[i + j] = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
    out[i + b.size()] = static_cast<std::uint32_t>(carry);
  }
  return out;
}

// Karatsuba: with B = 2**(32h), a = a1 B + a0 and b = b1 B + b0,
//   a b = z2 B**2 + (z1 - z2 - z0) B + z0,
//   z2 = a1 b1, z0 = a0 b0, z1 = (a0 + a1)(b0 + b1),
// three half-size products instead of four, recursively (mul_mag picks
// schoolbook again below kKaratsubaLimbs): O(n**1.585). An operand more
// than twice the other's length is cut into pieces of the shorter one's
// length first, each piece a balanced product.
BigInt::Mag BigInt::mul_karatsuba(const Mag& a, const Mag& b) {
  const Mag& longer = a.size() >= b.size() ? a : b;
  const Mag& shorter = a.size() >= b.size() ? b : a;
  Mag out(a.size() + b.size());
  // out[at..] += x; out is sized for the whole product, so the carry stops
  // inside it.
  auto add_at = [&out](std::size_t at, const Mag& x) {
    std::uint64_t carry = add_limbs(out.data() + at, x.data(), out.data() + at, x.size(), 0);
    for (std::size_t i = at + x.size(); carry; ++i) {
      const std::uint64_t v = std::uint64_t{out[i]} + carry;
      out[i] = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
  };
  if (longer.size() >= 2 * shorter.size()) {
    for (std::size_t at = 0; at < longer.size(); at += shorter.size()) {
      const Mag piece = limbs_of(longer, at, shorter.size());
      if (!piece.empty()) add_at(at, mul_mag(piece, shorter));
    }
    return out;
  }
  const std::size_t h = (longer.size() + 1) / 2;  // shorter.size() > h - 1 here
  const Mag a0 = limbs_of(longer, 0, h), a1 = limbs_of(longer, h, longer.size());
  const Mag b0 = limbs_of(shorter, 0, h), b1 = limbs_of(shorter, h, shorter.size());
  Mag z0 = mul_mag(a0, b0), z2 = mul_mag(a1, b1);
  Mag sa = add_mag(a0, a1), sb = add_mag(b0, b1);
  trim_mag(sa);
  trim_mag(sb);
  Mag z1 = mul_mag(sa, sb);
  trim_mag(z0);
  trim_mag(z1);
  trim_mag(z2);
  // z1 >= z0 + z2, as (a0 + a1)(b0 + b1) = z0 + z2 + a0 b1 + a1 b0.
  z1 = sub_mag(z1, z0);
  trim_mag(z1);
  z1 = sub_mag(z1, z2);
  trim_mag(z1);
  add_at(0, z0);
  add_at(h, z1);
  add_at(2 * h, z2);
  return out;
}

// Short division by a reciprocal (Möller and Granlund, "Improved division
// by invariant integers", 2011, algorithm 4): the divisor is shifted so
// its top bit is set (dn = d << shift), and each 128-by-64 step is two
// multiplications and a correction instead of a divide, which is what the
// running `divmod(x, 10**9)` and `x // 10` loops of real programs spend
// their time in (bench/py/bigint: 1.8x over one divq per limb pair).
namespace {

struct Reciprocal {
  int shift;
  std::uint64_t dn;  // d << shift: the top bit set
  std::uint64_t v;   // floor((2**128 - 1) / dn) - 2**64
  explicit Reciprocal(std::uint64_t d) : shift(std::countl_zero(d)), dn(d << shift) {
    std::uint64_t unused;
    v = div_pair(~dn, ~std::uint64_t{0}, dn, unused);  // ~dn < dn: the quotient fits
  }
  // (u1 * 2**64 + u0) / dn for u1 < dn; the remainder in rem.
  std::uint64_t divide(std::uint64_t u1, std::uint64_t u0, std::uint64_t& rem) const {
    // (q1, q0) = v * u1 + (u1 + 1, u0), in two words (g++ spills a
    // 128-bit sum to the stack, in the loop's critical path).
    const Wide p = static_cast<Wide>(v) * u1;
    const std::uint64_t q0 = static_cast<std::uint64_t>(p) + u0;
    std::uint64_t q1 = static_cast<std::uint64_t>(p >> 64) + u1 + 1 + (q0 < u0);
    std::uint64_t r = u0 - q1 * dn;
    // The estimate was one too large about half the time, so without a
    // branch: a mispredicted one costs more than the two masked adds.
    const std::uint64_t too_large = -static_cast<std::uint64_t>(r > q0);
    q1 += too_large;
    r += too_large & dn;
    if (r >= dn) [[unlikely]] {  // one too small
      ++q1;
      r -= dn;
    }
    rem = r;
    return q1;
  }
};

}  // namespace

std::uint32_t BigInt::divmod_small(Mag& a, std::uint32_t d) {
  std::uint32_t r = 0;
  if constexpr (kWideMul) {
    // Words of 64 bits (limb pairs; an odd top limb is a word alone),
    // streamed shifted left by rec.shift (>= 32, as d < 2**32).
    const std::size_t n = a.size(), words = (n + 1) / 2;
    const Reciprocal rec(d);
    const int back = 64 - rec.shift;
    auto pair_below = [&](std::size_t k) { return k ? load_pair(&a[2 * (k - 1)]) : std::uint64_t{0}; };
    std::uint64_t rem = 0;
    if (words) {
      std::uint64_t here = n & 1 ? a[n - 1] : load_pair(&a[n - 2]);
      rem = here >> back;
      std::uint64_t below = pair_below(words - 1);
      const std::uint64_t top = rec.divide(rem, (here << rec.shift) | (below >> back), rem);
      if (n & 1) a[n - 1] = static_cast<std::uint32_t>(top);  // at most the dividend word: below 2**32
      else store_pair(&a[n - 2], top);
      for (std::size_t k = words - 1; k-- > 0;) {
        here = below;
        below = pair_below(k);
        store_pair(&a[2 * k], rec.divide(rem, (here << rec.shift) | (below >> back), rem));
      }
    }
    r = static_cast<std::uint32_t>(rem >> rec.shift);
  } else {
    for (std::size_t i = a.size(); i-- > 0;) {  // 64-by-32 steps: native on wasm32
      const std::uint64_t v = (static_cast<std::uint64_t>(r) << 32) | a[i];
      a[i] = static_cast<std::uint32_t>(v / d);
      r = static_cast<std::uint32_t>(v % d);
    }
  }
  while (!a.empty() && a.back() == 0) a.pop_back();
  return r;
}

// Knuth's algorithm D (TAOCP 4.3.1), 32-bit digits.
void BigInt::divmod_mag(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  if (compare_mag(a, b) < 0) {
    q.clear();
    r = a;
    return;
  }
  if (b.size() == 1) {
    q = a;
    r = Mag{divmod_small(q, b[0])};
    while (!r.empty() && r.back() == 0) r.pop_back();
    return;
  }
  // D1: normalise so the divisor's top digit has its high bit set.
  const int s = std::countl_zero(b.back());
  auto shifted = [&](const Mag& x, std::size_t extra) {
    Mag out(x.size() + extra);
    for (std::size_t i = 0; i < x.size(); ++i) {
      const std::uint64_t v = static_cast<std::uint64_t>(x[i]) << s;
      out[i] |= static_cast<std::uint32_t>(v);
      if (i + 1 < out.size()) out[i + 1] |= static_cast<std::uint32_t>(v >> 32);
    }
    return out;
  };
  const Mag v = shifted(b, 0);
  Mag u = shifted(a, 1);
  const std::size_t n = v.size(), m = a.size() - n;
  q.assign(m + 1, 0);
  for (std::size_t j = m + 1; j-- > 0;) {
    // D3: estimate the quotient digit from the top two digits.
    const std::uint64_t num = (static_cast<std::uint64_t>(u[j + n]) << 32) | u[j + n - 1];
    std::uint64_t qhat = num / v[n - 1], rhat = num % v[n - 1];
    while (qhat >= kBase || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      --qhat;
      rhat += v[n - 1];
      if (rhat >= kBase) break;
    }
    // D4: multiply and subtract.
    std::int64_t borrow = 0;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t p = qhat * v[i] + carry;
      carry = p >> 32;
      const std::int64_t t = static_cast<std::int64_t>(u[i + j]) - static_cast<std::int64_t>(p & 0xFFFFFFFFu) - borrow;
      u[i + j] = static_cast<std::uint32_t>(t);
      borrow = t < 0;
    }
    const std::int64_t t = static_cast<std::int64_t>(u[j + n]) - static_cast<std::int64_t>(carry) - borrow;
    u[j + n] = static_cast<std::uint32_t>(t);
    // D5/D6: the estimate was one too large (rare): add the divisor back.
    if (t < 0) {
      --qhat;
      std::uint64_t c = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t sum = static_cast<std::uint64_t>(u[i + j]) + v[i] + c;
        u[i + j] = static_cast<std::uint32_t>(sum);
        c = sum >> 32;
      }
      u[j + n] = static_cast<std::uint32_t>(u[j + n] + c);
    }
    q[j] = static_cast<std::uint32_t>(qhat);
  }
  while (!q.empty() && q.back() == 0) q.pop_back();
  // D8: the remainder is u's low n digits, shifted back.
  r.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t lo = u[i] >> s;
    const std::uint64_t hi = s && i + 1 < u.size() ? static_cast<std::uint64_t>(u[i + 1]) << (32 - s) : 0;
    r[i] = static_cast<std::uint32_t>(lo | hi);
  }
  while (!r.empty() && r.back() == 0) r.pop_back();
}

BigInt operator-(const BigInt& a) { return BigInt(!a.negative_, a.mag_); }

BigInt operator+(const BigInt& a, const BigInt& b) {
  if (a.negative_ == b.negative_) return BigInt(a.negative_, BigInt::add_mag(a.mag_, b.mag_));
  const int c = BigInt::compare_mag(a.mag_, b.mag_);
  if (c == 0) return BigInt();
  return c > 0 ? BigInt(a.negative_, BigInt::sub_mag(a.mag_, b.mag_)) : BigInt(b.negative_, BigInt::sub_mag(b.mag_, a.mag_));
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  return BigInt(a.negative_ != b.negative_, BigInt::mul_mag(a.mag_, b.mag_));
}

bool BigInt::divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
  if (b.is_zero()) return false;
  Mag qm, rm;
  divmod_mag(a.mag_, b.mag_, qm, rm);
  BigInt quotient(a.negative_ != b.negative_, std::move(qm));
  BigInt remainder(a.negative_, std::move(rm));
  // Truncation to floor: a remainder of the other sign than the divisor.
  if (!remainder.is_zero() && a.negative_ != b.negative_) {
    quotient = quotient - BigInt(1);
    remainder = remainder + b;
  }
  q = std::move(quotient);
  r = std::move(remainder);
  return true;
}

bool BigInt::pow(const BigInt& a, const BigInt& e, BigInt& out) {
  if (e.negative_) return false;  // Python gives a float: the caller's business
  BigInt result(1), base = a;
  for (std::size_t bit = 0, bits = e.bit_length(); bit < bits; ++bit) {
    if (e.mag_[bit / 32] >> (bit % 32) & 1) result = result * base;
    if (bit + 1 < bits) base = base * base;
  }
  out = std::move(result);
  return true;
}

bool BigInt::pow_mod(const BigInt& a, const BigInt& e, const BigInt& m, BigInt& out) {
  if (m.is_zero() || e.negative_) return false;
  BigInt q, base, result(1);
  (void)divmod(a, m, q, base);
  for (std::size_t bit = 0, bits = e.bit_length(); bit < bits; ++bit) {
    if (e.mag_[bit / 32] >> (bit % 32) & 1) (void)divmod(result * base, m, q, result);
    if (bit + 1 < bits) (void)divmod(base * base, m, q, base);
  }
  (void)divmod(result, m, q, result);  // pow(x, 0, m) is 1 % m
  out = std::move(result);
  return true;
}

// Two's complement in n limbs: the magnitude, or its complement plus one.
BigInt::Mag BigInt::twos(std::size_t n) const {
  Mag out(n, 0);
  std::copy(mag_.begin(), mag_.end(), out.begin());
  if (!negative_) return out;
  std::uint64_t carry = 1;
  for (std::uint32_t& limb : out) {
    const std::uint64_t v = static_cast<std::uint64_t>(~limb) + carry;
    limb = static_cast<std::uint32_t>(v);
    carry = v >> 32;
  }
  return out;
}

BigInt BigInt::from_twos(Mag limbs) {
  const bool negative = !limbs.empty() && (limbs.back() >> 31);
  if (negative) {
    std::uint64_t carry = 1;
    for (std::uint32_t& limb : limbs) {
      const std::uint64_t v = static_cast<std::uint64_t>(~limb) + carry;
      limb = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
  }
  return BigInt(negative, std::move(limbs));
}

template <class Op>
BigInt BigInt::bitwise(const BigInt& a, const BigInt& b, Op op) {
  const std::size_t n = std::max(a.mag_.size(), b.mag_.size()) + 1;  // room for the sign
  Mag x = a.twos(n), y = b.twos(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = op(x[i], y[i]);
  return from_twos(std::move(x));
}

BigInt operator&(const BigInt& a, const BigInt& b) {
  return BigInt::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x & y; });
}
BigInt operator|(const BigInt& a, const BigInt& b) {
  return BigInt::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x | y; });
}
BigInt operator^(const BigInt& a, const BigInt& b) {
  return BigInt::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x ^ y; });
}
BigInt operator~(const BigInt& a) { return -a - BigInt(1); }

bool BigInt::shift_left(const BigInt& a, const BigInt& n, BigInt& out) {
  if (n.negative_) return false;
  if (a.is_zero()) {
    out = BigInt();
    return true;
  }
  if (!n.fits_int64() || n.to_int64() > (std::int64_t{1} << 34)) return false;  // would not fit in memory
  const auto count = static_cast<std::size_t>(n.to_int64());
  const std::size_t limbs = count / 32, bits = count % 32;
  Mag m(a.mag_.size() + limbs + 1, 0);
  for (std::size_t i = 0; i < a.mag_.size(); ++i) {
    const std::uint64_t v = static_cast<std::uint64_t>(a.mag_[i]) << bits;
    m[i + limbs] |= static_cast<std::uint32_t>(v);
    m[i + limbs + 1] |= static_cast<std::uint32_t>(v >> 32);
  }
  out = BigInt(a.negative_, std::move(m));
  return true;
}

bool BigInt::shift_right(const BigInt& a, const BigInt& n, BigInt& out) {
  if (n.negative_) return false;
  // For a negative a, a >> n == ~(~a >> n), ~a being non-negative: floor.
  if (a.negative_) {
    BigInt shifted;
    (void)shift_right(~a, n, shifted);
    out = ~shifted;
    return true;
  }
  if (!n.fits_int64() || static_cast<std::uint64_t>(n.to_int64()) >= 32 * static_cast<std::uint64_t>(a.mag_.size())) {
    out = BigInt();
    return true;
  }
  const auto count = static_cast<std::size_t>(n.to_int64());
  const std::size_t limbs = count / 32, bits = count % 32;
  Mag m(a.mag_.size() - limbs, 0);
  for (std::size_t i = 0; i < m.size(); ++i) {
    const std::uint64_t lo = a.mag_[i + limbs] >> bits;
    const std::uint64_t hi = bits && i + limbs + 1 < a.mag_.size()
                                 ? static_cast<std::uint64_t>(a.mag_[i + limbs + 1]) << (32 - bits)
                                 : 0;
    m[i] = static_cast<std::uint32_t>(lo | hi);
  }
  out = BigInt(false, std::move(m));
  return true;
}

}  // namespace gen
