// `import math`: CPython 3.11's math module, with its results and its
// messages. Functions CPython hands to the C library call the same libm
// (so results are bit-for-bit the same on the same system); the ones CPython
// computes itself (gamma, lgamma, fsum, hypot, dist, remainder, ...) follow
// its algorithms operation for operation, since a different order of the
// same floating-point operations can round differently. The integer
// functions (factorial, gcd, lcm, isqrt, comb, perm) are in
// math_integer.cpp.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

#include "gen/support/internal.h"
#include "gen/support/module.h"

namespace gen {

// Shared by math_module.cpp and math_integer.cpp (the only two users, so
// declared here rather than in a header; math_integer.cpp repeats them).
namespace math_detail {
bool no_keyword_arguments(const char* name, Obj kwnames);
bool one_argument(const char* name, std::size_t nargs, Obj kwnames);
bool positional_arguments(const char* name, std::size_t nargs, Obj kwnames, std::size_t min, std::size_t max);
// Defined in math_integer.cpp.
Ref math_factorial(Obj, const Obj* args, std::size_t nargs, Obj kwnames);
Ref math_gcd(Obj, const Obj* args, std::size_t nargs, Obj kwnames);
Ref math_isqrt(Obj, const Obj* args, std::size_t nargs, Obj kwnames);
Ref math_lcm(Obj, const Obj* args, std::size_t nargs, Obj kwnames);
Ref math_perm(Obj, const Obj* args, std::size_t nargs, Obj kwnames);
Ref math_comb(Obj, const Obj* args, std::size_t nargs, Obj kwnames);

// --- arguments, in the words of CPython's argument checks ---

bool no_keyword_arguments(const char* name, Obj kwnames) {
  if (!kwnames || tuple_items(kwnames).empty()) return true;
  raise_format(&exc_TypeError, "math.%s() takes no keyword arguments", name);
  return false;
}

// The METH_O functions (most of them).
bool one_argument(const char* name, std::size_t nargs, Obj kwnames) {
  if (!no_keyword_arguments(name, kwnames)) return false;
  if (nargs == 1) return true;
  raise_format(&exc_TypeError, "math.%s() takes exactly one argument (%zu given)", name, nargs);
  return false;
}

// Positional-only functions of several arguments (_PyArg_CheckPositional).
bool positional_arguments(const char* name, std::size_t nargs, Obj kwnames, std::size_t min, std::size_t max) {
  if (!no_keyword_arguments(name, kwnames)) return false;
  if (nargs >= min && nargs <= max) return true;
  const bool few = nargs < min;
  const std::size_t bound = few ? min : max;
  raise_format(&exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
               min == max ? "" : few ? "at least " : "at most ", bound, bound == 1 ? "" : "s", nargs);
  return false;
}

}  // namespace math_detail

namespace {

// Functions taking keywords (isclose, prod) parse as Argument Clinic's
// _PyArg_UnpackKeywords does, which decides which message a bad call gets.
// `keywords` name the parameters after the positional-only ones.
struct ClinicSignature {
  const char* name;
  std::size_t positional_only, min_positional, max_positional;
  const char* const* keywords;
  std::size_t keyword_count;
};

Obj find_keyword(Obj kwnames, const Obj* values, const char* name) {
  const auto& names = tuple_items(kwnames);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (str_view(names[i]) == name) return values[i];
  return Obj();
}

bool clinic_arguments(const ClinicSignature& s, const Obj* args, std::size_t nargs, Obj kwnames, Obj* out) {
  const std::size_t nkw = kwnames ? tuple_items(kwnames).size() : 0;
  const std::size_t max_args = s.positional_only + s.keyword_count;
  for (std::size_t i = 0; i < max_args; ++i) out[i] = i < nargs ? args[i] : Obj();
  if (nargs + nkw > max_args) {
    raise_format(&exc_TypeError, "%s() takes at most %zu %sargument%s (%zu given)", s.name, max_args,
                 nargs == 0 ? "keyword " : "", max_args == 1 ? "" : "s", nargs + nkw);
    return false;
  }
  if (nargs > s.max_positional) {
    raise_format(&exc_TypeError, "%s() takes %s %zu positional argument%s (%zu given)", s.name,
                 s.min_positional < s.max_positional ? "at most" : "exactly", s.max_positional,
                 s.max_positional == 1 ? "" : "s", nargs);
    return false;
  }
  const std::size_t min_positional_only = std::min(s.positional_only, s.min_positional);
  if (nargs < min_positional_only) {
    raise_format(&exc_TypeError, "%s() takes %s %zu positional argument%s (%zu given)", s.name,
                 min_positional_only < s.max_positional ? "at least" : "exactly", min_positional_only,
                 min_positional_only == 1 ? "" : "s", nargs);
    return false;
  }
  const Obj* values = args + nargs;
  std::size_t unused = nkw;
  for (std::size_t i = std::max(nargs, s.positional_only); i < max_args; ++i) {
    if (!unused && i >= s.min_positional) break;
    const char* name = s.keywords[i - s.positional_only];
    out[i] = unused ? find_keyword(kwnames, values, name) : Obj();
    if (out[i]) {
      --unused;
    } else if (i < s.min_positional) {
      raise_format(&exc_TypeError, "%s() missing required argument '%s' (pos %zu)", s.name, name, i + 1);
      return false;
    }
  }
  if (!unused) return true;
  for (std::size_t i = s.positional_only; i < nargs; ++i) {
    const char* name = s.keywords[i - s.positional_only];
    if (find_keyword(kwnames, values, name)) {
      raise_format(&exc_TypeError, "argument for %s() given by name ('%s') and position (%zu)", s.name, name, i + 1);
      return false;
    }
  }
  for (const Ref& k : tuple_items(kwnames)) {
    bool known = false;
    for (std::size_t j = 0; j < s.keyword_count; ++j) known = known || str_view(k) == s.keywords[j];
    if (!known) {
      const std::string_view n = str_view(k);
      raise_format(&exc_TypeError, "'%.*s' is an invalid keyword argument for %s()", static_cast<int>(n.size()),
                   n.data(), s.name);
      return false;
    }
  }
  return true;
}

using math_detail::one_argument;
using math_detail::positional_arguments;

constexpr double kPi = 3.141592653589793238462643383279502884;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A special method of a program's class. CPython looks these up on the
// type, not the instance; builtin types have none that matter here.
Obj special_method(Obj o, const char* name) {
  if (!(o.type()->flags & kTypeUser)) return Obj();
  Ref key = str_intern(name);
  return type_lookup(o.type(), key);
}

// A float argument as CPython takes one (PyFloat_AsDouble): a float, an
// int (OverflowError when too large), an object with __float__ (which must
// return a float) or else with __index__.
bool real_value(Obj o, double& out) {
  if (is_float(o)) {
    out = float_value(o);
    return true;
  }
  if (is_int(o)) return int_to_double(o, out);
  if (Obj f = special_method(o, "__float__")) {
    Ref r = call1(f, o);
    if (!r) return false;
    if (!is_float(r)) {
      raise_format(&exc_TypeError, "%s.__float__ returned non-float (type %s)", type_name(o), type_name(r));
      return false;
    }
    out = float_value(r);
    return true;
  }
  if (special_method(o, "__index__")) {
    Ref i = index_object(o);
    return i && int_to_double(i, out);
  }
  raise_format(&exc_TypeError, "must be real number, not %s", type_name(o));
  return false;
}

Ref float_pair(double a, double b) {
  Ref x = float_from(a), y = float_from(b);
  return tuple_of({x, y});
}

// --- errors: how CPython turns libm's results into exceptions ---

Ref domain_error() { return raise_message(&exc_ValueError, "math domain error"); }
Ref range_error() { return raise_message(&exc_OverflowError, "math range error"); }

// CPython's is_error: errno is set after a call that returned r. True when
// that is an error (and raised). ERANGE is also how libms report underflow,
// so only a result at least 1.5 in magnitude is an overflow (expm1
// underflows towards -1, not 0).
bool errno_is_error(double r) {
  const int err = errno;
  if (err == EDOM) {
    domain_error();
  } else if (err == ERANGE) {
    if (std::fabs(r) < 1.5) return false;
    range_error();
  } else {
    raise_format(&exc_ValueError, "[Errno %d] %s", err, std::strerror(err));
  }
  return true;
}

// How a one-argument function's failures show (CPython's math_1, math_1a).
enum class Check : std::uint8_t {
  kPole,      // NaN from a non-NaN argument, or an infinity from a finite one: ValueError
  kOverflow,  // the same, but an infinity from a finite argument is OverflowError
  kErrno,     // only what the function reports in errno
};

bool math_1_value(Obj arg, double (*f)(double), Check check, double& out) {
  double x;
  if (!real_value(arg, x)) return false;
  errno = 0;
  out = f(x);
  if (check == Check::kErrno) return !(errno && errno_is_error(out));
  if (std::isnan(out) && !std::isnan(x)) {
    domain_error();
    return false;
  }
  if (std::isinf(out) && std::isfinite(x)) {
    check == Check::kOverflow ? range_error() : domain_error();
    return false;
  }
  return !(std::isfinite(out) && errno && errno_is_error(out));
}

Ref math_1(Obj arg, double (*f)(double), Check check) {
  double r;
  if (!math_1_value(arg, f, check, r)) return Ref();
  return float_from(r);
}

// CPython's math_2: NaN from non-NaN arguments is a domain error, an
// infinity from finite ones an overflow.
Ref math_2(Obj a, Obj b, double (*f)(double, double)) {
  double x, y;
  if (!real_value(a, x) || !real_value(b, y)) return Ref();
  errno = 0;
  const double r = f(x, y);
  if (std::isnan(r))
    errno = !std::isnan(x) && !std::isnan(y) ? EDOM : 0;
  else if (std::isinf(r))
    errno = std::isfinite(x) && std::isfinite(y) ? ERANGE : 0;
  if (errno && errno_is_error(r)) return Ref();
  return float_from(r);
}

// --- functions CPython computes itself rather than trusting the platform ---

// sin(pi * x), exact at integers and half-integers (gamma's reflection).
double sin_pi(double x) {
  const double y = std::fmod(std::fabs(x), 2.0);
  double r = 0.0;
  switch (static_cast<int>(std::round(2.0 * y))) {
    case 0: r = std::sin(kPi * y); break;
    case 1: r = std::cos(kPi * (y - 0.5)); break;
    case 2: r = std::sin(kPi * (1.0 - y)); break;  // not -sin(pi*(y-1)): that is -0.0 at y == 1
    case 3: r = -std::cos(kPi * (y - 1.5)); break;
    case 4: r = std::sin(kPi * (y - 2.0)); break;
  }
  return std::copysign(1.0, x) * r;
}

// Lanczos' approximation with Boost's parameters (N = 13, g as below), as a
// rational function; CPython's coefficients, to the last bit.
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
constexpr double kLogPi = 1.144729885849400174143427351353058711647;
constexpr double kLanczosNum[13] = {
    23531376880.41076, 42919803642.6491,   35711959237.35567,  17921034426.03721,  6039542586.352028,
    1439720407.3117216, 248874557.86205417, 31426415.585400194, 2876370.6289353725, 186056.26539522348,
    8071.672002365816, 210.82427775157936,  2.5066282746310002};
// The denominator is x(x+1)...(x+11).
constexpr double kLanczosDen[13] = {0.0,      39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
                                    2637558.0, 357423.0,   32670.0,     1925.0,      66.0,        1.0};

double lanczos_sum(double x) {
  double num = 0.0, den = 0.0;
  // Large x as a rational function of 1/x, which neither overflows nor
  // loses as much accuracy.
  if (x < 5.0) {
    for (int i = 12; i >= 0; --i) {
      num = num * x + kLanczosNum[i];
      den = den * x + kLanczosDen[i];
    }
  } else {
    for (int i = 0; i < 13; ++i) {
      num = num / x + kLanczosNum[i];
      den = den / x + kLanczosDen[i];
    }
  }
  return num / den;
}

// gamma: exact factorials for small integers, Lanczos with a correction
// for the rounding of x + g - 0.5 elsewhere, the reflection formula for
// negative x. Reports EDOM and ERANGE in errno, as CPython's m_tgamma.
double tgamma_value(double x) {
  if (!std::isfinite(x)) {
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return kNaN;
  }
  if (x == 0.0) {
    errno = EDOM;
    return std::copysign(kInf, x);
  }
  if (x == std::floor(x)) {
    if (x < 0.0) {
      errno = EDOM;
      return kNaN;
    }
    if (x <= 23.0) {
      double factorial = 1.0;  // (x-1)!, exact up to 22!
      for (int i = 2; i < static_cast<int>(x); ++i) factorial *= i;
      return factorial;
    }
  }
  const double absx = std::fabs(x);
  if (absx < 1e-20) {  // gamma(x) ~ 1/x
    const double r = 1.0 / x;
    if (std::isinf(r)) errno = ERANGE;
    return r;
  }
  if (absx > 200.0) {  // overflows for x > 200, underflows to +-0 below -200
    if (x < 0.0) return 0.0 / sin_pi(x);
    errno = ERANGE;
    return kInf;
  }
  const double y = absx + kLanczosGMinusHalf;
  // z: the error in computing y, scaled (y - absx - (g - 0.5), exactly).
  double z;
  if (absx > kLanczosGMinusHalf) {
    const double q = y - absx;
    z = q - kLanczosGMinusHalf;
  } else {
    const double q = y - kLanczosGMinusHalf;
    z = q - absx;
  }
  z = z * kLanczosG / y;
  double r;
  if (x < 0.0) {
    r = -kPi / sin_pi(absx) / absx * std::exp(y) / lanczos_sum(absx);
    r -= z * r;
    if (absx < 140.0) {
      r /= std::pow(y, absx - 0.5);
    } else {  // pow(y, absx - 0.5) would overflow: halves
      const double half = std::pow(y, absx / 2.0 - 0.25);
      r /= half;
      r /= half;
    }
  } else {
    r = lanczos_sum(absx) / std::exp(y);
    r += z * r;
    if (absx < 140.0) {
      r *= std::pow(y, absx - 0.5);
    } else {
      const double half = std::pow(y, absx / 2.0 - 0.25);
      r *= half;
      r *= half;
    }
  }
  if (std::isinf(r)) errno = ERANGE;
  return r;
}

// log(abs(gamma(x))), by Lanczos too (CPython's m_lgamma).
double lgamma_value(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? x : kInf;
  if (x == std::floor(x) && x <= 2.0) {
    if (x <= 0.0) {
      errno = EDOM;  // poles at 0, -1, -2, ...
      return kInf;
    }
    return 0.0;  // lgamma(1) == lgamma(2) == 0
  }
  const double absx = std::fabs(x);
  if (absx < 1e-20) return -std::log(absx);
  double r = std::log(lanczos_sum(absx)) - kLanczosG;
  r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
  if (x < 0.0) r = kLogPi - std::log(std::fabs(sin_pi(absx))) - std::log(absx) - r;  // reflection
  if (std::isinf(r)) errno = ERANGE;
  return r;
}

// atan2 with C99's special values decided here, as CPython does.
double atan2_value(double y, double x) {
  if (std::isnan(x) || std::isnan(y)) return kNaN;
  if (std::isinf(y)) {
    if (std::isinf(x)) return std::copysign(std::copysign(1.0, x) == 1.0 ? 0.25 * kPi : 0.75 * kPi, y);
    return std::copysign(0.5 * kPi, y);
  }
  if (std::isinf(x) || y == 0.0) return std::copysign(std::copysign(1.0, x) == 1.0 ? 0.0 : kPi, y);
  return std::atan2(y, x);
}

// IEEE 754 remainder: x - n*y for the integer n nearest x/y (ties to
// even), always exact.
double remainder_value(double x, double y) {
  if (std::isfinite(x) && std::isfinite(y)) {
    if (y == 0.0) return kNaN;
    const double absx = std::fabs(x), absy = std::fabs(y);
    const double m = std::fmod(absx, absy);
    // Compare m with absy - m rather than with 0.5 * absy, which can lose
    // its last bit to underflow; absy - m is exact whenever it matters.
    const double c = absy - m;
    double r;
    if (m < c) {
      r = m;
    } else if (m > c) {
      r = -c;
    } else {
      // A tie: absx = n*absy + m; fmod(0.5*(absx - m), absy) is m when n
      // is odd and 0 when it is even, so this is m or -m as ties-to-even
      // wants (each step exact).
      r = m - 2.0 * std::fmod(0.5 * (absx - m), absy);
    }
    return std::copysign(1.0, x) * r;
  }
  if (std::isnan(x)) return x;
  if (std::isnan(y)) return y;
  if (std::isinf(x)) return kNaN;
  return x;  // y is infinite
}

// The logarithms with special values decided here (some platforms differ).
double log_value(double x) {
  if (std::isfinite(x)) {
    if (x > 0.0) return std::log(x);
    errno = EDOM;
    return x == 0.0 ? -kInf : kNaN;
  }
  if (std::isnan(x) || x > 0.0) return x;
  errno = EDOM;
  return kNaN;
}

double log2_value(double x) {
  if (!std::isfinite(x)) {
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return kNaN;
  }
  if (x > 0.0) return std::log2(x);
  errno = EDOM;
  return x == 0.0 ? -kInf : kNaN;
}

double log10_value(double x) {
  if (std::isfinite(x)) {
    if (x > 0.0) return std::log10(x);
    errno = EDOM;
    return x == 0.0 ? -kInf : kNaN;
  }
  if (std::isnan(x) || x > 0.0) return x;
  errno = EDOM;
  return kNaN;
}

// log1p(-0.0) is -0.0 (some libms get the sign wrong; CPython decides it).
double log1p_value(double x) { return x == 0.0 ? x : std::log1p(x); }

// --- the one-argument libm functions ---

struct UnaryFunction {
  const char* name;
  double (*fn)(double);
  Check check;
};

template <const UnaryFunction& F>
Ref unary(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!one_argument(F.name, nargs, kwnames)) return Ref();
  return math_1(args[0], F.fn, F.check);
}

constexpr UnaryFunction kAcos{"acos", [](double x) { return std::acos(x); }, Check::kPole};
constexpr UnaryFunction kAcosh{"acosh", [](double x) { return std::acosh(x); }, Check::kPole};
constexpr UnaryFunction kAsin{"asin", [](double x) { return std::asin(x); }, Check::kPole};
constexpr UnaryFunction kAsinh{"asinh", [](double x) { return std::asinh(x); }, Check::kPole};
constexpr UnaryFunction kAtan{"atan", [](double x) { return std::atan(x); }, Check::kPole};
constexpr UnaryFunction kAtanh{"atanh", [](double x) { return std::atanh(x); }, Check::kPole};
constexpr UnaryFunction kCbrt{"cbrt", [](double x) { return std::cbrt(x); }, Check::kPole};
constexpr UnaryFunction kCos{"cos", [](double x) { return std::cos(x); }, Check::kPole};
constexpr UnaryFunction kCosh{"cosh", [](double x) { return std::cosh(x); }, Check::kOverflow};
constexpr UnaryFunction kErf{"erf", [](double x) { return std::erf(x); }, Check::kErrno};
constexpr UnaryFunction kErfc{"erfc", [](double x) { return std::erfc(x); }, Check::kErrno};
constexpr UnaryFunction kExp{"exp", [](double x) { return std::exp(x); }, Check::kOverflow};
constexpr UnaryFunction kExp2{"exp2", [](double x) { return std::exp2(x); }, Check::kOverflow};
constexpr UnaryFunction kExpm1{"expm1", [](double x) { return std::expm1(x); }, Check::kOverflow};
constexpr UnaryFunction kFabs{"fabs", [](double x) { return std::fabs(x); }, Check::kPole};
constexpr UnaryFunction kGamma{"gamma", tgamma_value, Check::kErrno};
constexpr UnaryFunction kLgamma{"lgamma", lgamma_value, Check::kErrno};
constexpr UnaryFunction kLog1p{"log1p", log1p_value, Check::kPole};
constexpr UnaryFunction kSin{"sin", [](double x) { return std::sin(x); }, Check::kPole};
constexpr UnaryFunction kSinh{"sinh", [](double x) { return std::sinh(x); }, Check::kOverflow};
constexpr UnaryFunction kSqrt{"sqrt", [](double x) { return std::sqrt(x); }, Check::kPole};
constexpr UnaryFunction kTan{"tan", [](double x) { return std::tan(x); }, Check::kPole};
constexpr UnaryFunction kTanh{"tanh", [](double x) { return std::tanh(x); }, Check::kPole};

// --- two-argument functions ---

struct BinaryFunction {
  const char* name;
  double (*fn)(double, double);
};

template <const BinaryFunction& F>
Ref binary_fn(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!positional_arguments(F.name, nargs, kwnames, 2, 2)) return Ref();
  return math_2(args[0], args[1], F.fn);
}

