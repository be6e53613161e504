// gen::Int: Python's int as generated code holds it when its type is known
// to be int: an int64_t while the value fits (the fast path: one overflow
// check per operation), a shared immutable BigInt beyond.
//
// Invariant S: big_ is null exactly when the value fits in int64_t; every
// operation normalises its result back to small when it fits.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "gen/support/bigint.h"

namespace gen {

class Int {
 public:
  Int() = default;
  Int(std::int64_t v) : small_(v) {}  // NOLINT(google-explicit-constructor)
  explicit Int(BigInt v);

  bool is_small() const { return big_ == nullptr; }
  std::int64_t small() const { return small_; }  // only when is_small()
  BigInt to_big() const { return big_ ? *big_ : BigInt(small_); }
  std::string str() const;  // str(int)
  bool is_zero() const { return is_small() && small_ == 0; }
  bool truthy() const { return !is_zero(); }

  friend Int operator+(const Int& a, const Int& b);
  friend Int operator-(const Int& a, const Int& b);
  friend Int operator*(const Int& a, const Int& b);
  friend Int operator-(const Int& a);
  // Python's // and % (floor); false for a zero divisor (ZeroDivisionError).
  static bool floordiv(const Int& a, const Int& b, Int& out);
  static bool mod(const Int& a, const Int& b, Int& out);
  // a ** e for e >= 0 (a negative exponent makes a float: the caller's).
  static bool pow(const Int& a, const Int& e, Int& out);
  friend int compare(const Int& a, const Int& b);
  friend bool operator==(const Int& a, const Int& b) { return compare(a, b) == 0; }
  friend bool operator<(const Int& a, const Int& b) { return compare(a, b) < 0; }

 private:
  static Int normalised(BigInt v);

  std::int64_t small_ = 0;
  std::shared_ptr<const BigInt> big_;  // immutable, so copies share it
};

}  // namespace gen
