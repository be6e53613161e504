// The dynamic object model against CPython 3.11's results (each expected
// string below is what CPython prints for the same expression).
#include <gtest/gtest.h>

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

}  // namespace