constexpr BinaryFunction kAtan2{"atan2", atan2_value};
constexpr BinaryFunction kCopysign{"copysign", [](double x, double y) { return std::copysign(x, y); }};
constexpr BinaryFunction kRemainder{"remainder", remainder_value};

Ref math_fmod(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double x, y;
  if (!positional_arguments("fmod", nargs, kwnames, 2, 2) || !real_value(args[0], x) || !real_value(args[1], y))
    return Ref();
  if (std::isinf(y) && std::isfinite(x)) return float_from(x);  // fmod(x, +-inf) is x
  errno = 0;
  const double r = std::fmod(x, y);
  if (std::isnan(r)) errno = !std::isnan(x) && !std::isnan(y) ? EDOM : 0;
  if (errno && errno_is_error(r)) return Ref();
  return float_from(r);
}

// math.pow: C99's special values decided here; for finite arguments an
// infinite result is a pole (0.0 ** negative: ValueError) or an overflow.
Ref math_pow(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double x, y;
  if (!positional_arguments("pow", nargs, kwnames, 2, 2) || !real_value(args[0], x) || !real_value(args[1], y))
    return Ref();
  double r;
  errno = 0;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    if (std::isnan(x)) {
      r = y == 0.0 ? 1.0 : x;
    } else if (std::isnan(y)) {
      r = x == 1.0 ? 1.0 : y;
    } else if (std::isinf(x)) {
      const bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0.0)
        r = odd_y ? x : std::fabs(x);
      else if (y == 0.0)
        r = 1.0;
      else
        r = odd_y ? std::copysign(0.0, x) : 0.0;
    } else if (std::fabs(x) == 1.0) {  // y is infinite from here on
      r = 1.0;
    } else if (y > 0.0 && std::fabs(x) > 1.0) {
      r = y;
    } else if (y < 0.0 && std::fabs(x) < 1.0) {
      r = -y;
    } else {
      r = 0.0;
    }
    errno = 0;
  } else {
    r = std::pow(x, y);
    if (std::isnan(r))
      errno = EDOM;  // negative ** non-integer
    else if (std::isinf(r))
      errno = x == 0.0 ? EDOM : ERANGE;
  }
  if (errno && errno_is_error(r)) return Ref();
  return float_from(r);
}

