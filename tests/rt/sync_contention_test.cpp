// The async primitives under contention on every runtime kind (the
// single-threaded executor and worker pools of 1, 2 and 4; run under TSan),
// with waiters cancelled by timeouts at random: nothing is lost (every task
// finishes, every permit comes back) and the invariants hold throughout.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <vector>

#include "rt/prt.h"
#include "test_support.h"

namespace {

using namespace std::chrono_literals;
using prt::ErrorKind;
using prt::Task;

class SyncContended : public prt_test::RuntimeKindTest {
 protected:
  prt::Runtime rt = prt_test::make_runtime(prt_test::config_for(buildable_kind(GetParam())));
};
INSTANTIATE_TEST_SUITE_P(Runtimes, SyncContended, prt_test::kRuntimeKinds, prt_test::runtime_kind_name);

// Spawns `n` copies of body(i) and joins them all.
template <class Body>
Task<> spawn_all(int n, Body body) {
  std::vector<prt::JoinHandle<void>> hs;
  for (int i = 0; i < n; ++i) hs.push_back(prt::spawn(body(i)));
  for (auto& h : hs) PRT_CO_TRY(co_await h);
  co_return prt::ok();
}

std::chrono::microseconds jitter(int i, int t) { return std::chrono::microseconds(5 + (i * 7 + t * 13) % 40); }

TEST_P(SyncContended, SemaphoreBoundsConcurrencyAndLosesNoPermit) {
  constexpr int kTasks = 8, kRounds = 200, kPermits = 3;
  prt::Semaphore s(kPermits);
  std::atomic<int> inside{0}, most{0};
  std::atomic<long> got{0}, gave_up{0};
  auto r = rt.block_on(spawn_all(kTasks, [&](int t) -> Task<> {
    for (int i = 0; i < kRounds; ++i) {
      // (No co_await inside ?: here: g++ 12 miscompiles it.)
      prt::Result<prt::Semaphore::Permit> p = prt::Error(ErrorKind::Other);
      if ((i + t) % 3 == 0) {
        p = co_await prt::timeout(jitter(i, t), s.acquire());
      } else {
        p = co_await s.acquire();
      }
      if (!p) {
        if (!p.error().is(ErrorKind::Timeout)) co_return p.error();
        gave_up.fetch_add(1);
        continue;
      }
      const int now = inside.fetch_add(1) + 1;
      for (int m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
      }
      if (i % 2) PRT_CO_TRY(co_await prt::yield_now());
      if (i % 7 == 3) PRT_CO_TRY(co_await prt::sleep(30us));
      inside.fetch_sub(1);
      got.fetch_add(1);
    }
    co_return prt::ok();
  }));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(got.load() + gave_up.load(), static_cast<long>(kTasks) * kRounds);
  EXPECT_LE(most.load(), kPermits);
  EXPECT_EQ(s.available(), static_cast<std::uint64_t>(kPermits));  // every permit came back
  EXPECT_FALSE(s.locked());
}

TEST_P(SyncContended, RwLockKeepsWritersAlone) {
  constexpr int kTasks = 6, kRounds = 200;
  prt::RwLock l;
  long value = 0;  // plain: TSan reports a write racing a read
  std::atomic<int> readers_in{0}, writers_in{0};
  std::atomic<long> writes{0};
  auto r = rt.block_on(spawn_all(kTasks, [&](int t) -> Task<> {
    for (int i = 0; i < kRounds; ++i) {
      if ((i + t) % 4 == 0) {
        prt::Result<prt::RwLock::WriteGuard> w = prt::Error(ErrorKind::Other);
        if (i % 3 == 0) {
          w = co_await prt::timeout(jitter(i, t), l.write());
        } else {
          w = co_await l.write();
        }
        if (!w) {
          if (!w.error().is(ErrorKind::Timeout)) co_return w.error();
          continue;
        }
        if (writers_in.fetch_add(1) != 0 || readers_in.load() != 0) co_return prt::Error(ErrorKind::Other, "shared write");
        long seen = value;
        if (i % 2) PRT_CO_TRY(co_await prt::yield_now());
        value = seen + 1;
        writes.fetch_add(1);
        writers_in.fetch_sub(1);
      } else {
        prt::Result<prt::RwLock::ReadGuard> g = prt::Error(ErrorKind::Other);
        if (i % 5 == 0) {
          g = co_await prt::timeout(jitter(i, t), l.read());
        } else {
          g = co_await l.read();
        }
        if (!g) {
          if (!g.error().is(ErrorKind::Timeout)) co_return g.error();
          continue;
        }
        readers_in.fetch_add(1);
        if (writers_in.load() != 0) co_return prt::Error(ErrorKind::Other, "read during a write");
        (void)value;
        if (i % 3 == 1) PRT_CO_TRY(co_await prt::yield_now());
        readers_in.fetch_sub(1);
      }
    }
    co_return prt::ok();
  }));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(value, writes.load());
  EXPECT_EQ(l.readers(), 0u);
  EXPECT_FALSE(l.write_locked());
}

TEST_P(SyncContended, ConditionCarriesEveryItemFromProducersToConsumers) {
  constexpr int kProducers = 2, kConsumers = 3, kItems = 300;
  prt::Condition cv;
  std::deque<int> queue;  // under cv's mutex
  int producers_left = kProducers;
  long consumed_sum = 0;
  auto r = rt.block_on(spawn_all(kProducers + kConsumers, [&](int t) -> Task<> {
    if (t < kProducers) {
      for (int i = 0; i < kItems; ++i) {
        auto g = co_await cv.lock();
        if (!g) co_return g.error();
        queue.push_back(i);
        PRT_CO_TRY(cv.notify());
        if (i % 4 == 0) {
          g->unlock();
          PRT_CO_TRY(co_await prt::yield_now());
        }
      }
      auto g = co_await cv.lock();
      if (!g) co_return g.error();
      --producers_left;
      co_return cv.notify_all();
    }
    for (int n = 0;; ++n) {
      auto g = co_await cv.lock();
      if (!g) co_return g.error();
      auto ready = [&] { return !queue.empty() || producers_left == 0; };
      // Some waits give up after a moment; the mutex is held again either way.
      prt::Result<void> w;
      if (n % 3 == 0) {
        w = co_await prt::timeout(jitter(n, t), cv.wait_for(ready));
      } else {
        w = co_await cv.wait_for(ready);
      }
      if (!cv.locked()) co_return prt::Error(ErrorKind::Other, "wait returned without the lock");
      if (!w) {
        if (!w.error().is(ErrorKind::Timeout)) co_return w.error();
        continue;
      }
      if (queue.empty()) co_return prt::ok();  // producers done and drained
      consumed_sum += queue.front();
      queue.pop_front();
    }
  }));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(consumed_sum, static_cast<long>(kProducers) * kItems * (kItems - 1) / 2);
  EXPECT_TRUE(queue.empty());
  EXPECT_FALSE(cv.locked());
}

TEST_P(SyncContended, NotifyPingPongLosesNoNotification) {
  constexpr int kRounds = 2000;
  prt::Notify ping, pong;
  std::atomic<int> pings{0};
  auto r = rt.block_on(spawn_all(2, [&](int t) -> Task<> {
    for (int i = 0; i < kRounds; ++i) {
      if (t == 0) {
        pings.fetch_add(1);
        ping.notify_one();
        PRT_CO_TRY(co_await pong.notified());
      } else {
        PRT_CO_TRY(co_await ping.notified());
        if (pings.load() != i + 1) co_return prt::Error(ErrorKind::Other, "woken without a ping");
        pong.notify_one();
      }
    }
    co_return prt::ok();
  }));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(pings.load(), kRounds);
}

TEST_P(SyncContended, BarrierRoundsStayInStep) {
  constexpr int kParties = 4, kRounds = 150;
  prt::Barrier b(kParties);
  std::atomic<int> arrivals[kRounds] = {};
  std::atomic<int> leaders{0};
  auto r = rt.block_on(spawn_all(kParties, [&](int t) -> Task<> {
    for (int i = 0; i < kRounds; ++i) {
      arrivals[i].fetch_add(1);
      if ((i + t) % 5 == 0) PRT_CO_TRY(co_await prt::yield_now());
      auto index = co_await b.wait();
      if (!index) co_return index.error();
      if (*index == kParties - 1) leaders.fetch_add(1);
      // Nobody passes round i before everyone has arrived at it.
      if (arrivals[i].load() != kParties) co_return prt::Error(ErrorKind::Other, "passed a round early");
    }
    co_return prt::ok();
  }));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(leaders.load(), kRounds);
  EXPECT_EQ(b.n_waiting(), 0u);
}

TEST_P(SyncContended, EventReleasesEveryWaiter) {
  constexpr int kWaiters = 64;
  prt::Event e;
  std::atomic<int> woke{0};
  auto r = rt.block_on(spawn_all(kWaiters + 1, [&](int t) -> Task<> {
    if (t == kWaiters) {
      PRT_CO_TRY(co_await prt::sleep(200us));
      e.set();
      co_return prt::ok();
    }
    if (t % 4 == 0) {  // some give up first, and wait again
      auto w = co_await prt::timeout(jitter(t, t), e.wait());
      if (w.ok()) {
        woke.fetch_add(1);
        co_return prt::ok();
      }
      if (!w.error().is(ErrorKind::Timeout)) co_return w.error();
    }
    PRT_CO_TRY(co_await e.wait());
    woke.fetch_add(1);
    co_return prt::ok();
  }));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(woke.load(), kWaiters);
}

}  // namespace
