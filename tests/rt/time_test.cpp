// sleep, sleep_until, timeout, timeout_at and interval on a real runtime.
// Timing assertions are one-sided (never early) or generous: these machines
// are shared; precision is measured in bench/rt, not here.
#include <chrono>
#include <string>
#include <vector>

#include "test_support.h"

using namespace std::chrono_literals;

namespace {

using prt::Clock;
using prt::Error;
using prt::ErrorKind;
using prt::Instant;
using prt::JoinHandle;
using prt::Result;
using prt::Task;
using prt_test::DropCounter;
using prt_test::Trace;

class TimeTest : public prt_test::LeakChecked {};

void busy_wait(prt::Duration d) {
  Instant until = Clock::now() + d;
  while (Clock::now() < until) {
  }
}

TEST_F(TimeTest, SleepNeverReturnsEarly) {
  auto body = []() -> Task<> {
    for (auto d : {1ms, 2ms, 20ms}) {
      for (int i = 0; i < 5; ++i) {
        Instant start = Clock::now();
        PRT_CO_TRY(co_await prt::sleep(d));
        EXPECT_GE(Clock::now() - start, d);
      }
    }
    for (auto d : {50us, 300us}) {
      Instant start = Clock::now();
      PRT_CO_TRY(co_await prt::sleep(d));
      EXPECT_GE(Clock::now() - start, d);
    }
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, SleepUntilReachesTheInstant) {
  auto body = []() -> Task<> {
    Instant target = Clock::now() + 3ms;
    PRT_CO_TRY(co_await prt::sleep_until(target));
    EXPECT_GE(Clock::now(), target);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, ShorterSleepsFinishFirst) {
  Trace trace;
  auto sleeper = [](Trace* t, int ms) -> Task<> {
    PRT_CO_TRY(co_await prt::sleep(std::chrono::milliseconds(ms)));
    t->add(std::to_string(ms));
    co_return prt::ok();
  };
  auto main_task = [](Trace* t, decltype(sleeper) s) -> Task<> {
    std::vector<JoinHandle<void>> hs;
    for (int ms : {9, 3, 6, 1}) hs.push_back(prt::spawn(s(t, ms)));
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task(&trace, sleeper)).ok());
  EXPECT_EQ(trace.events, (std::vector<std::string>{"1", "3", "6", "9"}));
}

TEST_F(TimeTest, EqualDeadlinesWakeInInsertionOrder) {
  Trace trace;
  auto sleeper = [](Trace* t, Instant at, std::string name) -> Task<> {
    PRT_CO_TRY(co_await prt::sleep_until(at));
    t->add(name);
    co_return prt::ok();
  };
  auto main_task = [](Trace* t, decltype(sleeper) s) -> Task<> {
    Instant at = Clock::now() + 2ms;
    std::vector<JoinHandle<void>> hs;
    for (const char* n : {"a", "b", "c", "d", "e"}) hs.push_back(prt::spawn(s(t, at, n)));
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task(&trace, sleeper)).ok());
  EXPECT_EQ(trace.events, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
}

TEST_F(TimeTest, SleepZeroIsAYield) {
  Trace trace;
  auto a = [](Trace* t) -> Task<> {
    t->add("a0");
    PRT_CO_TRY(co_await prt::sleep(0ms));
    t->add("a1");
    co_return prt::ok();
  };
  auto b = [](Trace* t) -> Task<> {
    t->add("b0");
    PRT_CO_TRY(co_await prt::yield_now());
    t->add("b1");
    co_return prt::ok();
  };
  auto main_task = [](Trace* t, decltype(a) fa, decltype(b) fb) -> Task<> {
    auto ha = prt::spawn(fa(t));
    auto hb = prt::spawn(fb(t));
    PRT_CO_TRY(co_await ha);
    PRT_CO_TRY(co_await hb);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task(&trace, a, b)).ok());
  EXPECT_EQ(trace.events, (std::vector<std::string>{"a0", "b0", "a1", "b1"}));
}

TEST_F(TimeTest, APastDeadlineFiresOnTheNextTurn) {
  auto body = []() -> Task<> {
    Instant past = Clock::now() - 1s;
    PRT_CO_TRY(co_await prt::sleep_until(past));
    PRT_CO_TRY(co_await prt::sleep_until(Instant{}));  // the clock's epoch
    co_return prt::ok();
  };
  auto rt = prt_test::make_runtime();
  ASSERT_TRUE(rt.block_on(body()).ok());
  EXPECT_EQ(rt.stats().timers_fired, 2u);
}

Task<int> slow_value(int v, prt::Duration d, int* drops) {
  DropCounter c(drops);
  PRT_CO_TRY(co_await prt::sleep(d));
  co_return v;
}

TEST_F(TimeTest, TimeoutThatDoesNotFireReturnsTheValue) {
  int drops = 0;
  auto body = [](int* d) -> Task<int> { co_return co_await prt::timeout(50ms, slow_value(5, 1ms, d)); };
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on(body(&drops));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 5);
  EXPECT_EQ(drops, 1);
  EXPECT_EQ(rt.stats().timers_active, 0u);  // the timeout's timer was removed
}