Ref math_nextafter(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double x, y;
  if (!positional_arguments("nextafter", nargs, kwnames, 2, 2) || !real_value(args[0], x) ||
      !real_value(args[1], y))
    return Ref();
  return float_from(std::nextafter(x, y));
}

// --- float in, something else out ---

// int(v) for a float: Python's errors for infinities and NaNs.
Ref int_of_float(double v) {
  if (std::isnan(v)) return raise_message(&exc_ValueError, "cannot convert float NaN to integer");
  if (std::isinf(v)) return raise_message(&exc_OverflowError, "cannot convert float infinity to integer");
  if (std::fabs(v) < 9e18) return int_from(static_cast<std::int64_t>(v));
  return int_from_big(BigInt::from_double(v));
}

// An int is its own floor, ceiling and truncation (a bool's is a plain int:
// int.__floor__ returns an exact int).
Ref plain_int(Obj i) { return i.type() == &bool_type ? int_from(i == True() ? 1 : 0) : Ref::borrow(i); }

// floor and ceil: a float directly; an int as itself; a program's class
// by its __floor__ / __ceil__; anything else through float().
Ref round_to_int(const char* name, const char* special, double (*rounding)(double), const Obj* args,
                 std::size_t nargs, Obj kwnames) {
  if (!one_argument(name, nargs, kwnames)) return Ref();
  Obj x = args[0];
  if (is_float(x)) return int_of_float(rounding(float_value(x)));
  if (is_int(x)) return plain_int(x);
  if (Obj method = special_method(x, special)) return call1(method, x);
  double v;
  if (!real_value(x, v)) return Ref();
  return int_of_float(rounding(v));
}

