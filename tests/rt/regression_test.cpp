// Regression tests for defects found in review; each test names the fault it
// guards against.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "rt/timer_wheel.h"
#include "test_support.h"

using namespace std::chrono_literals;

namespace {

using prt::Error;
using prt::ErrorKind;
using prt::JoinHandle;
using prt::Result;
using prt::Task;

class RegressionTest : public prt_test::LeakChecked {};

Task<int> after(prt::Duration d, int v) {
  PRT_CO_TRY(co_await prt::sleep(d));
  co_return v;
}

// The awaiter used to keep a pointer to the JoinHandle object; moving the
// handle (a vector growing) while a task waited on it left that pointer
// dangling.
TEST_F(RegressionTest, AHandleMovedWhileAwaited) {
  auto main_task = []() -> Task<int> {
    auto handles = std::make_shared<std::vector<JoinHandle<int>>>();
    handles->push_back(prt::spawn(after(2ms, 7)));
    auto waiter = prt::spawn([](std::shared_ptr<std::vector<JoinHandle<int>>> v) -> Task<int> {
      co_return co_await (*v)[0];
    }(handles));
    PRT_CO_TRY(co_await prt::yield_now());  // the waiter now waits on (*handles)[0]
    for (int i = 0; i < 64; ++i) handles->push_back(JoinHandle<int>());  // reallocates: the handle moves
    auto r = co_await waiter;
    EXPECT_TRUE((*handles)[0].is_finished());
    auto again = co_await (*handles)[0];  // the waiter took the result through the moved handle
    EXPECT_TRUE(again.error().is(ErrorKind::Join));
    co_return r;
  };
  auto r = prt::run(main_task());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(*r, 7);
}

// Replacing (dropping) the awaited handle, then cancelling the waiter, used
// to dereference the emptied handle.
TEST_F(RegressionTest, AHandleDroppedWhileAwaitedThenTheWaiterIsCancelled) {
  auto main_task = []() -> Task<> {
    auto slot = std::make_shared<JoinHandle<int>>(prt::spawn(after(1h, 1)));
    auto waiter = prt::spawn([](std::shared_ptr<JoinHandle<int>> h) -> Task<int> {
      co_return co_await *h;
    }(slot));
    PRT_CO_TRY(co_await prt::yield_now());
    *slot = JoinHandle<int>();  // the awaited task is detached, still awaited
    waiter.abort();             // forwarded to the awaited task
    auto r = co_await waiter;
    EXPECT_TRUE(r.error().is(ErrorKind::Cancelled)) << prt_test::describe(r.error());
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task()).ok());
}

TEST_F(RegressionTest, AHandleDroppedWhileItsFinishedTaskWakesTheWaiter) {
  auto main_task = []() -> Task<> {
    auto slot = std::make_shared<JoinHandle<int>>(prt::spawn([]() -> Task<int> {
      PRT_CO_TRY(co_await prt::yield_now());
      co_return 5;
    }()));
    auto waiter = prt::spawn([](std::shared_ptr<JoinHandle<int>> h) -> Task<int> {
      co_return co_await *h;
    }(slot));
    // Turn 2: the task yields, the waiter parks on it. Turn 3: the task
    // finishes and queues the waiter behind this task, which drops the
    // handle before the waiter runs.
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(co_await prt::yield_now());
    *slot = JoinHandle<int>();
    auto r = co_await waiter;
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.value_or(-1), 5);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task()).ok());
}

// Destroying an IoSource while a task waits on it used to let the waiter read
// the freed source.
#if PRT_TEST_HAS_PIPES
TEST_F(RegressionTest, AnIoSourceDestroyedUnderItsWaiter) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
  auto main_task = [](int rfd) -> Task<> {
    auto src = std::make_shared<std::unique_ptr<prt::IoSource>>(std::make_unique<prt::IoSource>());
    PRT_CO_TRY((*src)->attach(rfd, prt::sys::kReadable));
    auto waiter = prt::spawn([](std::shared_ptr<std::unique_ptr<prt::IoSource>> s) -> Task<> {
      prt::IoSource* raw = s->get();
      co_return co_await raw->readable();
    }(src));
    PRT_CO_TRY(co_await prt::yield_now());
    src->reset();  // destroys the source under the waiting task
    auto r = co_await waiter;
    EXPECT_TRUE(r.error().is(ErrorKind::Io)) << prt_test::describe(r.error());
    co_return prt::ok();
  };
  EXPECT_TRUE(prt::run(main_task(fds[0])).ok());
  close(fds[0]);
  close(fds[1]);
}
#else
PRT_SKIPPED_PIPE_TEST_F(RegressionTest, AnIoSourceDestroyedUnderItsWaiter)
#endif