TEST_F(TimeTest, TimeoutThatFiresCancelsTheOperation) {
  int drops = 0;
  auto body = [](int* d) -> Task<> {
    Instant start = Clock::now();
    auto r = co_await prt::timeout(2ms, slow_value(5, 1h, d));
    EXPECT_GE(Clock::now() - start, 2ms);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error().is(ErrorKind::Timeout)) << prt_test::describe(r.error());
    EXPECT_EQ(*d, 1);  // the operation's locals were destroyed
    // The task was not left cancelled: the next await works.
    PRT_CO_TRY(co_await prt::sleep(1ms));
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body(&drops)).ok());
}

TEST_F(TimeTest, TimeoutAroundAJoinHandleCancelsThatTask) {
  int drops = 0;
  auto body = [](int* d) -> Task<> {
    auto h = prt::spawn(slow_value(1, 1h, d));
    auto r = co_await prt::timeout(2ms, h);  // by reference
    EXPECT_TRUE(r.error().is(ErrorKind::Timeout));
    EXPECT_TRUE(h.is_finished());
    EXPECT_EQ(*d, 1);
    // The timeout consumed the handle's outcome (Cancelled) while waiting for
    // the task to wind down; a JoinHandle yields its outcome once.
    auto again = co_await h;
    EXPECT_TRUE(again.error().is(ErrorKind::Join));
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body(&drops)).ok());
}

TEST_F(TimeTest, TimeoutAroundASleepWithTheSameDeadline) {
  // The timeout's timer is inserted first, fires first, and cancels the sleep
  // whose timer sits in the same firing slot: the sleep never fires.
  auto body = []() -> Task<> {
    Instant at = Clock::now() + 2ms;
    auto r = co_await prt::timeout_at(at, prt::sleep_until(at));
    EXPECT_TRUE(r.error().is(ErrorKind::Timeout));
    co_return prt::ok();
  };
  auto rt = prt_test::make_runtime();
  ASSERT_TRUE(rt.block_on(body()).ok());
  EXPECT_EQ(rt.stats().timers_fired, 1u);
}

TEST_F(TimeTest, NestedTimeoutsBothConvertOnlyTheirOwnCancel) {
  auto body = []() -> Task<> {
    prt::detail::TaskHeader* self = prt::detail::tls_context.current;
    // The inner one fires; the outer passes the inner's Timeout through.
    Instant start = Clock::now();
    auto inner_fires = co_await prt::timeout(1h, prt::timeout(2ms, prt::sleep(1h)));
    EXPECT_TRUE(inner_fires.error().is(ErrorKind::Timeout));
    EXPECT_LT(Clock::now() - start, 1s);
    EXPECT_EQ(self->cancel_count.load(), 0u);
    // The outer one fires; the inner passes the cancellation on unchanged,
    // and the outer turns it into its Timeout.
    auto outer_fires = co_await prt::timeout(2ms, prt::timeout(1h, prt::sleep(1h)));
    EXPECT_TRUE(outer_fires.error().is(ErrorKind::Timeout));
    EXPECT_EQ(self->cancel_count.load(), 0u);
    // Both fire in the same turn (equal deadlines): still one Timeout, and no
    // cancellation is left over for the next await.
    Instant at = Clock::now() + 2ms;
    auto both = co_await prt::timeout_at(at, prt::timeout_at(at, prt::sleep(1h)));
    EXPECT_TRUE(both.error().is(ErrorKind::Timeout));
    EXPECT_EQ(self->cancel_count.load(), 0u);
    PRT_CO_TRY(co_await prt::sleep(1ms));
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, AnAbortDuringATimeoutStaysACancellation) {
  auto main_task = []() -> Task<> {
    auto h = prt::spawn([]() -> Task<> { co_return co_await prt::timeout(1h, prt::sleep(1h)); }());
    PRT_CO_TRY(co_await prt::sleep(1ms));
    h.abort();
    auto r = co_await h;
    EXPECT_TRUE(r.error().is(ErrorKind::Cancelled)) << prt_test::describe(r.error());
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task()).ok());
}

TEST_F(TimeTest, ZeroTimeoutLetsASynchronousOperationFinish) {
  auto body = []() -> Task<> {
    auto quick = co_await prt::timeout(0ms, []() -> Task<int> { co_return 3; }());
    EXPECT_EQ(*quick, 3);
    auto slow = co_await prt::timeout(0ms, prt::sleep(1ms));
    EXPECT_TRUE(slow.error().is(ErrorKind::Timeout));
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, TimeoutOfAnOperationThatSwallowsTheCancel) {
  auto stubborn = []() -> Task<int> {
    auto r = co_await prt::sleep(1h);
    EXPECT_FALSE(r.ok());
    co_return 8;  // ignores the cancellation
  };
  auto body = [](decltype(stubborn) s) -> Task<> {
    auto r = co_await prt::timeout(1ms, s());
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(*r, 8);
    PRT_CO_TRY(co_await prt::sleep(1ms));  // no stray cancel left behind
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body(stubborn)).ok());
}