Ref math_floor(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  return round_to_int("floor", "__floor__", [](double v) { return std::floor(v); }, args, nargs, kwnames);
}

Ref math_ceil(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  return round_to_int("ceil", "__ceil__", [](double v) { return std::ceil(v); }, args, nargs, kwnames);
}

// trunc has no float() fallback: only types with __trunc__.
Ref math_trunc(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!one_argument("trunc", nargs, kwnames)) return Ref();
  Obj x = args[0];
  if (is_float(x)) return int_of_float(std::trunc(float_value(x)));
  if (is_int(x)) return plain_int(x);
  if (Obj method = special_method(x, "__trunc__")) return call1(method, x);
  return raise_format(&exc_TypeError, "type %s doesn't define __trunc__ method", type_name(x));
}

Ref math_frexp(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double x;
  if (!one_argument("frexp", nargs, kwnames) || !real_value(args[0], x)) return Ref();
  int e = 0;
  if (std::isfinite(x) && x != 0.0) x = std::frexp(x, &e);  // NaN, infinities and zeros: (x, 0)
  Ref m = float_from(x), exponent = int_from(e);
  return tuple_of({m, exponent});
}

Ref math_ldexp(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double x;
  if (!positional_arguments("ldexp", nargs, kwnames, 2, 2) || !real_value(args[0], x)) return Ref();
  Obj i = args[1];
  if (!is_int(i)) return raise_message(&exc_TypeError, "Expected an int as second argument to ldexp.");
  // An exponent beyond a C long acts as the long's extreme, as in CPython.
  std::int64_t exp;
  if (!int_to_int64(i, exp)) exp = int_to_big(i).negative() ? INT64_MIN : INT64_MAX;
  double r;
  errno = 0;
  if (x == 0.0 || !std::isfinite(x)) {
    r = x;
  } else if (exp > std::numeric_limits<int>::max()) {
    r = std::copysign(kInf, x);
    errno = ERANGE;
  } else if (exp < std::numeric_limits<int>::min()) {
    r = std::copysign(0.0, x);
  } else {
    r = std::ldexp(x, static_cast<int>(exp));
    errno = std::isinf(r) ? ERANGE : 0;
  }
  if (errno && errno_is_error(r)) return Ref();
  return float_from(r);
}

