#include "gen/support/float_repr.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gen {
namespace {

// The shortest digits that read back as `v`, in scientific form
// (d.ddde[+-]x). std::to_chars where the library has it for doubles; else
// the fewest significant digits whose correctly rounded printf form reads
// back the same (emscripten 3.1.6's libc++ lacks floating to_chars).
std::string shortest_scientific(double v) {
  char buf[64];
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  (void)ec;
  return std::string(buf, end);
#else
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
#endif
}

// The shortest round-trip digits, placed as Python places them.
std::string repr_digits(double v, bool add_dot_zero) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  const std::string sci = shortest_scientific(v);
  const std::size_t e = sci.find('e');
  int exp = std::atoi(sci.c_str() + e + 1);
  std::string mant = sci.substr(0, e);
  bool negative = false;
  if (mant[0] == '-') {
    negative = true;
    mant.erase(0, 1);
  }
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out = negative ? "-" : "";
  if (exp < -4 || exp >= 16) {
    out += digits[0];
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    return out + eb;
  }
  if (exp < 0) {
    out += "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  } else if (static_cast<std::size_t>(exp) + 1 >= digits.size()) {
    out += digits + std::string(static_cast<std::size_t>(exp) + 1 - digits.size(), '0');
    if (add_dot_zero) out += ".0";
  } else {
    out += digits.substr(0, static_cast<std::size_t>(exp) + 1) + "." + digits.substr(static_cast<std::size_t>(exp) + 1);
  }
  return out;
}

}  // namespace

std::string float_repr(double v) { return repr_digits(v, true); }

std::string imaginary_repr(double v) { return repr_digits(v, false) + "j"; }

}  // namespace gen
