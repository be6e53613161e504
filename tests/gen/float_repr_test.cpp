// gen::float_repr against what CPython 3.11 prints for repr(float) (each
// expected string is CPython's output for the value beside it).
#include "gen/support/float_repr.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace {

TEST(FloatRepr, MatchesCPython) {
  const struct {
    double value;
    const char* repr;
  } cases[] = {
      {1e16, "1e+16"},
      {1e15, "1000000000000000.0"},
      {0.1, "0.1"},
      {1e-5, "1e-05"},
      {0.0001, "0.0001"},
      {123456789012345680.0, "1.2345678901234568e+17"},
      {-0.0, "-0.0"},
      {1.5, "1.5"},
      {2.0, "2.0"},
      {1e22, "1e+22"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {100.0, "100.0"},
      {0.30000000000000004, "0.30000000000000004"},
      {std::numeric_limits<double>::infinity(), "inf"},
      {-std::numeric_limits<double>::infinity(), "-inf"},
      {std::nan(""), "nan"},
  };
  for (const auto& c : cases) EXPECT_EQ(gen::float_repr(c.value), c.repr) << c.repr;
}

TEST(FloatRepr, ImaginaryPartsDropTheDotZero) {
  EXPECT_EQ(gen::imaginary_repr(2.0), "2j");
  EXPECT_EQ(gen::imaginary_repr(1.5), "1.5j");
  EXPECT_EQ(gen::imaginary_repr(1e16), "1e+16j");
  EXPECT_EQ(gen::imaginary_repr(std::numeric_limits<double>::infinity()), "infj");
}

}  // namespace