Ref math_modf(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double x;
  if (!one_argument("modf", nargs, kwnames) || !real_value(args[0], x)) return Ref();
  if (std::isinf(x)) return float_pair(std::copysign(0.0, x), x);
  if (std::isnan(x)) return float_pair(x, x);
  double whole;
  const double fraction = std::modf(x, &whole);
  return float_pair(fraction, whole);
}

Ref classify(const char* name, bool (*test)(double), const Obj* args, std::size_t nargs, Obj kwnames) {
  double x;
  if (!one_argument(name, nargs, kwnames) || !real_value(args[0], x)) return Ref();
  return new_ref(Bool(test(x)));
}

Ref math_isfinite(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  return classify("isfinite", [](double x) { return std::isfinite(x); }, args, nargs, kwnames);
}
Ref math_isinf(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  return classify("isinf", [](double x) { return std::isinf(x); }, args, nargs, kwnames);
}
Ref math_isnan(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  return classify("isnan", [](double x) { return std::isnan(x); }, args, nargs, kwnames);
}

// x * (180/pi) and x * (pi/180): one rounding, by a factor rounded once, as
// CPython (not x * 180 / pi).
Ref scale(const char* name, double factor, const Obj* args, std::size_t nargs, Obj kwnames) {
  double x;
  if (!one_argument(name, nargs, kwnames) || !real_value(args[0], x)) return Ref();
  return float_from(x * factor);
}