// An IoSource attached to one runtime used to accept a waiter from another.
#if PRT_TEST_HAS_PIPES
TEST_F(RegressionTest, AnIoSourceRefusesAnotherRuntimesTask) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
  auto a = prt_test::make_runtime();
  auto b = prt_test::make_runtime();
  prt::IoSource src;
  auto h = a.spawn([](prt::IoSource* s, int fd) -> Task<> { co_return s->attach(fd, prt::sys::kReadable); }(&src, fds[0]));
  ASSERT_TRUE(a.block_on([](JoinHandle<void>* hh) -> Task<> { co_return co_await *hh; }(&h)).ok());
  auto r = b.block_on([](prt::IoSource* s) -> Task<> { co_return co_await s->readable(); }(&src));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Runtime));
  EXPECT_EQ(a.stats().tasks_alive, 0u);
  EXPECT_EQ(b.stats().tasks_alive, 0u);
  ASSERT_TRUE(a.block_on([](prt::IoSource* s) -> Task<> {
    s->detach();
    co_return prt::ok();
  }(&src)).ok());
  close(fds[0]);
  close(fds[1]);
}
#else
PRT_SKIPPED_PIPE_TEST_F(RegressionTest, AnIoSourceRefusesAnotherRuntimesTask)
#endif

// Spawning a Task that had already been awaited used to resume a finished
// coroutine.
TEST_F(RegressionTest, SpawningAnAwaitedTaskIsRefused) {
  auto main_task = []() -> Task<> {
    Task<int> t = []() -> Task<int> { co_return 1; }();
    EXPECT_EQ(*co_await t, 1);
    auto h = prt::spawn(std::move(t));
    auto r = co_await h;
    EXPECT_TRUE(r.error().is(ErrorKind::Spawn)) << prt_test::describe(r.error());
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task()).ok());
}

// Cancelling one of two tasks that await each other used to recurse until
// the stack overflowed.
TEST_F(RegressionTest, CancellingAJoinCycle) {
  struct Pair {
    JoinHandle<void> a, b;
  };
  auto main_task = []() -> Task<> {
    auto pair = std::make_shared<Pair>();
    pair->a = prt::spawn([](std::shared_ptr<Pair> p) -> Task<> {
      PRT_CO_TRY(co_await prt::yield_now());
      co_return co_await p->b;
    }(pair));
    pair->b = prt::spawn([](std::shared_ptr<Pair> p) -> Task<> {
      PRT_CO_TRY(co_await prt::yield_now());
      co_return co_await p->a;
    }(pair));
    PRT_CO_TRY(co_await prt::sleep(1ms));  // both now wait on each other
    pair->a.abort();
    // `a` stops waiting and ends Cancelled; `b`, which waits on `a`, sees that
    // outcome and propagates it. (`a`'s outcome went to `b`, its joiner.)
    auto rb = co_await pair->b;
    EXPECT_TRUE(rb.error().is(ErrorKind::Cancelled)) << prt_test::describe(rb.error());
    EXPECT_TRUE(pair->a.is_finished());
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task()).ok());
}

// A long chain of tasks each awaiting the next forwards a cancel without
// recursion.
TEST_F(RegressionTest, CancellingALongJoinChain) {
  constexpr int kChain = 200'000;
  auto main_task = []() -> Task<> {
    JoinHandle<void> next = prt::spawn([]() -> Task<> { co_return co_await prt::sleep(1h); }());
    for (int i = 0; i < kChain; ++i) {
      next = prt::spawn([](JoinHandle<void> h) -> Task<> { co_return co_await h; }(std::move(next)));
    }
    PRT_CO_TRY(co_await prt::sleep(1ms));
    next.abort();
    auto r = co_await next;
    EXPECT_TRUE(r.error().is(ErrorKind::Cancelled));
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task()).ok());
}

