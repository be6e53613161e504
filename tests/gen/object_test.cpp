// The dynamic object model against CPython 3.11's results (each expected
// string below is what CPython prints for the same expression).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "gen/support/runtime.h"

namespace {

using gen::Obj;
using gen::Ref;

class ObjectTest : public ::testing::Test {
 protected:
  void SetUp() override { gen::init_runtime(); }
  void TearDown() override { EXPECT_FALSE(gen::error_pending()) << gen::format_exception_only(gen::peek_error()); }

  static std::string r(Obj o) {
    if (!o) return "<raised " + take_error() + ">";
    Ref s = gen::repr(o);
    return s ? std::string(gen::str_view(s)) : "<raised " + take_error() + ">";
  }
  static std::string take_error() {
    Ref e = gen::fetch_error();
    return e ? gen::format_exception_only(e) : "nothing";
  }
  static Ref S(const char* s) { return gen::str_from(s); }
  static Ref I(std::int64_t v) { return gen::int_from(v); }
  static Ref method(Obj self, const char* name, std::initializer_list<Obj> args) {
    Ref n = gen::str_intern(name);
    std::vector<Obj> a(args);
    return gen::call_method(self, n, a.data(), a.size());
  }
};

TEST_F(ObjectTest, SmallIntsOverflowIntoBigOnes) {
  Ref big = I(gen::kSmallMax);
  Ref one = I(1);
  Ref sum = gen::binary(big, one, gen::BinOp::Add);
  EXPECT_FALSE(sum.get().is_small());
  EXPECT_EQ(r(sum), "4611686018427387904");
  Ref back = gen::binary(sum, one, gen::BinOp::Sub);
  EXPECT_TRUE(back.get().is_small());  // Invariant I
  Ref p = gen::binary(I(2), I(100), gen::BinOp::Pow);
  EXPECT_EQ(r(p), "1267650600228229401496703205376");
  EXPECT_EQ(r(gen::binary(I(-7), I(2), gen::BinOp::FloorDiv)), "-4");
  EXPECT_EQ(r(gen::binary(I(-7), I(2), gen::BinOp::Mod)), "1");
  EXPECT_EQ(r(gen::binary(I(1), I(3), gen::BinOp::TrueDiv)), "0.3333333333333333");
  EXPECT_EQ(r(gen::binary(I(1), I(0), gen::BinOp::Mod)), "<raised ZeroDivisionError: integer modulo by zero>");
  EXPECT_EQ(r(gen::binary(I(2), I(-1), gen::BinOp::Pow)), "0.5");
}

TEST_F(ObjectTest, MixedArithmeticAndMessages) {
  Ref f = gen::float_from(1.5);
  EXPECT_EQ(r(gen::binary(I(1), f, gen::BinOp::Add)), "2.5");
  EXPECT_EQ(r(gen::binary(S("a"), I(1), gen::BinOp::Add)),
            "<raised TypeError: can only concatenate str (not \"int\") to str>");
  EXPECT_EQ(r(gen::binary(gen::None(), I(1), gen::BinOp::Add)),
            "<raised TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'>");
  EXPECT_EQ(r(gen::binary(S("ab"), I(3), gen::BinOp::Mul)), "'ababab'");
  EXPECT_EQ(r(gen::compare(I(1), S("a"), gen::CmpOp::Lt)),
            "<raised TypeError: '<' not supported between instances of 'int' and 'str'>");
  EXPECT_EQ(r(gen::compare(I(1), gen::float_from(1.0), gen::CmpOp::Eq)), "True");
}

TEST_F(ObjectTest, StrReprAndMethods) {
  EXPECT_EQ(r(S("it's")), "\"it's\"");
  EXPECT_EQ(r(S("both'\"")), "'both\\'\"'");
  EXPECT_EQ(r(S("\x01\x7f\u00a0\u2028\U0001F600")), "'\\x01\\x7f\\xa0\\u2028\U0001F600'");
  Ref s = S("a b  c");
  EXPECT_EQ(r(method(s, "split", {})), "['a', 'b', 'c']");
  Ref space = S(" ");
  EXPECT_EQ(r(method(s, "split", {space})), "['a', 'b', '', 'c']");
  Ref csv = S("a,b,c");
  Ref comma = S(",");
  Ref one = I(1);
  EXPECT_EQ(r(method(csv, "rsplit", {comma, one})), "['a,b', 'c']");
  Ref t = S("hello world foo");
  EXPECT_EQ(r(method(t, "title", {})), "'Hello World Foo'");
  Ref sharp = S("\u00df");
  EXPECT_EQ(r(method(sharp, "upper", {})), "'SS'");
  Ref sigma = S("A\u03a3");
  EXPECT_EQ(r(method(sigma, "lower", {})), "'a\u03c2'");
  Ref abc = S("abc");
  Ref empty = S("");
  Ref dash = S("-");
  EXPECT_EQ(r(method(abc, "replace", {empty, dash})), "'-a-b-c-'");
  Ref two = I(2);
  EXPECT_EQ(r(method(abc, "replace", {empty, dash, two})), "'-a-bc'");
  Ref e_acute = S("\u00e9");
  Ref bar = S("|");
  EXPECT_EQ(r(method(e_acute, "replace", {empty, bar})), "'|\u00e9|'");
  EXPECT_EQ(r(method(empty, "replace", {empty, bar})), "'|'");
  Ref six = I(6);
  EXPECT_EQ(r(method(abc, "center", {six})), "' abc  '");
  Ref eight = I(8), star = S("*");
  EXPECT_EQ(r(method(abc, "center", {eight, star})), "'**abc***'");
  Ref idx = gen::getitem(S("h\u00e9llo"), I(1));
  EXPECT_EQ(r(idx), "'\u00e9'");
}

TEST_F(ObjectTest, FormatSpecMiniLanguage) {
  auto f = [](Obj v, const char* spec) {
    Ref s = gen::format_utf8(v, spec);
    return s ? std::string(gen::str_view(s)) : "<raised " + take_error() + ">";
  };
  EXPECT_EQ(f(I(1234), "08,"), "0,001,234");
  EXPECT_EQ(f(I(1234), "07,"), "001,234");
  EXPECT_EQ(f(I(-1234), "010,"), "-0,001,234");
  EXPECT_EQ(f(I(255), "#010_x"), "0x000_00ff");
  EXPECT_EQ(f(gen::float_from(1.5), "010,.2f"), "000,001.50");
  EXPECT_EQ(f(gen::float_from(1.0), ".3"), "1.0");
  EXPECT_EQ(f(gen::float_from(10.0), ".1"), "1e+01");
  EXPECT_EQ(f(gen::float_from(-0.0), "z.1f"), "0.0");
  EXPECT_EQ(f(gen::float_from(0.5), "%"), "50.000000%");
  EXPECT_EQ(f(gen::float_from(1234567.0), ","), "1,234,567.0");
  EXPECT_EQ(f(gen::True(), ">6"), "     1");
  EXPECT_EQ(f(gen::float_from(12345.678), "g"), "12345.7");
  EXPECT_EQ(f(I(100), ".2%"), "10000.00%");
  Ref fmt = S("%5.2f|%-4d|%x|%r|%s|%03d|%+d|%%|%c");
  Ref args = gen::tuple_of({gen::float_from(3.14159), I(7), I(255), S("a"), gen::None(), I(5), I(3), I(65)});
  EXPECT_EQ(r(gen::str_percent(fmt, args)), "\" 3.14|7   |ff|'a'|None|005|+3|%|A\"");
}

TEST_F(ObjectTest, DictKeepsInsertionOrderAndSetsFollowCPythonsTable) {
  Ref d = gen::make_dict();
  for (int k : {5, 1, 9, 3}) ASSERT_TRUE(gen::dict_set(d, I(k), I(k * k)));
  ASSERT_EQ(gen::dict_del(d, I(1)), 1);
  ASSERT_TRUE(gen::dict_set(d, I(1), I(0)));
  EXPECT_EQ(r(d), "{5: 25, 9: 81, 3: 9, 1: 0}");
  Ref s = gen::make_set();
  for (int k : {5, 13, 21, 100, 3, 8, 1000, 7, 29, 37}) ASSERT_TRUE(gen::set_add(s, I(k)));
  EXPECT_EQ(r(s), "{3, 100, 5, 37, 7, 8, 1000, 13, 21, 29}");
  Ref s2 = gen::make_set();
  for (int k = 20; k > 0; --k) ASSERT_TRUE(gen::set_add(s2, I(k)));
  EXPECT_EQ(r(s2), "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}");
  EXPECT_EQ(r(gen::getitem(d, I(42))), "<raised KeyError: 42>");
}

TEST_F(ObjectTest, ExceptionsCarryTracebackAndContext) {
  static const gen::FrameInfo frame = {"f", "prog.py"};
  gen::raise_message(&gen::exc_ValueError, "bad");
  gen::traceback_here(&frame, 3);
  Ref exc = gen::fetch_error();
  EXPECT_EQ(gen::format_exception_only(exc), "ValueError: bad");
  {
    gen::HandlingScope handling(exc);
    gen::raise_key_error(S("k"));
  }
  Ref second = gen::fetch_error();
  EXPECT_EQ(gen::format_exception_only(second), "KeyError: 'k'");
  EXPECT_EQ(second.get().as<gen::ExceptionObj>()->context.get(), exc.get());
}

// --- the math module, called as a program calls it (import, getattr, call);
// each expected string is CPython 3.11's repr of the result or its error.

Ref math_function(const char* name) {
  Ref module_name = gen::str_intern("math");
  Ref module = gen::import_module(module_name);
  Ref attribute = gen::str_intern(name);
  return module ? gen::getattr(module, attribute) : Ref();
}

std::string shown(Obj o) {
  Ref text = o ? gen::repr(o) : Ref();
  if (text) return std::string(gen::str_view(text));
  Ref e = gen::fetch_error();
  return "<raised " + (e ? gen::format_exception_only(e) : std::string("nothing")) + ">";
}

std::string math_call(const char* name, std::initializer_list<Obj> args,
                      std::initializer_list<std::pair<const char*, Obj>> keywords = {}) {
  Ref f = math_function(name);
  if (!f) return shown(f);
  std::vector<Obj> all(args);
  std::vector<Ref> names;
  for (const auto& [keyword, value] : keywords) {
    names.push_back(gen::str_intern(keyword));
    all.push_back(value);
  }
  Ref kwnames = names.empty() ? Ref() : gen::make_tuple(std::move(names));
  Ref result = gen::call(f, all.data(), args.size(), kwnames);
  return shown(result);
}

Ref F(double v) { return gen::float_from(v); }
Ref N(std::int64_t v) { return gen::int_from(v); }
Ref S(const char* s) { return gen::str_from(s); }
Ref power(std::int64_t base, std::int64_t exponent) {  // base ** exponent, exactly
  gen::BigInt out;
  gen::BigInt::pow(gen::BigInt(base), gen::BigInt(exponent), out);
  return gen::int_from_big(out);
}
constexpr double kInf = HUGE_VAL;

TEST(Math, ConstantsAndEveryPublicName) {
  gen::init_runtime();
  EXPECT_EQ(shown(math_function("pi")), "3.141592653589793");
  EXPECT_EQ(shown(math_function("e")), "2.718281828459045");
  EXPECT_EQ(shown(math_function("tau")), "6.283185307179586");
  EXPECT_EQ(shown(math_function("inf")), "inf");
  EXPECT_EQ(shown(math_function("nan")), "nan");
  for (const char* name :
       {"acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "comb", "copysign", "cos", "cosh",
        "degrees", "dist", "erf", "erfc", "exp", "exp2", "expm1", "fabs", "factorial", "floor", "fmod", "frexp", "fsum",
        "gamma", "gcd", "hypot", "isclose", "isfinite", "isinf", "isnan", "isqrt", "lcm", "ldexp", "lgamma", "log",
        "log10", "log1p", "log2", "modf", "nextafter", "perm", "pow", "prod", "radians", "remainder", "sin", "sinh",
        "sqrt", "tan", "tanh", "trunc", "ulp"})
    EXPECT_EQ(shown(math_function(name)), std::string("<built-in function ") + name + ">");
  EXPECT_FALSE(gen::error_pending());
}

TEST(Math, LibmResultsAndCPythonsErrorRules) {
  gen::init_runtime();
  EXPECT_EQ(math_call("sqrt", {F(2.0)}), "1.4142135623730951");
  EXPECT_EQ(math_call("sqrt", {F(-0.0)}), "-0.0");
  EXPECT_EQ(math_call("sqrt", {N(-1)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("exp", {N(1000)}), "<raised OverflowError: math range error>");
  EXPECT_EQ(math_call("exp", {F(-kInf)}), "0.0");
  EXPECT_EQ(math_call("expm1", {F(-1000.0)}), "-1.0");  // underflow towards -1 is not an error
  EXPECT_EQ(math_call("cosh", {F(1000.0)}), "<raised OverflowError: math range error>");
  EXPECT_EQ(math_call("atanh", {F(1.0)}), "<raised ValueError: math domain error>");  // a pole
  EXPECT_EQ(math_call("acos", {F(1.0000000000000002)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("erfc", {F(30.0)}), "0.0");
  EXPECT_EQ(math_call("cbrt", {F(-8.0)}), "-2.0");
  EXPECT_EQ(math_call("exp2", {F(1024.0)}), "<raised OverflowError: math range error>");
  EXPECT_EQ(math_call("log1p", {F(-0.0)}), "-0.0");
  // gamma and lgamma: CPython's Lanczos implementation, not libm's.
  EXPECT_EQ(math_call("gamma", {F(0.5)}), "1.7724538509055159");
  EXPECT_EQ(math_call("gamma", {F(-1.5)}), "2.3632718012073544");
  EXPECT_EQ(math_call("gamma", {F(171.7)}), "<raised OverflowError: math range error>");
  EXPECT_EQ(math_call("gamma", {F(-2.0)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("gamma", {F(-200.5)}), "-0.0");
  EXPECT_EQ(math_call("lgamma", {F(10.0)}), "12.801827480081467");
  EXPECT_EQ(math_call("lgamma", {F(-2.5)}), "-0.05624371649767457");
  EXPECT_EQ(math_call("lgamma", {N(0)}), "<raised ValueError: math domain error>");
  // Two arguments.
  EXPECT_EQ(math_call("pow", {F(0.0), F(-1.0)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("pow", {F(-8.0), F(1.0 / 3)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("pow", {N(10), N(400)}), "<raised OverflowError: math range error>");
  EXPECT_EQ(math_call("pow", {F(NAN), N(0)}), "1.0");
  EXPECT_EQ(math_call("pow", {F(-kInf), N(3)}), "-inf");
  EXPECT_EQ(math_call("pow", {F(-0.5), F(-kInf)}), "inf");
  EXPECT_EQ(math_call("fmod", {N(-7), N(3)}), "-1.0");
  EXPECT_EQ(math_call("fmod", {N(1), N(0)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("fmod", {F(1.5), F(kInf)}), "1.5");
  EXPECT_EQ(math_call("remainder", {N(5), N(2)}), "1.0");  // ties to the even multiple
  EXPECT_EQ(math_call("remainder", {N(7), N(2)}), "-1.0");
  EXPECT_EQ(math_call("remainder", {F(kInf), N(2)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("atan2", {F(-0.0), F(-1.0)}), "-3.141592653589793");
  EXPECT_EQ(math_call("atan2", {F(kInf), F(-kInf)}), "2.356194490192345");
  EXPECT_EQ(math_call("copysign", {N(2), F(-0.0)}), "-2.0");
  EXPECT_EQ(math_call("degrees", {F(3.141592653589793)}), "180.0");
  EXPECT_EQ(math_call("radians", {N(180)}), "3.141592653589793");
  EXPECT_FALSE(gen::error_pending());
}

// A class of the program's with one special method, made as a class
// statement makes it; the method is a native function taking self.
Ref instance_with(const char* method, gen::NativeFn fn) {
  Ref ns = gen::make_dict();
  Ref key = gen::str_intern(method);
  Ref f = gen::make_builtin(method, fn);
  gen::dict_set(ns, key, f);
  Ref cls = gen::make_class("Num", "Num", Obj(), ns);
  return gen::call(cls, nullptr, 0);
}

TEST(Math, ArgumentsAsCPythonConvertsThem) {
  gen::init_runtime();
  EXPECT_EQ(math_call("sqrt", {gen::True()}), "1.0");
  EXPECT_EQ(math_call("sqrt", {power(10, 400)}), "<raised OverflowError: int too large to convert to float>");
  EXPECT_EQ(math_call("sqrt", {S("a")}), "<raised TypeError: must be real number, not str>");
  EXPECT_EQ(math_call("sqrt", {gen::None()}), "<raised TypeError: must be real number, not NoneType>");
  Ref with_float = instance_with("__float__", [](Obj, const Obj*, std::size_t, Obj) { return gen::float_from(6.25); });
  EXPECT_EQ(math_call("sqrt", {with_float}), "2.5");
  EXPECT_EQ(math_call("floor", {with_float}), "6");
  EXPECT_EQ(math_call("trunc", {with_float}), "<raised TypeError: type Num doesn't define __trunc__ method>");
  EXPECT_EQ(math_call("factorial", {with_float}),
            "<raised TypeError: 'Num' object cannot be interpreted as an integer>");
  Ref bad_float = instance_with("__float__", [](Obj, const Obj*, std::size_t, Obj) { return gen::int_from(2); });
  EXPECT_EQ(math_call("exp", {bad_float}), "<raised TypeError: Num.__float__ returned non-float (type int)>");
  Ref with_index = instance_with("__index__", [](Obj, const Obj*, std::size_t, Obj) { return gen::int_from(7); });
  EXPECT_EQ(math_call("sqrt", {with_index}), "2.6457513110645907");
  EXPECT_EQ(math_call("factorial", {with_index}), "5040");
  EXPECT_EQ(math_call("gcd", {with_index, N(14)}), "7");
  EXPECT_EQ(math_call("ldexp", {F(1.0), with_index}),
            "<raised TypeError: Expected an int as second argument to ldexp.>");
  Ref with_floor =
      instance_with("__floor__", [](Obj, const Obj*, std::size_t, Obj) { return gen::str_from("floor!"); });
  EXPECT_EQ(math_call("floor", {with_floor}), "'floor!'");
  EXPECT_EQ(math_call("ceil", {with_floor}), "<raised TypeError: must be real number, not Num>");
  EXPECT_FALSE(gen::error_pending());
}

TEST(Math, FloorCeilTruncGiveInts) {
  gen::init_runtime();
  EXPECT_EQ(math_call("floor", {F(-2.5)}), "-3");
  EXPECT_EQ(math_call("ceil", {F(-2.5)}), "-2");
  EXPECT_EQ(math_call("trunc", {F(-2.7)}), "-2");
  EXPECT_EQ(math_call("floor", {F(1e22)}), "10000000000000000000000");
  EXPECT_EQ(math_call("ceil", {power(10, 30)}), "1000000000000000000000000000000");
  EXPECT_EQ(math_call("floor", {gen::True()}), "1");
  EXPECT_EQ(math_call("floor", {F(kInf)}), "<raised OverflowError: cannot convert float infinity to integer>");
  EXPECT_EQ(math_call("ceil", {F(NAN)}), "<raised ValueError: cannot convert float NaN to integer>");
  EXPECT_EQ(math_call("trunc", {S("x")}), "<raised TypeError: type str doesn't define __trunc__ method>");
  EXPECT_FALSE(gen::error_pending());
}

TEST(Math, LogarithmsOfAnyInt) {
  gen::init_runtime();
  EXPECT_EQ(math_call("log", {power(10, 400)}), "921.0340371976182");
  EXPECT_EQ(math_call("log", {power(10, 400), N(10)}), "399.99999999999994");
  EXPECT_EQ(math_call("log2", {power(2, 2000)}), "2000.0");
  EXPECT_EQ(math_call("log10", {power(10, 400)}), "400.0");
  EXPECT_EQ(math_call("log", {F(8.0), N(2)}), "3.0");
  EXPECT_EQ(math_call("log", {N(0)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("log", {power(-10, 401)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("log", {F(0.0)}), "<raised ValueError: math domain error>");
  EXPECT_EQ(math_call("log", {N(2), N(1)}), "<raised ZeroDivisionError: float division by zero>");
  EXPECT_EQ(math_call("log", {}), "<raised TypeError: math.log requires 1 to 2 arguments>");
  EXPECT_FALSE(gen::error_pending());
}

TEST(Math, IntegerFunctionsAreExact) {
  gen::init_runtime();
  EXPECT_EQ(math_call("factorial", {N(30)}), "265252859812191058636308480000000");
  EXPECT_EQ(math_call("factorial", {N(-1)}), "<raised ValueError: factorial() not defined for negative values>");
  EXPECT_EQ(math_call("factorial", {F(2.0)}), "<raised TypeError: 'float' object cannot be interpreted as an integer>");
  EXPECT_EQ(math_call("factorial", {power(10, 30)}),
            "<raised OverflowError: factorial() argument should not exceed 9223372036854775807>");
  EXPECT_EQ(math_call("gcd", {}), "0");
  EXPECT_EQ(math_call("gcd", {N(-12)}), "12");
  EXPECT_EQ(math_call("gcd", {N(12), N(-18), N(27)}), "3");
  EXPECT_EQ(math_call("gcd", {power(10, 400), power(6, 100)}), "1267650600228229401496703205376");
  EXPECT_EQ(math_call("gcd", {N(1), S("a")}), "<raised TypeError: 'str' object cannot be interpreted as an integer>");
  EXPECT_EQ(math_call("lcm", {N(4), N(6), N(10)}), "60");
  EXPECT_EQ(math_call("lcm", {N(-4), N(6)}), "12");
  EXPECT_EQ(math_call("lcm", {N(0), S("a")}), "<raised TypeError: 'str' object cannot be interpreted as an integer>");
  EXPECT_EQ(math_call("isqrt", {power(10, 20)}), "10000000000");
  EXPECT_EQ(math_call("isqrt", {power(10, 41)}), "316227766016837933199");
  Ref square = gen::binary(power(10, 30), N(1), gen::BinOp::Add);
  Ref below = gen::binary(gen::binary(square, square, gen::BinOp::Mul), N(1), gen::BinOp::Sub);
  EXPECT_EQ(math_call("isqrt", {below}), "1000000000000000000000000000000");
  EXPECT_EQ(math_call("isqrt", {N(-1)}), "<raised ValueError: isqrt() argument must be nonnegative>");
  EXPECT_EQ(math_call("comb", {N(52), N(5)}), "2598960");
  EXPECT_EQ(math_call("comb", {power(10, 30), N(3)}),
            "166666666666666666666666666666166666666666666666666666666667000000000000000000000000000000");
  EXPECT_EQ(math_call("comb", {N(5), N(7)}), "0");
  EXPECT_EQ(math_call("comb", {N(-1), N(2)}), "<raised ValueError: n must be a non-negative integer>");
  EXPECT_EQ(math_call("comb", {power(10, 30), power(10, 20)}),
            "<raised OverflowError: min(n - k, k) must not exceed 9223372036854775807>");
  EXPECT_EQ(math_call("perm", {N(5), N(2)}), "20");
  EXPECT_EQ(math_call("perm", {N(5)}), "120");
  EXPECT_EQ(math_call("perm", {N(3), N(-2)}), "<raised ValueError: k must be a non-negative integer>");
  EXPECT_EQ(math_call("perm", {}), "<raised TypeError: perm expected at least 1 argument, got 0>");
  EXPECT_FALSE(gen::error_pending());
}

TEST(Math, AccurateSumsAndNorms) {
  gen::init_runtime();
  auto list = [](std::initializer_list<double> values) {
    std::vector<Ref> items;
    for (double v : values) items.push_back(gen::float_from(v));
    return gen::make_list(std::move(items));
  };
  EXPECT_EQ(math_call("fsum", {list({0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1})}), "1.0");
  EXPECT_EQ(math_call("fsum", {list({1e-16, 1.0, 1e16})}), "1.0000000000000002e+16");
  EXPECT_EQ(math_call("fsum", {list({1e308, 1e308})}), "<raised OverflowError: intermediate overflow in fsum>");
  EXPECT_EQ(math_call("fsum", {list({kInf, -kInf})}), "<raised ValueError: -inf + inf in fsum>");
  EXPECT_EQ(math_call("hypot", {}), "0.0");
  EXPECT_EQ(math_call("hypot", {N(3), N(4)}), "5.0");
  EXPECT_EQ(math_call("hypot", {F(1e308), F(1e308)}), "1.4142135623730951e+308");
  EXPECT_EQ(math_call("hypot", {F(NAN), F(-kInf)}), "inf");
  EXPECT_EQ(math_call("dist", {list({0.0, 0.0}), list({3.0, 4.0})}), "5.0");
  EXPECT_EQ(math_call("dist", {list({1.0}), list({1.0, 2.0})}),
            "<raised ValueError: both points must have the same number of dimensions>");
  EXPECT_EQ(math_call("prod", {list({1.5, 2.0, 4.0})}), "12.0");
  EXPECT_EQ(math_call("prod", {list({})}, {{"start", S("ab")}}), "'ab'");
  EXPECT_FALSE(gen::error_pending());
}

TEST(Math, ArgumentCountsAndKeywordsInCPythonsWords) {
  gen::init_runtime();
  EXPECT_EQ(math_call("sqrt", {}), "<raised TypeError: math.sqrt() takes exactly one argument (0 given)>");
  EXPECT_EQ(math_call("sqrt", {N(1), N(2)}), "<raised TypeError: math.sqrt() takes exactly one argument (2 given)>");
  EXPECT_EQ(math_call("sqrt", {}, {{"x", N(1)}}), "<raised TypeError: math.sqrt() takes no keyword arguments>");
  EXPECT_EQ(math_call("atan2", {N(1)}), "<raised TypeError: atan2 expected 2 arguments, got 1>");
  EXPECT_EQ(math_call("log", {N(1)}, {{"base", N(2)}}), "<raised TypeError: log() takes no keyword arguments>");
  EXPECT_EQ(math_call("isclose", {F(1.0), F(1.1)}, {{"rel_tol", F(0.1)}}), "True");
  EXPECT_EQ(math_call("isclose", {F(1.0), F(1.1)}), "False");
  EXPECT_EQ(math_call("isclose", {}, {{"a", N(1)}, {"b", N(1)}}), "True");
  EXPECT_EQ(math_call("isclose", {N(1), N(2), N(3)}),
            "<raised TypeError: isclose() takes exactly 2 positional arguments (3 given)>");
  EXPECT_EQ(math_call("isclose", {N(1)}, {{"a", N(1)}}),
            "<raised TypeError: isclose() missing required argument 'b' (pos 2)>");
  EXPECT_EQ(math_call("isclose", {N(1), N(2)}, {{"z", N(1)}}),
            "<raised TypeError: 'z' is an invalid keyword argument for isclose()>");
  EXPECT_EQ(math_call("isclose", {N(1), N(2)}, {{"abs_tol", F(-1.0)}}),
            "<raised ValueError: tolerances must be non-negative>");
  EXPECT_EQ(math_call("prod", {}), "<raised TypeError: prod() takes exactly 1 positional argument (0 given)>");
  EXPECT_EQ(math_call("prod", {N(1), N(2), N(3)}), "<raised TypeError: prod() takes at most 2 arguments (3 given)>");
  EXPECT_FALSE(gen::error_pending());
}

TEST(Math, FloatDecomposition) {
  gen::init_runtime();
  EXPECT_EQ(math_call("frexp", {F(12.0)}), "(0.75, 4)");
  EXPECT_EQ(math_call("frexp", {F(-kInf)}), "(-inf, 0)");
  EXPECT_EQ(math_call("ldexp", {F(0.75), N(4)}), "12.0");
  EXPECT_EQ(math_call("ldexp", {F(1.0), power(10, 400)}), "<raised OverflowError: math range error>");
  EXPECT_EQ(math_call("ldexp", {F(-1.0), power(-10, 401)}), "-0.0");
  EXPECT_EQ(math_call("ldexp", {F(1.0), F(2.0)}), "<raised TypeError: Expected an int as second argument to ldexp.>");
  EXPECT_EQ(math_call("modf", {F(-3.75)}), "(-0.75, -3.0)");
  EXPECT_EQ(math_call("modf", {F(-kInf)}), "(-0.0, -inf)");
  EXPECT_EQ(math_call("ulp", {F(1.0)}), "2.220446049250313e-16");
  EXPECT_EQ(math_call("ulp", {F(1.7976931348623157e308)}), "1.99584030953472e+292");
  EXPECT_EQ(math_call("nextafter", {F(1.0), F(2.0)}), "1.0000000000000002");
  EXPECT_EQ(math_call("nextafter", {F(0.0), F(-1.0)}), "-5e-324");
  EXPECT_EQ(math_call("isinf", {power(10, 400)}), "<raised OverflowError: int too large to convert to float>");
  EXPECT_EQ(math_call("isnan", {F(NAN)}), "True");
  EXPECT_EQ(math_call("isfinite", {N(10)}), "True");
  EXPECT_FALSE(gen::error_pending());
}

}  // namespace

// x ** 0.5 takes sqrt where it provably equals pow(x, 0.5) (numbers.cpp,
// sqrt_matches_pow_half). It must give pow's bits everywhere, including the
// inputs (about 1 in 1,200) where sqrt and pow differ in the last bit.
TEST(FloatPow, HalfPowerIsPowsResultBitForBit) {
  std::uint64_t state = 0x9e3779b97f4a7c15u;
  auto next = [&state] {  // splitmix64
    std::uint64_t z = (state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  };
  long sqrt_differs = 0;
  for (long i = 0; i < 3'000'000; ++i) {
    // Half the inputs near 1 (exponents -100..100), half over all doubles.
    std::uint64_t bits = next();
    if (i & 1)
      bits = (bits & 0x000fffffffffffffu) | (static_cast<std::uint64_t>(1023 - 100 + static_cast<int>(next() % 201)) << 52);
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (x >= 0 && std::sqrt(x) != std::pow(x, 0.5)) ++sqrt_differs;
    double got = 0;
    const bool ok = gen::float_pow_value(x, 0.5, got);
    if (x < 0) {  // complex results are refused; nothing to compare
      ASSERT_FALSE(ok);
      gen::Ref e = gen::fetch_error();
      continue;
    }
    ASSERT_TRUE(ok) << std::hexfloat << x;
    const double want = std::pow(x, 0.5);
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(got)) << std::hexfloat << x;
    } else {
      ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0) << std::hexfloat << x << ": " << got << " vs pow's " << want;
    }
  }
  // The inputs did reach the cases a plain sqrt gets wrong.
  EXPECT_GT(sqrt_differs, 100);
  const double specials[] = {0.0, -0.0, 1.0, 4.0, 0x1p-1074, 0x1p-1022, 0x1p1023, INFINITY, 2.0, 0x1.fffffffffffffp1023};
  for (double x : specials) {
    double got = 0;
    ASSERT_TRUE(gen::float_pow_value(x, 0.5, got));
    const double want = std::pow(x, 0.5);
    EXPECT_EQ(std::memcmp(&got, &want, sizeof got), 0) << std::hexfloat << x;
  }
}