Ref math_degrees(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  return scale("degrees", 180.0 / kPi, args, nargs, kwnames);
}
Ref math_radians(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  return scale("radians", kPi / 180.0, args, nargs, kwnames);
}

Ref math_ulp(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double x;
  if (!one_argument("ulp", nargs, kwnames) || !real_value(args[0], x)) return Ref();
  if (std::isnan(x)) return float_from(x);
  x = std::fabs(x);
  if (std::isinf(x)) return float_from(x);
  const double up = std::nextafter(x, kInf);
  if (std::isinf(up)) return float_from(x - std::nextafter(x, -kInf));  // x is the largest float
  return float_from(up - x);
}

// a and b close: within rel_tol of the larger magnitude, or abs_tol.
Ref math_isclose(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  static const char* const kKeywords[] = {"a", "b", "rel_tol", "abs_tol"};
  static const ClinicSignature kSignature = {"isclose", 0, 2, 2, kKeywords, 4};
  Obj a[4];
  if (!clinic_arguments(kSignature, args, nargs, kwnames, a)) return Ref();
  double x, y, rel_tol = 1e-09, abs_tol = 0.0;
  if (!real_value(a[0], x) || !real_value(a[1], y)) return Ref();
  if (a[2] && !real_value(a[2], rel_tol)) return Ref();
  if (a[3] && !real_value(a[3], abs_tol)) return Ref();
  if (rel_tol < 0.0 || abs_tol < 0.0) return raise_message(&exc_ValueError, "tolerances must be non-negative");
  if (x == y) return new_ref(True());  // also two infinities of the same sign
  // An infinity is close only to itself (an infinite tolerance otherwise).
  if (std::isinf(x) || std::isinf(y)) return new_ref(False());
  const double diff = std::fabs(y - x);
  return new_ref(Bool(diff <= std::fabs(rel_tol * y) || diff <= std::fabs(rel_tol * x) || diff <= abs_tol));
}

// prod(iterable, /, *, start=1): the generic product, so anything that
// multiplies (prod(['a'], start=3) is 'aaa'). CPython's fast paths for ints
// and floats give the same results.
Ref math_prod(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  static const char* const kKeywords[] = {"start"};
  static const ClinicSignature kSignature = {"prod", 1, 1, 1, kKeywords, 1};
  Obj a[2];
  if (!clinic_arguments(kSignature, args, nargs, kwnames, a)) return Ref();
  Ref it = iter(a[0]);
  if (!it) return it;
  Ref result = a[1] ? Ref::borrow(a[1]) : int_from(1);
  for (;;) {
    Ref item = next(it);
    if (!item) return error_pending() ? Ref() : result;
    result = binary(result, item, BinOp::Mul);
    if (!result) return result;
  }
}

// --- logarithms: of any int, however large ---

