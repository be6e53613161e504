// int's and float's methods and attributes: bit_length, bit_count,
// as_integer_ratio, is_integer, conjugate, and real/imag/numerator/
// denominator (data attributes, so a getattr slot rather than methods).
#include <cmath>

#include "gen/support/internal.h"

namespace gen {

namespace {

bool no_arguments(const char* name, std::size_t nargs, Obj kwnames) {
  if (!no_keywords(name, kwnames)) return false;
  if (nargs == 0) return true;
  raise_format(&exc_TypeError, "%s() takes no arguments (%zu given)", name, nargs);
  return false;
}

// int(self) for a bool: the attributes and conjugate() give plain ints.
Ref as_plain_int(Obj self) {
  if (self.type() == &bool_type) return int_from(self == True() ? 1 : 0);
  return Ref::borrow(self);
}

Ref int_bit_length(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_arguments("int.bit_length", nargs, kwnames)) return Ref();
  std::int64_t v = 0;
  if (int_to_int64(self, v)) {
    std::uint64_t m = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    int bits = 0;
    for (; m; m >>= 1) ++bits;
    return int_from(bits);
  }
  return int_from(static_cast<std::int64_t>(int_to_big(self).bit_length()));
}

Ref int_bit_count(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_arguments("int.bit_count", nargs, kwnames)) return Ref();
  Ref binary = format_utf8(self, "b");
  if (!binary) return binary;
  std::int64_t ones = 0;
  for (char c : str_view(binary)) ones += c == '1';
  return int_from(ones);
}

Ref int_conjugate(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_arguments("int.conjugate", nargs, kwnames)) return Ref();
  return as_plain_int(self);
}

Ref int_as_integer_ratio(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_arguments("int.as_integer_ratio", nargs, kwnames)) return Ref();
  Ref n = as_plain_int(self);
  Ref one = int_from(1);
  return tuple_of({n, one});
}

Ref float_is_integer(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_arguments("float.is_integer", nargs, kwnames)) return Ref();
  const double v = float_value(self);
  return new_ref(Bool(std::isfinite(v) && std::floor(v) == v));
}

Ref float_conjugate(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_arguments("float.conjugate", nargs, kwnames)) return Ref();
  return Ref::borrow(self);
}

// The exact fraction: scale the mantissa by 2 until it is whole (at most
// 1074 steps for a subnormal), then the power of two goes to whichever side
// its sign says. The result is in lowest terms because the mantissa is odd
// once it stops being scaled (or the exponent is not negative).
Ref float_as_integer_ratio(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_arguments("float.as_integer_ratio", nargs, kwnames)) return Ref();
  const double v = float_value(self);
  if (std::isinf(v)) return raise_message(&exc_OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(v)) return raise_message(&exc_ValueError, "cannot convert NaN to integer ratio");
  int exponent = 0;
  double mantissa = std::frexp(v, &exponent);
  for (int i = 0; i < 1100 && mantissa != std::floor(mantissa); ++i) {
    mantissa *= 2.0;
    --exponent;
  }
  Ref numerator = int_from_big(BigInt::from_double(mantissa));
  Ref denominator = int_from(1);
  Ref shift = int_from(exponent > 0 ? exponent : -exponent);
  if (exponent > 0) numerator = binary(numerator, shift, BinOp::LShift);
  else denominator = binary(denominator, shift, BinOp::LShift);
  if (!numerator || !denominator) return Ref();
  return tuple_of({numerator, denominator});
}

Ref int_getattr(Obj self, Obj name) {
  const std::string_view n = str_view(name);
  if (n == "real" || n == "numerator") return as_plain_int(self);
  if (n == "imag") return int_from(0);
  if (n == "denominator") return int_from(1);
  bool missing = false;
  Ref r = generic_getattr(self, name, missing);
  if (missing) return raise_format(&exc_AttributeError, "'%s' object has no attribute '%.*s'", type_name(self),
                                   static_cast<int>(n.size()), n.data());
  return r;
}

Ref float_getattr(Obj self, Obj name) {
  const std::string_view n = str_view(name);
  if (n == "real") return Ref::borrow(self);
  if (n == "imag") return float_from(0.0);
  bool missing = false;
  Ref r = generic_getattr(self, name, missing);
  if (missing) return raise_format(&exc_AttributeError, "'float' object has no attribute '%.*s'",
                                   static_cast<int>(n.size()), n.data());
  return r;
}

constexpr MethodDef kIntMethods[] = {{"bit_length", int_bit_length},
                                     {"bit_count", int_bit_count},
                                     {"conjugate", int_conjugate},
                                     {"as_integer_ratio", int_as_integer_ratio}};
constexpr MethodDef kFloatMethods[] = {{"is_integer", float_is_integer},
                                       {"conjugate", float_conjugate},
                                       {"as_integer_ratio", float_as_integer_ratio}};

}  // namespace

void init_number_methods() {
  add_methods(&int_type, kIntMethods);
  add_methods(&float_type, kFloatMethods);
  int_type.getattr = int_getattr;
  float_type.getattr = float_getattr;
}

}  // namespace gen
