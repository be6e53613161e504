// gen::BigInt: what Python reports as errors comes back as false, zero has
// one representation, parsing takes Python's literal digits. Arithmetic
// itself is held to Python's int by tests/gen/bigint-parity.
#include "gen/support/bigint.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace {

using gen::BigInt;

BigInt big(const char* digits) {
  BigInt v;
  EXPECT_TRUE(BigInt::parse(digits, 10, v)) << digits;
  return v;
}

TEST(BigInt, ErrorsAreValuesNotExceptions) {
  BigInt q(7), r(7), out(7);
  EXPECT_FALSE(BigInt::divmod(big("10"), BigInt(0), q, r));  // ZeroDivisionError
  EXPECT_EQ(q, BigInt(7));  // untouched
  EXPECT_FALSE(BigInt::shift_left(BigInt(1), BigInt(-1), out));   // ValueError: negative shift count
  EXPECT_FALSE(BigInt::shift_right(BigInt(1), BigInt(-1), out));
  EXPECT_FALSE(BigInt::pow(BigInt(2), BigInt(-1), out));          // a float in Python: not an int result
  EXPECT_FALSE(BigInt::pow_mod(BigInt(2), BigInt(3), BigInt(0), out));  // pow() 3rd argument cannot be 0
  double d = 0;
  BigInt huge;
  ASSERT_TRUE(BigInt::shift_left(BigInt(1), BigInt(1024), huge));
  EXPECT_FALSE(huge.to_double(d));  // OverflowError: int too large to convert to float
  ASSERT_TRUE(BigInt::shift_left(BigInt(1), BigInt(1023), huge));
  EXPECT_TRUE(huge.to_double(d));
}

TEST(BigInt, ZeroIsNeverNegative) {
  const BigInt zero = big("5") - big("5");
  EXPECT_TRUE(zero.is_zero());
  EXPECT_FALSE(zero.negative());
  EXPECT_EQ(zero, -zero);
  EXPECT_EQ((-zero).to_string(), "0");
  BigInt q, r;
  ASSERT_TRUE(BigInt::divmod(big("-6"), big("3"), q, r));
  EXPECT_FALSE(r.negative());
}

TEST(BigInt, ParsesPythonLiteralDigits) {
  BigInt v;
  EXPECT_TRUE(BigInt::parse("1_000_000", 10, v));
  EXPECT_EQ(v, BigInt(1000000));
  EXPECT_TRUE(BigInt::parse("dead_BEEF", 16, v));
  EXPECT_EQ(v, BigInt(0xDEADBEEF));
  EXPECT_TRUE(BigInt::parse("-777", 8, v));
  EXPECT_EQ(v, BigInt(-511));
  for (const char* bad : {"", "_1", "1_", "1__0", "12a", "-", "1 2"}) EXPECT_FALSE(BigInt::parse(bad, 10, v)) << bad;
  EXPECT_FALSE(BigInt::parse("2", 2, v));
}

TEST(BigInt, Int64LimitsRoundTrip) {
  for (std::int64_t v : {INT64_MIN, INT64_MIN + 1, std::int64_t{-1}, std::int64_t{0}, INT64_MAX}) {
    const BigInt b(v);
    ASSERT_TRUE(b.fits_int64()) << v;
    EXPECT_EQ(b.to_int64(), v);
  }
  EXPECT_FALSE((BigInt(INT64_MAX) + BigInt(1)).fits_int64());
  EXPECT_FALSE((BigInt(INT64_MIN) - BigInt(1)).fits_int64());
}

TEST(BigInt, FloorDivisionIdentityHolds) {
  // a == q * b + r, with r of b's sign and smaller than b: for every sign.
  const BigInt values[] = {big("123456789012345678901234567890"), big("-98765432109876543210"), BigInt(7), BigInt(-7),
                           big("4294967296"), big("-18446744073709551617")};
  for (const BigInt& a : values) {
    for (const BigInt& b : values) {
      BigInt q, r;
      ASSERT_TRUE(BigInt::divmod(a, b, q, r));
      EXPECT_EQ(q * b + r, a);
      EXPECT_TRUE(r.is_zero() || r.negative() == b.negative());
      EXPECT_LT(compare(r.negative() ? -r : r, b.negative() ? -b : b), 0);
    }
  }
}

}  // namespace