// An int too large for a float as x * 2**e, x in [0.5, 1) correctly
// rounded (ties to even), as CPython's _PyLong_Frexp: the top 60 bits with
// a sticky bit for the rest round once in the conversion to double.
double frexp_int(const BigInt& n, std::int64_t& e) {
  const std::int64_t bits = static_cast<std::int64_t>(n.bit_length());
  const BigInt shift(bits - 60);
  BigInt top, back;
  BigInt::shift_right(n, shift, top);
  BigInt::shift_left(top, shift, back);
  if (!(back == n)) top = top | BigInt(1);
  double x = std::ldexp(static_cast<double>(top.to_int64()), -60);
  e = bits;
  if (x == 1.0) {
    x = 0.5;
    ++e;
  }
  return x;
}

// CPython's loghelper: f (log, log2 or log10) of an int of any size (a
// non-positive one is a domain error); other values through math_1.
bool log_helper(Obj arg, double (*f)(double), double& out) {
  if (!is_int(arg)) return math_1_value(arg, f, Check::kPole, out);
  const BigInt n = int_to_big(arg);
  if (n.negative() || n.is_zero()) {
    domain_error();
    return false;
  }
  double x;
  if (n.to_double(x)) {
    out = f(x);
    return true;
  }
  std::int64_t e;
  x = frexp_int(n, e);
  out = f(x) + f(2.0) * static_cast<double>(e);
  return true;
}

Ref math_log(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  // A METH_VARARGS function: CPython words its errors differently.
  if (kwnames && !tuple_items(kwnames).empty())
    return raise_message(&exc_TypeError, "log() takes no keyword arguments");
  if (nargs < 1 || nargs > 2) return raise_message(&exc_TypeError, "math.log requires 1 to 2 arguments");
  double num, den;
  if (!log_helper(args[0], log_value, num)) return Ref();
  if (nargs == 1) return float_from(num);
  if (!log_helper(args[1], log_value, den)) return Ref();
  if (den == 0.0) return raise_message(&exc_ZeroDivisionError, "float division by zero");
  return float_from(num / den);
}

Ref math_log2(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double r;
  if (!one_argument("log2", nargs, kwnames) || !log_helper(args[0], log2_value, r)) return Ref();
  return float_from(r);
}

Ref math_log10(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  double r;
  if (!one_argument("log10", nargs, kwnames) || !log_helper(args[0], log10_value, r)) return Ref();
  return float_from(r);
}

// --- fsum: Shewchuk's exact partial sums, correctly rounded at the end ---

Ref math_fsum(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!one_argument("fsum", nargs, kwnames)) return Ref();
  Ref it = iter(args[0]);
  if (!it) return it;
  // Non-overlapping partial sums in increasing magnitude; hi + lo is
  // exactly x + y at each step (IEEE arithmetic, round half even).
  std::vector<double> partials;
  double special_sum = 0.0, inf_sum = 0.0;
  for (;;) {
    Ref item = next(it);
    if (!item) {
      if (error_pending()) return Ref();
      break;
    }
    double x;
    if (!real_value(item, x)) return Ref();
    const double original = x;
    std::size_t kept = 0;
    for (double y : partials) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      const double hi = x + y;
      const double lo = y - (hi - x);
      if (lo != 0.0) partials[kept++] = lo;
      x = hi;
    }
    partials.resize(kept);
    if (x == 0.0) continue;
    if (std::isfinite(x)) {
      partials.push_back(x);
      continue;
    }
    // A non-finite sum: an infinity or NaN summand, or overflow of finite
    // ones. Specials are summed on their own (inf + -inf is an error).
    if (std::isfinite(original))
      return raise_message(&exc_OverflowError, "intermediate overflow in fsum");
    if (std::isinf(original)) inf_sum += original;
    special_sum += original;
    partials.clear();
  }
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) return raise_message(&exc_ValueError, "-inf + inf in fsum");
    return float_from(special_sum);
  }
  // Add the partials from the top, stopping at the first inexact sum.
  double hi = 0.0;
  std::size_t n = partials.size();
  if (n > 0) {
    hi = partials[--n];
    double lo = 0.0;
    while (n > 0) {
      const double x = hi, y = partials[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) break;
    }
    // Round half to even across partials: when the rest lies on the same
    // side as lo, hi was rounded the wrong way at a tie (fsum([1e-16, 1,
    // 1e16]) is 1e16 + 2).
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      const double y = lo * 2.0;
      const double x = hi + y;
      if (y == x - hi) hi = x;
    }
  }
  return float_from(hi);
}

// --- hypot and dist: CPython's accurate vector norm ---

