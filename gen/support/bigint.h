// Arbitrary-precision integers with Python's semantics: the `int` of
// transpiled programs once a value leaves 64 bits (gen/support; issue 8).
//
// A BigInt is a sign and a magnitude of 32-bit limbs, least significant
// first, with no leading zero limbs (Invariant N: zero is an empty
// magnitude and is never negative). Division and modulo floor, as Python's
// // and % do; bitwise operators act on the infinite two's complement
// representation, as Python's do. Operations that Python reports as errors
// (division by zero, a negative shift, a negative exponent) return false
// and leave the result untouched: no exceptions (SPEC, errors are values).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gen {

class BigInt {
 public:
  BigInt() = default;
  BigInt(std::int64_t v);  // NOLINT(google-explicit-constructor): an int is an int

  // Parses digits in `base` (2..36; underscores allowed between digits, as
  // in Python literals). False on anything else.
  static bool parse(std::string_view digits, int base, BigInt& out);

  bool is_zero() const { return mag_.empty(); }
  bool negative() const { return negative_; }
  // Whether it fits an int64_t, and then its value.
  bool fits_int64() const;
  std::int64_t to_int64() const;  // only when fits_int64()
  // The nearest double, ties to even, as Python's float(int); false when
  // it is too large ("int too large to convert to float").
  bool to_double(double& out) const;
  // The integer part of a finite double (Python's int(float)).
  static BigInt from_double(double v);
  std::string to_string(int base = 10) const;  // "-" for negatives; base 2..36, no prefix
  std::size_t bit_length() const;              // of the magnitude, as int.bit_length()

  friend BigInt operator-(const BigInt& a);
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  // Floor division and modulo: q = floor(a / b), r = a - q*b (r has b's sign).
  static bool divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r);
  // a ** e for e >= 0; with a modulus m != 0, pow(a, e, m) (e >= 0).
  static bool pow(const BigInt& a, const BigInt& e, BigInt& out);
  static bool pow_mod(const BigInt& a, const BigInt& e, const BigInt& m, BigInt& out);
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  friend BigInt operator|(const BigInt& a, const BigInt& b);
  friend BigInt operator^(const BigInt& a, const BigInt& b);
  friend BigInt operator~(const BigInt& a);
  static bool shift_left(const BigInt& a, const BigInt& n, BigInt& out);   // false: negative count
  static bool shift_right(const BigInt& a, const BigInt& n, BigInt& out);  // floor, as Python's >>

  friend int compare(const BigInt& a, const BigInt& b);  // -1, 0, 1
  friend bool operator==(const BigInt& a, const BigInt& b) { return a.negative_ == b.negative_ && a.mag_ == b.mag_; }
  friend bool operator<(const BigInt& a, const BigInt& b) { return compare(a, b) < 0; }

 private:
  using Mag = std::vector<std::uint32_t>;
  BigInt(bool negative, Mag mag);
  void trim();  // restores Invariant N

  static int compare_mag(const Mag& a, const Mag& b);
  static Mag add_mag(const Mag& a, const Mag& b);
  static Mag sub_mag(const Mag& a, const Mag& b);  // |a| >= |b|
  static Mag mul_mag(const Mag& a, const Mag& b);
  static Mag mul_karatsuba(const Mag& a, const Mag& b);  // both at least kKaratsubaLimbs long
  static void divmod_mag(const Mag& a, const Mag& b, Mag& q, Mag& r);  // b != 0, truncating
  static std::uint32_t divmod_small(Mag& a, std::uint32_t d);         // a /= d in place, returns a % d
  // Two's complement limbs of `n` limbs (sign-extended) and back.
  Mag twos(std::size_t n) const;
  static BigInt from_twos(Mag limbs);
  template <class Op>
  static BigInt bitwise(const BigInt& a, const BigInt& b, Op op);

  bool negative_ = false;
  Mag mag_;
};

}  // namespace gen
