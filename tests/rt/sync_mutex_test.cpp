// prt::Mutex: the asyncio.Lock scenarios of tests/rt/asyncio/lock_scenarios.py
// replayed on the single-threaded executor (the expected sequences are what
// CPython 3.11 printed), then contention on every runtime kind (TSan).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "rt/prt.h"
#include "test_support.h"

namespace {

using namespace std::chrono_literals;
using prt::ErrorKind;
using prt::Task;
using prt_test::Trace;
using Events = std::vector<std::string>;

class AsyncMutexOrder : public prt_test::LeakChecked {};

Task<> fifo_worker(prt::Mutex* m, Trace* log, std::string name) {
  log->add(name + " wants");
  auto g = co_await m->lock();
  if (!g) co_return g.error();
  log->add(name + " got");
  PRT_CO_TRY(co_await prt::yield_now());
  log->add(name + " releases");
  co_return prt::ok();
}

TEST_F(AsyncMutexOrder, WaitersAreServedInArrivalOrder) {
  Trace log;
  prt::Mutex m;
  auto r = prt::run([](prt::Mutex* m, Trace* log) -> Task<> {
    auto a = prt::spawn(fifo_worker(m, log, "a"));
    auto b = prt::spawn(fifo_worker(m, log, "b"));
    auto c = prt::spawn(fifo_worker(m, log, "c"));
    PRT_CO_TRY(co_await a);
    PRT_CO_TRY(co_await b);
    co_return co_await c;
  }(&m, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"a wants", "a got", "b wants", "c wants", "a releases", "b got", "b releases",
                                "c got", "c releases"}));
}

TEST_F(AsyncMutexOrder, AReleasedMutexGoesToTheWokenWaiterNotToANewcomer) {
  Trace log;
  prt::Mutex m;
  auto r = prt::run([](prt::Mutex* m, Trace* log) -> Task<> {
    auto a = prt::spawn([](prt::Mutex* m, Trace* log) -> Task<> {
      auto g = co_await m->lock();
      if (!g) co_return g.error();
      log->add("a got");
      PRT_CO_TRY(co_await prt::yield_now());
      g->unlock();
      log->add("a released");
      auto again = co_await m->lock();
      if (!again) co_return again.error();
      log->add("a got again");
      co_return prt::ok();
    }(m, log));
    auto b = prt::spawn([](prt::Mutex* m, Trace* log) -> Task<> {
      log->add("b wants");
      auto g = co_await m->lock();
      if (!g) co_return g.error();
      log->add("b got");
      g->unlock();
      log->add("b released");
      co_return prt::ok();
    }(m, log));
    PRT_CO_TRY(co_await a);
    co_return co_await b;
  }(&m, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"a got", "b wants", "a released", "b got", "b released", "a got again"}));
}

Task<> cancellable_waiter(prt::Mutex* m, Trace* log, std::string name) {
  log->add(name + " wants");
  auto g = co_await m->lock();
  if (!g) {
    log->add(name + " cancelled");
    co_return g.error();
  }
  log->add(name + " got");
  co_return prt::ok();
}

TEST_F(AsyncMutexOrder, AWaiterCancelledInLineLetsTheNextOneHaveIt) {
  Trace log;
  prt::Mutex m;
  auto r = prt::run([](prt::Mutex* m, Trace* log) -> Task<> {
    auto held = co_await m->lock();
    if (!held) co_return held.error();
    auto b = prt::spawn(cancellable_waiter(m, log, "b"));
    auto c = prt::spawn(cancellable_waiter(m, log, "c"));
    PRT_CO_TRY(co_await prt::yield_now());
    b.abort();
    log->add("main cancelled b");
    PRT_CO_TRY(co_await prt::yield_now());
    held->unlock();
    log->add("main released");
    auto rb = co_await b;
    if (rb.ok() || !rb.error().is(ErrorKind::Cancelled)) co_return prt::Error(ErrorKind::Other, "b not cancelled");
    co_return co_await c;
  }(&m, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"b wants", "c wants", "main cancelled b", "b cancelled", "main released", "c got"}));
  EXPECT_FALSE(m.is_locked());
}