// sqrt(sum(x*x)) of |coordinates| with max their largest: scaled by a
// power of two (no overflow or underflow, no rounding), each square exact
// as hi*hi + 2*hi*lo + lo*lo (Veltkamp-Dekker split), summed with
// compensation, and the square root corrected by one Newton step. Almost
// always correctly rounded.
double vector_norm(const std::vector<double>& v, double max, bool found_nan) {
  const double kSplit = 134217729.0;  // 2**27 + 1
  if (std::isinf(max)) return max;
  if (found_nan) return kNaN;
  if (max == 0.0 || v.size() <= 1) return max;
  int max_e;
  std::frexp(max, &max_e);
  // csum starts at 1.0, at least every scaled square, so each compensated
  // addition needs no comparison; the 1.0 is subtracted at the end.
  double csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0;
  auto add = [&csum](double x, double& frac) {
    const double old = csum;
    csum += x;
    frac += (old - csum) + x;
  };
  if (max_e < -1023) {  // ldexp(1.0, -max_e) would overflow: divide by max
    for (double x : v) {
      x /= max;
      add(x * x, frac1);
    }
    return max * std::sqrt(csum - 1.0 + frac1);
  }
  const double scale = std::ldexp(1.0, -max_e);
  for (double x : v) {
    x *= scale;
    const double t = x * kSplit;
    const double hi = t - (t - x);
    const double lo = x - hi;
    add(hi * hi, frac1);
    add(2.0 * hi * lo, frac2);
    frac3 += lo * lo;
  }
  const double h = std::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
  // The correction: (sum - h*h) / (2h), with h*h subtracted exactly.
  const double t = h * kSplit;
  const double hi = t - (t - h);
  const double lo = h - hi;
  add(-hi * hi, frac1);
  add(-2.0 * hi * lo, frac2);
  add(-lo * lo, frac3);
  const double x = csum - 1.0 + (frac1 + frac2 + frac3);
  return (h + x / (2.0 * h)) / scale;
}

Ref math_hypot(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!math_detail::no_keyword_arguments("hypot", kwnames)) return Ref();
  std::vector<double> coordinates(nargs);
  double max = 0.0;
  bool found_nan = false;
  for (std::size_t i = 0; i < nargs; ++i) {
    double x;
    if (!real_value(args[i], x)) return Ref();
    x = std::fabs(x);
    coordinates[i] = x;
    found_nan = found_nan || std::isnan(x);
    if (x > max) max = x;
  }
  return float_from(vector_norm(coordinates, max, found_nan));
}

Ref math_dist(Obj, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!positional_arguments("dist", nargs, kwnames, 2, 2)) return Ref();
  Ref p = is_tuple(args[0]) ? Ref::borrow(args[0]) : tuple_from_iterable(args[0]);
  if (!p) return p;
  Ref q = is_tuple(args[1]) ? Ref::borrow(args[1]) : tuple_from_iterable(args[1]);
  if (!q) return q;
  const auto& ps = tuple_items(p);
  const auto& qs = tuple_items(q);
  if (ps.size() != qs.size())
    return raise_message(&exc_ValueError, "both points must have the same number of dimensions");
  std::vector<double> diffs(ps.size());
  double max = 0.0;
  bool found_nan = false;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    double px, qx;
    if (!real_value(ps[i], px) || !real_value(qs[i], qx)) return Ref();
    const double x = std::fabs(px - qx);
    diffs[i] = x;
    found_nan = found_nan || std::isnan(x);
    if (x > max) max = x;
  }
  return float_from(vector_norm(diffs, max, found_nan));
}

}  // namespace

Ref make_math_module() {
  using namespace math_detail;
  // CPython's method table order (the module's __dict__ order), then the
  // constants.
  static const ModuleFunction kFunctions[] = {
      {"acos", unary<kAcos>},       {"acosh", unary<kAcosh>},   {"asin", unary<kAsin>},
      {"asinh", unary<kAsinh>},     {"atan", unary<kAtan>},     {"atan2", binary_fn<kAtan2>},
      {"atanh", unary<kAtanh>},     {"cbrt", unary<kCbrt>},     {"ceil", math_ceil},
      {"copysign", binary_fn<kCopysign>}, {"cos", unary<kCos>}, {"cosh", unary<kCosh>},
      {"degrees", math_degrees},    {"dist", math_dist},        {"erf", unary<kErf>},
      {"erfc", unary<kErfc>},       {"exp", unary<kExp>},       {"exp2", unary<kExp2>},
      {"expm1", unary<kExpm1>},     {"fabs", unary<kFabs>},     {"factorial", math_factorial},
      {"floor", math_floor},        {"fmod", math_fmod},        {"frexp", math_frexp},
      {"fsum", math_fsum},          {"gamma", unary<kGamma>},   {"gcd", math_gcd},
      {"hypot", math_hypot},        {"isclose", math_isclose},  {"isfinite", math_isfinite},
      {"isinf", math_isinf},        {"isnan", math_isnan},      {"isqrt", math_isqrt},
      {"lcm", math_lcm},            {"ldexp", math_ldexp},      {"lgamma", unary<kLgamma>},
      {"log", math_log},            {"log1p", unary<kLog1p>},   {"log10", math_log10},
      {"log2", math_log2},          {"modf", math_modf},        {"pow", math_pow},
      {"radians", math_radians},    {"remainder", binary_fn<kRemainder>}, {"sin", unary<kSin>},
      {"sinh", unary<kSinh>},       {"sqrt", unary<kSqrt>},     {"tan", unary<kTan>},
      {"tanh", unary<kTanh>},       {"trunc", math_trunc},      {"prod", math_prod},
      {"perm", math_perm},          {"comb", math_comb},        {"nextafter", math_nextafter},
      {"ulp", math_ulp},
  };
  Ref m = make_module("math");
  module_add_functions(m, kFunctions);
  const std::pair<const char*, double> constants[] = {
      {"pi", kPi}, {"e", 2.718281828459045235360287471352662498}, {"tau", 2 * kPi}, {"inf", kInf}, {"nan", kNaN}};
  for (const auto& [name, value] : constants) {
    Ref v = float_from(value);
    module_set(m, name, v);
  }
  return m;
}

}  // namespace gen
