#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <string>

#include "test_support.h"

namespace {

using prt::Error;
using prt::ErrorKind;
using prt::Result;

TEST(Error, EveryKindHasADistinctName) {
  const ErrorKind kinds[] = {ErrorKind::Join,          ErrorKind::Cancelled,     ErrorKind::Timeout,
                             ErrorKind::Runtime,       ErrorKind::Spawn,         ErrorKind::Panic,
                             ErrorKind::ChannelClosed, ErrorKind::LockPoisoned,  ErrorKind::PlatformNotSupported,
                             ErrorKind::Io,            ErrorKind::Other,         ErrorKind::Lagged};
  std::set<std::string> names;
  for (ErrorKind k : kinds) names.insert(prt::to_string(k));
  EXPECT_EQ(names.size(), std::size(kinds));
  EXPECT_STREQ(prt::to_string(ErrorKind::Cancelled), "cancelled");
  EXPECT_STREQ(prt::to_string(ErrorKind::PlatformNotSupported), "platform not supported");
}

TEST(Error, CarriesKindContextAndCode) {
  constexpr Error e(ErrorKind::Timeout, "waiting for the answer", 7);
  static_assert(e.kind() == ErrorKind::Timeout);
  EXPECT_TRUE(e.is(ErrorKind::Timeout));
  EXPECT_FALSE(e.is(ErrorKind::Cancelled));
  EXPECT_STREQ(e.context(), "waiting for the answer");
  EXPECT_EQ(e.code(), 7);
  EXPECT_STREQ(Error(ErrorKind::Other).context(), "");
  EXPECT_TRUE(Error::cancelled().is(ErrorKind::Cancelled));
}

TEST(Error, FormatsKindContextAndOsError) {
  EXPECT_EQ(prt_test::describe(Error(ErrorKind::Timeout, "reading")), "timeout: reading");
  EXPECT_EQ(prt_test::describe(Error(ErrorKind::Cancelled)), "cancelled");
  EXPECT_EQ(prt_test::describe(Error(ErrorKind::ChannelClosed, "lagged", 3)), "channel closed: lagged (3)");
  std::string io = prt_test::describe(Error(ErrorKind::Io, "open", ENOENT));
  EXPECT_EQ(io, std::string("i/o error: open (os error ") + std::to_string(ENOENT) + ": " + std::strerror(ENOENT) + ")");
}

TEST(Error, FormatTruncatesAndReportsTheFullLength) {
  Error e(ErrorKind::Runtime, "a fairly long context string");
  char small[8];
  std::size_t need = e.format(small, sizeof small);
  EXPECT_EQ(need, std::strlen("runtime error: a fairly long context string"));
  EXPECT_EQ(std::strlen(small), sizeof small - 1);
  EXPECT_EQ(e.format(nullptr, 0), need);
}

TEST(Result, HoldsAValueOrAnError) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(static_cast<bool>(good));
  EXPECT_EQ(*good, 42);
  EXPECT_EQ(good.value_or(0), 42);

  Result<int> bad = Error(ErrorKind::Io, "read", EIO);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), EIO);
  EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(Result, MovesAndCopiesItsValue) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(5));
  Result<std::unique_ptr<int>> moved = std::move(r);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(**moved, 5);

  Result<std::string> s = std::string("hello");
  Result<std::string> copy = s;
  EXPECT_EQ(*copy, "hello");
  copy = Error(ErrorKind::Other);
  EXPECT_FALSE(copy.ok());
  copy = s;
  EXPECT_EQ(copy->size(), 5u);
  std::string taken = *std::move(copy);
  EXPECT_EQ(taken, "hello");
}

TEST(Result, DestroysItsValueExactlyOnce) {
  int drops = 0;
  struct Probe {
    int* drops;
    bool live = true;
    explicit Probe(int* d) : drops(d) {}
    Probe(Probe&& o) noexcept : drops(o.drops) { o.live = false; }
    ~Probe() { if (live) ++*drops; }
  };
  {
    Result<Probe> a(std::in_place, &drops);
    Result<Probe> b = std::move(a);
    a = Error(ErrorKind::Other);  // destroys the moved-from Probe (not counted)
  }
  EXPECT_EQ(drops, 1);
}

TEST(Result, VoidResultIsOkOrAnError) {
  Result<void> ok = prt::ok();
  EXPECT_TRUE(ok.ok());
  Result<void> bad = Error(ErrorKind::LockPoisoned, "mutex");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.error().is(ErrorKind::LockPoisoned));
  EXPECT_EQ(sizeof(Result<void>), sizeof(Error));
}

Result<int> parse_positive(int x) {
  if (x <= 0) return Error(ErrorKind::Other, "not positive");
  return x;
}

Result<int> doubled(int x) {
  PRT_TRY(parse_positive(x));
  return 2 * x;
}

TEST(Result, TryReturnsTheFirstError) {
  EXPECT_EQ(*doubled(4), 8);
  Result<int> r = doubled(-1);
  ASSERT_FALSE(r.ok());
  EXPECT_STREQ(r.error().context(), "not positive");
}

}  // namespace