TEST_F(AsyncMutexOrder, AWakeUpThatReachesACancelledWaiterPassesOn) {
  Trace log;
  prt::Mutex m;
  auto r = prt::run([](prt::Mutex* m, Trace* log) -> Task<> {
    auto held = co_await m->lock();
    if (!held) co_return held.error();
    auto b = prt::spawn(cancellable_waiter(m, log, "b"));
    auto c = prt::spawn(cancellable_waiter(m, log, "c"));
    PRT_CO_TRY(co_await prt::yield_now());
    held->unlock();  // wakes b...
    b.abort();       // ...which is cancelled before it runs
    log->add("main released and cancelled b");
    (void)co_await b;
    PRT_CO_TRY(co_await c);
    log->add(m->is_locked() ? "locked True" : "locked False");
    co_return prt::ok();
  }(&m, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events,
            (Events{"b wants", "c wants", "main released and cancelled b", "b cancelled", "c got", "locked False"}));
}

TEST_F(AsyncMutexOrder, AnUncontendedLockDoesNotSuspend) {
  Trace log;
  prt::Mutex m;
  auto r = prt::run([](prt::Mutex* m, Trace* log) -> Task<> {
    auto other = prt::spawn([](Trace* log) -> Task<> {
      log->add("other ran");
      co_return prt::ok();
    }(log));
    for (int i = 0; i < 3; ++i) {
      auto g = co_await m->lock();
      if (!g) co_return g.error();
      log->add("locked");
    }
    co_return co_await other;
  }(&m, &log));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(log.events, (Events{"locked", "locked", "locked", "other ran"}));
}

// ---- bad use --------------------------------------------------------------------

TEST(AsyncMutexMisuse, UnlockingAFreeMutexIsAnError) {
  prt::Mutex m;
  auto r = prt::run([](prt::Mutex* m) -> Task<> {
    auto e = m->unlock();
    if (e.ok() || !e.error().is(ErrorKind::Runtime)) co_return prt::Error(ErrorKind::Other, "no error");
    auto g = m->try_lock();
    if (!g) co_return g.error();
    auto busy = m->try_lock();
    if (busy.ok() || !busy.error().is(ErrorKind::Timeout)) co_return prt::Error(ErrorKind::Other, "try_lock took it twice");
    co_return prt::ok();
  }(&m));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_FALSE(m.is_locked());
}

TEST(AsyncMutexMisuse, ABusyMutexRefusesAnotherRuntime) {
  prt::Mutex m;
  auto rt1 = prt_test::make_runtime();
  auto held = rt1.block_on([](prt::Mutex* m) -> Task<prt::Mutex::Guard> { co_return co_await m->lock(); }(&m));
  ASSERT_TRUE(held.ok());
  // A second runtime (on this same thread, one after the other) while rt1's task holds it:
  auto rt2 = prt_test::make_runtime();
  auto r = rt2.block_on([](prt::Mutex* m) -> Task<> {
    auto g = co_await m->lock();
    co_return g.ok() ? prt::ok() : prt::Result<void>(g.error());
  }(&m));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Runtime));
  held->unlock();
  // Idle again: the second runtime may have it now.
  auto r2 = rt2.block_on([](prt::Mutex* m) -> Task<> {
    auto g = co_await m->lock();
    co_return g.ok() ? prt::ok() : prt::Result<void>(g.error());
  }(&m));
  EXPECT_TRUE(r2.ok());
}

// ---- contention on every runtime kind -----------------------------------------------

class AsyncMutexContended : public prt_test::RuntimeKindTest {};
INSTANTIATE_TEST_SUITE_P(Runtimes, AsyncMutexContended, prt_test::kRuntimeKinds, prt_test::runtime_kind_name);

TEST_P(AsyncMutexContended, ProtectsACounterAcrossAwaits) {
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam()));
  constexpr int kTasks = 8, kRounds = 300;
  prt::Mutex m;
  long counter = 0;  // plain: TSan reports any access outside the lock
  auto r = rt.block_on([](prt::Mutex* m, long* counter) -> Task<> {
    std::vector<prt::JoinHandle<void>> hs;
    for (int t = 0; t < kTasks; ++t) {
      hs.push_back(prt::spawn([](prt::Mutex* m, long* counter) -> Task<> {
        for (int i = 0; i < kRounds; ++i) {
          auto g = co_await m->lock();
          if (!g) co_return g.error();
          long seen = *counter;
          if (i % 3 == 0) PRT_CO_TRY(co_await prt::yield_now());  // held across an await
          *counter = seen + 1;
        }
        co_return prt::ok();
      }(m, counter)));
    }
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  }(&m, &counter));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(counter, static_cast<long>(kTasks) * kRounds);
  EXPECT_FALSE(m.is_locked());
}

// Waiters time out (are cancelled) at random while others come and go: no
// wake-up is lost (every task finishes) and the mutex ends free.
TEST_P(AsyncMutexContended, CancelledWaitersLoseNoWakeUp) {
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam()));
  constexpr int kTasks = 6, kRounds = 200;
  prt::Mutex m;
  std::atomic<long> got{0}, timed_out{0};
  auto r = rt.block_on([](prt::Mutex* m, std::atomic<long>* got, std::atomic<long>* timed_out) -> Task<> {
    std::vector<prt::JoinHandle<void>> hs;
    for (int t = 0; t < kTasks; ++t) {
      hs.push_back(prt::spawn([](prt::Mutex* m, std::atomic<long>* got, std::atomic<long>* timed_out,
                                 int t) -> Task<> {
        for (int i = 0; i < kRounds; ++i) {
          if ((i + t) % 4 == 0) {
            auto g = co_await prt::timeout(std::chrono::microseconds(5 + (i * 7 + t) % 30), m->lock());
            if (!g) {
              if (!g.error().is(ErrorKind::Timeout)) co_return g.error();
              timed_out->fetch_add(1);
              continue;
            }
            got->fetch_add(1);
            continue;
          }
          auto g = co_await m->lock();
          if (!g) co_return g.error();
          got->fetch_add(1);
          if (i % 2) PRT_CO_TRY(co_await prt::yield_now());
          if (i % 5 == 1) PRT_CO_TRY(co_await prt::sleep(50us));  // long enough for timed waiters to give up
        }
        co_return prt::ok();
      }(m, got, timed_out, t)));
    }
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  }(&m, &got, &timed_out));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(got.load() + timed_out.load(), static_cast<long>(kTasks) * kRounds);
  EXPECT_GT(timed_out.load(), 0);  // the cancellation path ran
  EXPECT_FALSE(m.is_locked());
  // Free and nobody in line: an uncontended try_lock succeeds.
  auto last = rt.block_on([](prt::Mutex* m) -> Task<> {
    auto g = m->try_lock();
    co_return g.ok() ? prt::ok() : prt::Result<void>(g.error());
  }(&m));
  EXPECT_TRUE(last.ok());
}

}  // namespace