TEST_F(TimeTest, IntervalBurstCatchesUpOnMissedTicks) {
  auto body = []() -> Task<> {
    auto iv = prt::interval(10ms);
    Instant first = iv.next_tick();
    auto t0 = co_await iv.tick();
    EXPECT_EQ(*t0, first);
    busy_wait(35ms);  // miss three ticks
    Instant before = Clock::now();
    for (int k = 1; k <= 3; ++k) {
      auto t = co_await iv.tick();
      EXPECT_EQ(*t, first + k * 10ms);  // the original schedule
    }
    EXPECT_LT(Clock::now() - before, 10ms);  // back to back
    auto t4 = co_await iv.tick();
    EXPECT_EQ(*t4, first + 40ms);
    EXPECT_GE(Clock::now(), first + 40ms);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, IntervalDelayRestartsFromTheLateTick) {
  auto body = []() -> Task<> {
    auto iv = prt::interval(2ms, prt::MissedTickBehavior::Delay);
    PRT_CO_TRY(co_await iv.tick());
    busy_wait(5ms);
    PRT_CO_TRY(co_await iv.tick());  // late: fires at once
    Instant late = Clock::now();
    auto t = co_await iv.tick();
    EXPECT_GE(Clock::now() - late, 2ms - 200us);
    EXPECT_GE(*t, late);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, IntervalSkipDropsMissedTicks) {
  auto body = []() -> Task<> {
    auto iv = prt::interval(20ms, prt::MissedTickBehavior::Skip);
    Instant first = iv.next_tick();
    PRT_CO_TRY(co_await iv.tick());
    busy_wait(45ms);  // ticks at +20 and +40 are missed
    auto t = co_await iv.tick();  // the late +20 tick fires now...
    EXPECT_EQ(*t, first + 20ms);
    // ...then the schedule resumes at the next point after now: +60 (the
    // machine would have to stall 15 ms for this to be +80).
    auto next = co_await iv.tick();
    EXPECT_EQ(*next, first + 60ms);
    EXPECT_GE(Clock::now(), first + 60ms);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, IntervalAccessorsAndReset) {
  auto body = []() -> Task<> {
    Instant start = Clock::now() + 5ms;
    auto iv = prt::interval_at(start, 3ms, prt::MissedTickBehavior::Delay);
    EXPECT_EQ(iv.period(), 3ms);
    EXPECT_EQ(iv.next_tick(), start);
    EXPECT_EQ(iv.missed_tick_behavior(), prt::MissedTickBehavior::Delay);
    iv.set_missed_tick_behavior(prt::MissedTickBehavior::Skip);
    EXPECT_EQ(iv.missed_tick_behavior(), prt::MissedTickBehavior::Skip);
    auto first = co_await iv.tick();  // waits for the start instant
    EXPECT_EQ(*first, start);
    EXPECT_GE(Clock::now(), start);
    Instant before_reset = Clock::now();
    iv.reset();  // next tick one period from now
    EXPECT_GE(iv.next_tick(), before_reset + 3ms);
    auto second = co_await iv.tick();
    EXPECT_GE(Clock::now(), *second);
    EXPECT_GE(*second, before_reset + 3ms);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, IntervalWithANonPositivePeriodIsAnError) {
  auto body = []() -> Task<> {
    auto iv = prt::interval(0ms);
    auto t = co_await iv.tick();
    EXPECT_FALSE(t.ok());
    EXPECT_TRUE(t.error().is(ErrorKind::Runtime));
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(body()).ok());
}

TEST_F(TimeTest, DisabledTimeDriverRefusesTimers) {
  prt::RuntimeConfig c;
  c.enable_time = false;
  auto rt = prt_test::make_runtime(c);
  auto r = rt.block_on([]() -> Task<> {
    auto s = co_await prt::sleep(1ms);
    EXPECT_TRUE(s.error().is(ErrorKind::Runtime));
    auto t = co_await prt::timeout(1ms, prt::yield_now());
    EXPECT_TRUE(t.error().is(ErrorKind::Runtime));
    auto y = co_await prt::yield_now();  // scheduling still works
    EXPECT_TRUE(y.ok());
    co_return prt::ok();
  }());
  EXPECT_TRUE(r.ok());
}

TEST_F(TimeTest, TimerHandleWaitsAreAlsoNeverEarly) {
  prt::RuntimeConfig c;
  c.force_timer_handle = true;
  auto rt = prt_test::make_runtime(c);
  auto r = rt.block_on([]() -> Task<> {
    for (int i = 0; i < 5; ++i) {
      Instant start = Clock::now();
      PRT_CO_TRY(co_await prt::sleep(1ms));
      EXPECT_GE(Clock::now() - start, 1ms);
    }
    co_return prt::ok();
  }());
  EXPECT_TRUE(r.ok());
  EXPECT_GE(rt.stats().driver_waits, 5u);
}

}  // namespace
