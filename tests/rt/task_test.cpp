// Task<T> on its own: laziness, inline awaiting by symmetric transfer, result
// propagation, frame ownership and allocation failure.
#include <memory>

#include "test_support.h"

namespace {

using prt::Error;
using prt::ErrorKind;
using prt::Result;
using prt::Task;

class TaskTest : public prt_test::LeakChecked {};

Task<int> constant(int v) { co_return v; }

Task<int> add(int a, int b) {
  auto x = co_await constant(a);
  auto y = co_await constant(b);
  if (!x || !y) co_return Error(ErrorKind::Other, "child failed");
  co_return *x + *y;
}

Task<int> fail_with(ErrorKind kind) { co_return Error(kind, "fail_with"); }

Task<int> propagate(ErrorKind kind) {
  auto r = co_await fail_with(kind);
  PRT_CO_TRY(r);
  co_return 1;
}

TEST_F(TaskTest, IsLazyUntilAwaited) {
  int started = 0;
  auto body = [](int* s) -> Task<> {
    ++*s;
    co_return prt::ok();
  };
  {
    Task<> t = body(&started);
    EXPECT_TRUE(t.valid());
    EXPECT_EQ(started, 0);
  }  // destroyed without running
  EXPECT_EQ(started, 0);
}

TEST_F(TaskTest, AwaitedTasksReturnValuesInline) {
  auto r = prt::run(add(20, 22));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 42);
}

TEST_F(TaskTest, ErrorsPropagateWithTry) {
  auto r = prt::run(propagate(ErrorKind::Io));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Io));
  EXPECT_STREQ(r.error().context(), "fail_with");
}

Task<std::unique_ptr<int>> boxed(int v) { co_return std::make_unique<int>(v); }

TEST_F(TaskTest, MoveOnlyResults) {
  auto outer = []() -> Task<int> {
    auto p = co_await boxed(7);
    if (!p) co_return p.error();
    co_return **p;
  };
  EXPECT_EQ(*prt::run(outer()), 7);
}

// A long loop of awaits that each complete without suspending must not grow
// the stack: symmetric transfer is a tail call (see rt/CMakeLists.txt for the
// g++ flag this needs below -O2).
Task<long> sum_to(long n) {
  long total = 0;
  for (long i = 0; i < n; ++i) {
    auto v = co_await constant(static_cast<int>(i & 1));
    total += *v;
  }
  co_return total;
}

TEST_F(TaskTest, DeepSynchronousChainsUseNoStack) {
  auto r = prt::run(sum_to(2'000'000));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1'000'000);
}

Task<int> recurse(int depth) {
  if (depth == 0) co_return 0;
  auto r = co_await recurse(depth - 1);
  co_return *r + 1;
}

TEST_F(TaskTest, DeepRecursionOfAwaits) {
  EXPECT_EQ(*prt::run(recurse(100'000)), 100'000);
}

TEST_F(TaskTest, AwaitingATaskTwiceIsAJoinError) {
  auto body = []() -> Task<int> {
    Task<int> t = constant(3);
    auto first = co_await t;
    auto second = co_await t;
    EXPECT_TRUE(first.ok());
    EXPECT_FALSE(second.ok());
    EXPECT_TRUE(second.error().is(ErrorKind::Join));
    co_return *first;
  };
  EXPECT_EQ(*prt::run(body()), 3);
}

TEST_F(TaskTest, AwaitingAnEmptyTaskIsAnError) {
  auto body = []() -> Task<> {
    Task<int> t = constant(1);
    Task<int> stolen = std::move(t);
    auto r = co_await t;  // NOLINT(bugprone-use-after-move): testing exactly that
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error().is(ErrorKind::Other));
    EXPECT_EQ(*co_await stolen, 1);
    co_return prt::ok();
  };
  EXPECT_TRUE(prt::run(body()).ok());
}

TEST_F(TaskTest, DestroyingAnUnstartedTaskDestroysItsParameters) {
  int drops = 0;
  auto body = [](std::shared_ptr<prt_test::DropCounter> c) -> Task<> {
    (void)c;
    co_return prt::ok();
  };
  {
    auto t = body(std::make_shared<prt_test::DropCounter>(&drops));
    EXPECT_EQ(drops, 0);
  }
  EXPECT_EQ(drops, 1);
}

TEST_F(TaskTest, ReleaseHandsTheFrameToTheCaller) {
  Task<int> t = constant(4);
  auto h = t.release();
  EXPECT_FALSE(t.valid());
  ASSERT_TRUE(h);
  h.resume();  // runs to the final suspend point (no continuation: no-op transfer)
  EXPECT_TRUE(h.done());
  auto r = h.promise().take_result();
  EXPECT_EQ(*r, 4);
  h.destroy();
}

TEST_F(TaskTest, FrameAllocationFailureYieldsAnEmptyTask) {
  prt::detail::inject_frame_alloc_failure(1);
  Task<int> t = constant(5);
  EXPECT_FALSE(t.valid());
  auto outer = [](Task<int> inner) -> Task<> {
    auto r = co_await inner;
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error().is(ErrorKind::Other));
    co_return prt::ok();
  };
  EXPECT_TRUE(prt::run(outer(std::move(t))).ok());
}

TEST_F(TaskTest, SpawningAFailedAllocationReportsSpawnError) {
  auto outer = []() -> Task<> {
    prt::detail::inject_frame_alloc_failure(1);
    auto h = prt::spawn(constant(5));
    auto r = co_await h;
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error().is(ErrorKind::Spawn));
    co_return prt::ok();
  };
  EXPECT_TRUE(prt::run(outer()).ok());
}

TEST_F(TaskTest, VoidTasksKeepTheirOutcomeInTheHeader) {
  // The void result shares the header with the run state: 56 bytes of header
  // on 64-bit targets, whatever a void task returns.
  if (sizeof(void*) == 8) {
    EXPECT_EQ(sizeof(prt::detail::TaskHeader), 56u);
  }
  auto r = prt::run([]() -> Task<> { co_return Error(ErrorKind::Panic, "void task failed"); }());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Panic));
}

}  // namespace