// An interval of an enormous period used to wrap its schedule around and
// tick continuously.
TEST_F(RegressionTest, AnIntervalOfTheLargestPeriodSaturates) {
  auto main_task = []() -> Task<> {
    auto iv = prt::interval(prt::Duration::max());
    PRT_CO_TRY(co_await iv.tick());  // the first tick is immediate
    EXPECT_EQ(iv.next_tick(), prt::Instant::max());
    auto second = co_await prt::timeout(2ms, iv.tick());
    EXPECT_TRUE(second.error().is(ErrorKind::Timeout));
    for (auto b : {prt::MissedTickBehavior::Delay, prt::MissedTickBehavior::Skip}) {
      auto iv2 = prt::interval(prt::Duration::max(), b);
      PRT_CO_TRY(co_await iv2.tick());
      EXPECT_EQ(iv2.next_tick(), prt::Instant::max());
      iv2.reset();
      EXPECT_EQ(iv2.next_tick(), prt::Instant::max());
    }
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task()).ok());
}

// A refused nested block_on used to run its task anyway.
TEST_F(RegressionTest, ARefusedNestedBlockOnDoesNotRunItsTask) {
  int ran = 0;
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on([](prt::Runtime* self, int* ran_ptr) -> Task<> {
    auto inner = self->block_on([](int* p) -> Task<> {
      ++*p;
      co_return prt::ok();
    }(ran_ptr));
    EXPECT_TRUE(inner.error().is(ErrorKind::Runtime));
    PRT_CO_TRY(co_await prt::sleep(1ms));
    co_return prt::ok();
  }(&rt, &ran));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ran, 0);
}

// A pending cancel used to replace an error the task returned.
TEST_F(RegressionTest, AReturnedErrorWinsOverAPendingCancel) {
  auto main_task = []() -> Task<> {
    auto self = std::make_shared<JoinHandle<int>>();
    *self = prt::spawn([](std::shared_ptr<JoinHandle<int>> me) -> Task<int> {
      PRT_CO_TRY(co_await prt::yield_now());
      me->abort();  // pending: never reaches an await point
      co_return Error(ErrorKind::Io, "the real failure");
    }(self));
    auto r = co_await *self;
    EXPECT_TRUE(r.error().is(ErrorKind::Io));
    EXPECT_STREQ(r.error().context(), "the real failure");
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task()).ok());
}

// A moved-from Runtime used to crash in stats(); its other calls report
// errors.
TEST_F(RegressionTest, AMovedFromRuntimeIsInert) {
  auto rt = prt_test::make_runtime();
  prt::Runtime other = std::move(rt);
  EXPECT_EQ(rt.stats().tasks_spawned, 0u);  // NOLINT(bugprone-use-after-move): testing exactly that
  auto r = rt.block_on([]() -> Task<int> { co_return 1; }());
  EXPECT_TRUE(r.error().is(ErrorKind::Spawn));
  auto h = rt.spawn([]() -> Task<int> { co_return 1; }());
  EXPECT_TRUE(h.take().error().is(ErrorKind::Spawn));
}

// A timer inserted, already due, by a timer's fire callback used to fire
// within the same advance, contrary to the wheel's documented order.
TEST(RegressionWheel, TimersInsertedDuringAdvanceFireOnTheNextOne) {
  using prt::detail::TimerEntry;
  using prt::detail::TimerWheel;
  using prt::detail::WaitNode;
  using prt::detail::WaitOp;
  struct Entry : TimerEntry {
    std::vector<int>* log;
    int id;
    Entry* rearm = nullptr;
    TimerWheel* wheel = nullptr;
  };
  std::vector<int> log;
  TimerWheel wheel(0);
  auto fire = [](WaitNode* n, WaitOp op) noexcept {
    auto* e = static_cast<Entry*>(static_cast<TimerEntry*>(n));
    if (op != WaitOp::Fire) return true;
    e->log->push_back(e->id);
    if (e->rearm) e->wheel->insert(e->rearm);
    return true;
  };
  constexpr std::int64_t kTick = std::int64_t{1} << TimerWheel::kTickShift;
  Entry a;
  a.fn = fire;
  a.deadline_ns = 5 * kTick;
  a.log = &log;
  a.id = 1;
  Entry b;
  b.fn = fire;
  b.deadline_ns = 12 * kTick;  // due within the same advance(20 ticks)
  b.log = &log;
  b.id = 2;
  a.rearm = &b;
  a.wheel = &wheel;
  wheel.insert(&a);
  EXPECT_EQ(wheel.advance(20 * kTick), 1u);
  EXPECT_EQ(log, (std::vector<int>{1}));
  EXPECT_EQ(wheel.advance(20 * kTick), 1u);
  EXPECT_EQ(log, (std::vector<int>{1, 2}));
}

}  // namespace
