// abs, divmod, pow, round and isinstance: the builtins with numeric rules
// of their own.
#include <cfenv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "gen/support/builtins.h"
#include "gen/support/internal.h"

namespace gen {

Ref builtin_add(Obj a, Obj b) {
  if (a.is_small() && b.is_small()) {
    std::int64_t r;
    if (!__builtin_add_overflow(a.small_value(), b.small_value(), &r)) return int_from(r);
  }
  return binary(a, b, BinOp::Add);
}

Ref builtin_abs(Obj x) {
  if (x.is_small()) return int_from(x.small_value() < 0 ? -x.small_value() : x.small_value());
  if (is_float(x)) return float_from(std::fabs(float_value(x)));
  if (is_int(x)) {
    BigInt v = int_to_big(x);
    return int_from_big(v.negative() ? -v : v);
  }
  if (x.type()->flags & kTypeUser) {
    Ref name = str_intern("__abs__");
    if (Obj f = type_lookup(x.type(), name)) return call1(f, x);
  }
  return raise_format(&exc_TypeError, "bad operand type for abs(): '%s'", type_name(x));
}

Ref builtin_divmod(Obj a, Obj b) {
  if (is_int(a) && is_int(b)) {
    if (b.is_small() && b.small_value() == 0)
      return raise_message(&exc_ZeroDivisionError, "integer division or modulo by zero");
    Ref q = binary(a, b, BinOp::FloorDiv);
    if (!q) return q;
    Ref r = binary(a, b, BinOp::Mod);
    if (!r) return r;
    return tuple_of({q, r});
  }
  double x, y;
  bool ok_a, ok_b;
  if ((is_float(a) || is_float(b)) && as_double(a, x, ok_a) && as_double(b, y, ok_b)) {
    if (y == 0) return raise_message(&exc_ZeroDivisionError, "float divmod()");
    double q, m;
    float_floor_divmod(x, y, q, m);
    Ref fq = float_from(q), fm = float_from(m);
    return tuple_of({fq, fm});
  }
  if (error_pending()) return Ref();
  if ((a.type()->flags & kTypeUser) || (b.type()->flags & kTypeUser)) {
    Ref name = str_intern("__divmod__");
    if (Obj f = type_lookup(a.type(), name)) {
      Obj args[] = {a, b};
      return call(f, args, 2);
    }
  }
  return raise_format(&exc_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'", type_name(a),
                      type_name(b));
}

Ref builtin_pow(Obj base, Obj exp, Obj mod) {
  if (!mod) return binary(base, exp, BinOp::Pow);
  if (!is_int(base) || !is_int(exp) || !is_int(mod))
    return raise_message(&exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
  BigInt m = int_to_big(mod);
  if (m.is_zero()) return raise_message(&exc_ValueError, "pow() 3rd argument cannot be 0");
  BigInt e = int_to_big(exp), b = int_to_big(base), out;
  if (e.negative()) {
    // The inverse of base modulo m, by the extended Euclidean algorithm.
    BigInt am = m.negative() ? -m : m;
    BigInt q, r;
    BigInt::divmod(b, am, q, r);
    BigInt old_r = r, cur_r = am, old_s = 1, cur_s = 0;
    while (!cur_r.is_zero()) {
      BigInt qq, rr;
      BigInt::divmod(old_r, cur_r, qq, rr);
      BigInt next_s = old_s - qq * cur_s;
      old_r = cur_r;
      cur_r = rr;
      old_s = cur_s;
      cur_s = next_s;
    }
    if (!(old_r == BigInt(1))) return raise_message(&exc_ValueError, "base is not invertible for the given modulus");
    b = old_s;
    e = -e;
  }
  BigInt::pow_mod(b, e, m, out);
  return int_from_big(std::move(out));
}

namespace {

// round(x, n) for a float: the correctly rounded decimal with n digits
// after the point (glibc's printf rounds exactly, ties to even, as
// CPython's dtoa does), read back.
Ref round_float(double x, std::int64_t n) {
  if (!std::isfinite(x) || x == 0) return float_from(x);
  if (n > 330) return float_from(x);
  if (n < -330) return float_from(std::copysign(0.0, x));
  if (n >= 0) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(n), x);
    return float_from(std::strtod(buf, nullptr));
  }
  // Negative n: exact arithmetic on the integer part (the fraction only
  // breaks ties), rounding half to even on multiples of 10**-n.
  const double whole = std::trunc(x);
  const double frac = x - whole;
  BigInt i = BigInt::from_double(whole), unit, q, r;
  BigInt::pow(BigInt(10), BigInt(-n), unit);
  const bool negative = x < 0;
  if (negative) i = -i;
  BigInt::divmod(i, unit, q, r);
  BigInt twice = r + r;
  int c = compare(twice, unit);
  if (c == 0 && frac != 0) c = 1;  // beyond the tie
  if (c > 0 || (c == 0 && !((q & BigInt(1)) == BigInt(0)))) q = q + BigInt(1);
  BigInt result = q * unit;
  double v;
  if (!result.to_double(v)) return raise_message(&exc_OverflowError, "rounded value too large to represent");
  return float_from(negative ? -v : v);
}

}  // namespace

Ref builtin_round(Obj number, Obj ndigits) {
  if (is_float(number)) {
    const double x = float_value(number);
    if (!ndigits) {
      if (std::isnan(x)) return raise_message(&exc_ValueError, "cannot convert float NaN to integer");
      if (std::isinf(x)) return raise_message(&exc_OverflowError, "cannot convert float infinity to integer");
      const double r = std::nearbyint(x);  // the default mode: ties to even
      if (std::fabs(r) < 9e18) return int_from(static_cast<std::int64_t>(r));
      return int_from_big(BigInt::from_double(r));
    }
    std::int64_t n;
    if (!index_value(ndigits, n)) return Ref();
    return round_float(x, n);
  }
  if (is_int(number)) {
    if (!ndigits) return int_from_big(int_to_big(number));
    std::int64_t n;
    if (!index_value(ndigits, n)) return Ref();
    if (n >= 0) return int_from_big(int_to_big(number));
    BigInt unit, q, r;
    BigInt::pow(BigInt(10), BigInt(-n), unit);
    BigInt::divmod(int_to_big(number), unit, q, r);
    const int c = compare(r + r, unit);
    if (c > 0 || (c == 0 && !((q & BigInt(1)) == BigInt(0)))) q = q + BigInt(1);
    return int_from_big(q * unit);
  }
  if (number.type()->flags & kTypeUser) {
    Ref name = str_intern("__round__");
    if (Obj f = type_lookup(number.type(), name)) {
      Obj args[] = {number, ndigits};
      return call(f, args, ndigits ? 2 : 1);
    }
  }
  return raise_format(&exc_TypeError, "type %s doesn't define __round__ method", type_name(number));
}

int builtin_isinstance(Obj o, Obj classes) {
  if (is_tuple(classes)) {
    for (const Ref& c : tuple_items(classes)) {
      const int r = builtin_isinstance(o, c);
      if (r != 0) return r;
    }
    return 0;
  }
  if (!is_type(classes)) {
    raise_message(&exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return -1;
  }
  return isinstance(o, classes.as<TypeObj>());
}

}  // namespace gen
