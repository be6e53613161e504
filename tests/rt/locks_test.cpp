// prt::threading locks and signals, each under contention (the Threads*
// suites also run under TSan), parameterised over thread counts.
#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "test_support.h"

namespace {

namespace th = prt::threading;
using prt::ErrorKind;

constexpr std::int64_t kMs = 1'000'000;

std::int64_t now_ns() { return prt::sys::monotonic_ns(); }

// A little work inside a critical section that the optimiser cannot remove.
void spin_work(int n) {
  std::atomic<int> sink{0};
  for (int k = 0; k < n; ++k) sink.fetch_add(1, std::memory_order_relaxed);
}

template <class F>
void run_threads(int n, F f) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i) ts.emplace_back(f, i);
  for (auto& t : ts) t.join();
}

class ThreadsContended : public ::testing::TestWithParam<int> {};
INSTANTIATE_TEST_SUITE_P(Threads, ThreadsContended, ::testing::Values(2, 4, 8));

// ---- Mutex ------------------------------------------------------------------

TEST(ThreadsMutex, LocksAndUnlocks) {
  th::Mutex m;
  EXPECT_EQ(sizeof m, 4u);
  EXPECT_FALSE(m.is_locked());
  m.lock();
  EXPECT_TRUE(m.is_locked());
  EXPECT_FALSE(m.try_lock());
  m.unlock();
  EXPECT_TRUE(m.try_lock());
  m.unlock();
  {
    th::MutexGuard g(m);
    EXPECT_TRUE(m.is_locked());
  }
  EXPECT_FALSE(m.is_locked());
}

TEST(ThreadsMutex, TimedLockGivesUp) {
  th::Mutex m;
  m.lock();
  std::int64_t start = now_ns();
  std::thread t([&] { EXPECT_FALSE(m.try_lock_for(5 * kMs)); });
  t.join();
  EXPECT_GE(now_ns() - start, 5 * kMs);
  m.unlock();
  std::thread t2([&] {
    EXPECT_TRUE(m.try_lock_for(5 * kMs));
    m.unlock();
  });
  t2.join();
}

TEST(ThreadsMutex, TimedLockSucceedsWhenReleased) {
  th::Mutex m;
  m.lock();
  std::thread t([&] {
    EXPECT_TRUE(m.try_lock_for(5'000 * kMs));
    m.unlock();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  m.unlock();
  t.join();
}

TEST_P(ThreadsContended, MutexProtectsACounter) {
  const int n = GetParam();
  th::Mutex m;
  long counter = 0;  // plain: TSan flags any access outside the lock
  constexpr int kIters = 50'000;
  run_threads(n, [&](int) {
    for (int i = 0; i < kIters; ++i) {
      m.lock();
      ++counter;
      m.unlock();
    }
  });
  EXPECT_EQ(counter, static_cast<long>(n) * kIters);
}

TEST_P(ThreadsContended, TimedLocksUnderContentionStayConsistent) {
  const int n = GetParam();
  th::Mutex m;
  long counter = 0;
  std::atomic<long> acquired{0};
  run_threads(n, [&](int id) {
    for (int i = 0; i < 2'000; ++i) {
      bool got = (id % 2) ? m.try_lock_for(20'000) : (m.lock(), true);
      if (got) {
        ++counter;
        acquired.fetch_add(1);
        m.unlock();
      }
    }
  });
  EXPECT_EQ(counter, acquired.load());
  EXPECT_FALSE(m.is_locked());
}

// A thread that takes and releases the lock in a tight loop must not starve
// another one: the hand-off every 0.5 ms gives it the lock.
TEST(ThreadsMutex, IsEventuallyFair) {
  th::Mutex m;
  std::atomic<bool> stop{false};
  std::thread greedy([&] {
    while (!stop.load(std::memory_order_relaxed)) {
      m.lock();
      spin_work(50);
      m.unlock();
    }
  });
  std::int64_t worst = 0;
  for (int i = 0; i < 50; ++i) {
    std::int64_t start = now_ns();
    m.lock();
    worst = std::max(worst, now_ns() - start);
    m.unlock();
  }
  stop.store(true);
  greedy.join();
  EXPECT_LT(worst, 200 * kMs);  // generous: bounded, not starved
}

// ---- Condvar ----------------------------------------------------------------

TEST(ThreadsCondvar, WaitsForAPredicate) {
  th::Mutex m;
  th::Condvar cv;
  int stage = 0;
  std::thread t([&] {
    th::MutexGuard g(m);
    cv.wait(m, [&] { return stage == 1; });
    stage = 2;
    cv.notify_all();
  });
  {
    th::MutexGuard g(m);
    stage = 1;
  }
  cv.notify_one();
  {
    th::MutexGuard g(m);
    cv.wait(m, [&] { return stage == 2; });
  }
  t.join();
}

TEST(ThreadsCondvar, WaitForTimesOut) {
  th::Mutex m;
  th::Condvar cv;
  th::MutexGuard g(m);
  std::int64_t start = now_ns();
  EXPECT_FALSE(cv.wait_for(m, 3 * kMs, [] { return false; }));
  EXPECT_GE(now_ns() - start, 3 * kMs);
}

TEST_P(ThreadsContended, CondvarNotifyAllWakesEveryWaiter) {
  const int n = GetParam();
  th::Mutex m;
  th::Condvar cv;
  bool go = false;
  int woke = 0;
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i) {
    ts.emplace_back([&] {
      th::MutexGuard g(m);
      cv.wait(m, [&] { return go; });
      ++woke;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  {
    th::MutexGuard g(m);
    go = true;
  }
  cv.notify_all();
  for (auto& t : ts) t.join();
  EXPECT_EQ(woke, n);
}

TEST_P(ThreadsContended, CondvarProducerConsumerLosesNothing) {
  const int producers = GetParam();
  th::Mutex m;
  th::Condvar not_empty;
  std::vector<int> queue;
  constexpr int kPer = 20'000;
  std::int64_t sum = 0;  // 8 producers' sums pass 2^31: not a long on 32-bit targets
  std::thread consumer([&] {
    for (std::int64_t got = 0; got < std::int64_t{producers} * kPer; ++got) {
      th::MutexGuard g(m);
      not_empty.wait(m, [&] { return !queue.empty(); });
      sum += queue.back();
      queue.pop_back();
    }
  });
  run_threads(producers, [&](int) {
    for (int i = 1; i <= kPer; ++i) {
      {
        th::MutexGuard g(m);
        queue.push_back(i);
      }
      not_empty.notify_one();
    }
  });
  consumer.join();
  EXPECT_EQ(sum, std::int64_t{producers} * kPer * (kPer + 1) / 2);
}

// ---- RwLock -----------------------------------------------------------------

// The same for a lock handed to a queued reader by the writer's unlock.
TEST(ThreadsRwLock, MayBeFreedByTheThreadItWasHandedTo) {
  for (int i = 0; i < 100; ++i) {
    auto* l = new th::RwLock;
    l->lock();
    std::atomic<bool> started{false};
    std::thread reader([l, &started] {
      started.store(true);
      l->lock_shared();
      l->unlock_shared();
      delete l;
    });
    while (!started.load()) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::microseconds(200));  // queued, as a rule
    l->unlock();
    reader.join();
  }
}

TEST(ThreadsRwLock, ReadersShareWritersExclude) {
  th::RwLock l;
  l.lock_shared();
  EXPECT_TRUE(l.try_lock_shared());
  EXPECT_FALSE(l.try_lock());
  l.unlock_shared();
  l.unlock_shared();
  EXPECT_TRUE(l.try_lock());
  EXPECT_FALSE(l.try_lock_shared());
  EXPECT_FALSE(l.try_lock_shared_for(2 * kMs));
  l.unlock();
}

TEST(ThreadsRwLock, TwoReadersHoldItAtOnce) {
  th::RwLock l;
  std::atomic<int> inside{0};
  std::atomic<int> max_inside{0};
  run_threads(2, [&](int) {
    th::ReadGuard g(l);
    int now = inside.fetch_add(1) + 1;
    max_inside.store(std::max(max_inside.load(), now));
    std::int64_t until = now_ns() + 20 * kMs;
    while (inside.load() < 2 && now_ns() < until) {
    }
    inside.fetch_sub(1);
  });
  EXPECT_EQ(max_inside.load(), 2);
}

TEST_P(ThreadsContended, RwLockKeepsAnInvariant) {
  const int n = GetParam();
  th::RwLock l;
  long a = 0, b = 0;  // invariant under the lock: a == b
  std::atomic<long> bad{0};
  run_threads(n, [&](int id) {
    for (int i = 0; i < 20'000; ++i) {
      if ((i + id) % 4 == 0) {
        th::WriteGuard g(l);
        ++a;
        ++b;
      } else {
        th::ReadGuard g(l);
        if (a != b) bad.fetch_add(1);
      }
    }
  });
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(a, b);
}

// Readers that keep the lock always held by someone must not starve a writer,
// and a writer that keeps coming back must not starve a reader.
TEST(ThreadsRwLock, NeitherSideStarves) {
  th::RwLock l;
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        th::ReadGuard g(l);
        spin_work(200);
      }
    });
  }
  std::int64_t start = now_ns();
  for (int i = 0; i < 20; ++i) {
    th::WriteGuard g(l);
  }
  EXPECT_LT(now_ns() - start, 2'000 * kMs);
  stop.store(true);
  for (auto& t : readers) t.join();

  stop.store(false);
  std::thread writer([&] {
    while (!stop.load()) {
      th::WriteGuard g(l);
      spin_work(200);
    }
  });
  start = now_ns();
  for (int i = 0; i < 20; ++i) {
    th::ReadGuard g(l);
  }
  EXPECT_LT(now_ns() - start, 2'000 * kMs);
  stop.store(true);
  writer.join();
}

TEST(ThreadsRwLock, TimedWriteLockGivesUpAndLetsOthersIn) {
  th::RwLock l;
  l.lock_shared();
  std::thread w([&] { EXPECT_FALSE(l.try_lock_for(3 * kMs)); });
  w.join();
  // The timed-out writer left the queue: readers are not blocked behind it.
  EXPECT_TRUE(l.try_lock_shared());
  l.unlock_shared();
  l.unlock_shared();
  EXPECT_TRUE(l.try_lock());
  l.unlock();
}

// ---- Semaphore --------------------------------------------------------------

// Like an Event, a semaphore may be freed by the thread a release handed
// its permit to, while the releasing thread is still returning; TSan
// reports it if release() touches the semaphore after the hand-over.
TEST(ThreadsSemaphore, MayBeFreedByTheThreadItGrantedAPermitTo) {
  for (int i = 0; i < 100; ++i) {
    auto* sem = new th::Semaphore(0);
    std::thread releaser([sem] {
      while (sem->waiting() == 0) std::this_thread::yield();  // the other thread is queued
      ASSERT_TRUE(sem->release().ok());
    });
    sem->acquire();
    delete sem;
    releaser.join();
  }
}

TEST(ThreadsSemaphore, CountsPermits) {
  th::Semaphore s(2);
  EXPECT_TRUE(s.try_acquire());
  EXPECT_TRUE(s.try_acquire());
  EXPECT_FALSE(s.try_acquire());
  EXPECT_FALSE(s.try_acquire_for(2 * kMs));
  EXPECT_TRUE(s.release().ok());
  EXPECT_EQ(s.available(), 1u);
  EXPECT_TRUE(s.try_acquire());
}

TEST(ThreadsSemaphore, ReleasingPastTheMaximumIsAnError) {
  th::Semaphore s(1, 1);
  auto r = s.release();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Other));
  EXPECT_EQ(s.available(), 1u);
  s.acquire();
  EXPECT_TRUE(s.release().ok());
}

TEST_P(ThreadsContended, SemaphoreBoundsConcurrency) {
  const int n = GetParam();
  th::Semaphore s(2);
  std::atomic<int> inside{0};
  std::atomic<int> max_inside{0};
  run_threads(n, [&](int) {
    for (int i = 0; i < 2'000; ++i) {
      s.acquire();
      int now = inside.fetch_add(1) + 1;
      int seen = max_inside.load();
      while (now > seen && !max_inside.compare_exchange_weak(seen, now)) {
      }
      inside.fetch_sub(1);
      EXPECT_TRUE(s.release().ok());
    }
  });
  EXPECT_LE(max_inside.load(), 2);
  EXPECT_EQ(s.available(), 2u);
}

TEST(ThreadsSemaphore, GrantsWaitersInArrivalOrder) {
  th::Semaphore s(0);
  std::vector<int> order;
  th::Mutex order_lock;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([&, i] {
      s.acquire();
      th::MutexGuard g(order_lock);
      order.push_back(i);
    });
    // Let each thread reach the queue before the next one arrives.
    while (s.waiting() != static_cast<std::size_t>(i + 1)) std::this_thread::yield();
  }
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(s.release().ok());
    // The grant went to the longest waiter; wait for it to record itself.
    for (;;) {
      th::MutexGuard g(order_lock);
      if (order.size() == static_cast<std::size_t>(i + 1)) break;
    }
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(s.waiting(), 0u);
}

// ---- Event ------------------------------------------------------------------

// The usual hand-off: wait, then free the event while the setter may still
// be inside set(). set() must not touch the event after raising the flag;
// ThreadSanitizer (and AddressSanitizer, when the timing hits) reports it
// if it does.
TEST(ThreadsEvent, MayBeDestroyedAsSoonAsAWaitReturns) {
  for (int i = 0; i < 200; ++i) {
    auto* done = new th::Event;
    std::thread setter([done] { done->set(); });
    done->wait();
    delete done;
    setter.join();
  }
}

TEST(ThreadsEvent, SetWakesEveryWaiter) {
  th::Event e;
  EXPECT_FALSE(e.is_set());
  EXPECT_FALSE(e.wait_for(2 * kMs));
  std::atomic<int> woke{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([&] {
      e.wait();
      woke.fetch_add(1);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  e.set();
  for (auto& t : ts) t.join();
  EXPECT_EQ(woke.load(), 4);
  EXPECT_TRUE(e.wait_for(0));
  e.clear();
  EXPECT_FALSE(e.is_set());
  EXPECT_FALSE(e.wait_for(1 * kMs));
}

TEST_P(ThreadsContended, EventSetRacesWithWaitersWithoutLoss) {
  const int n = GetParam();
  for (int round = 0; round < 200; ++round) {
    th::Event e;
    std::atomic<int> woke{0};
    std::vector<std::thread> ts;
    for (int i = 0; i < n; ++i) {
      ts.emplace_back([&] {
        e.wait();
        woke.fetch_add(1);
      });
    }
    e.set();
    for (auto& t : ts) t.join();
    ASSERT_EQ(woke.load(), n);
  }
}

// ---- Barrier ----------------------------------------------------------------

TEST_P(ThreadsContended, BarrierReleasesAllWithDistinctIndices) {
  const int n = GetParam();
  th::Barrier b(static_cast<std::uint32_t>(n));
  th::Mutex m;
  for (int gen = 0; gen < 20; ++gen) {
    std::set<std::uint32_t> indices;
    run_threads(n, [&](int) {
      auto r = b.wait();
      ASSERT_TRUE(r.ok());
      th::MutexGuard g(m);
      indices.insert(*r);
    });
    ASSERT_EQ(indices.size(), static_cast<std::size_t>(n));
    EXPECT_EQ(*indices.begin(), 0u);
    EXPECT_EQ(*indices.rbegin(), static_cast<std::uint32_t>(n - 1));
  }
}

TEST(ThreadsBarrier, ATimeoutBreaksItUntilReset) {
  th::Barrier b(3);
  std::thread other([&] {
    auto r = b.wait();
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error().is(ErrorKind::Other));  // broken by the timeout below
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  auto r = b.wait(3 * kMs);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Timeout));
  other.join();
  EXPECT_TRUE(b.broken());
  EXPECT_TRUE(b.wait().error().is(ErrorKind::Other));
  b.reset();
  EXPECT_FALSE(b.broken());
  run_threads(3, [&](int) { EXPECT_TRUE(b.wait().ok()); });
}

TEST(ThreadsBarrier, AbortAndZeroParties) {
  th::Barrier b(2);
  b.abort();
  EXPECT_TRUE(b.wait().error().is(ErrorKind::Other));
  th::Barrier none(0);
  EXPECT_FALSE(none.wait().ok());
}

// ---- Once -------------------------------------------------------------------

TEST_P(ThreadsContended, OnceRunsExactlyOnce) {
  const int n = GetParam();
  for (int round = 0; round < 100; ++round) {
    th::Once once;
    std::atomic<int> calls{0};
    std::atomic<int> saw_done{0};
    run_threads(n, [&](int) {
      once.call([&] {
        std::this_thread::yield();
        calls.fetch_add(1);
      });
      if (calls.load() == 1) saw_done.fetch_add(1);  // every caller returns after it ran
    });
    ASSERT_EQ(calls.load(), 1);
    ASSERT_EQ(saw_done.load(), n);
    EXPECT_TRUE(once.is_completed());
  }
}

// ---- misuse -------------------------------------------------------------------

// Unlocking a lock that is not held is a debug assertion with a message. A
// release build leaves the check out and ignores the call: the lock stays
// usable.
#ifndef NDEBUG
TEST(LockMisuseDeathTest, UnlockingAMutexNotHeldAbortsWithAMessage) {
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  th::Mutex m;
  EXPECT_DEATH(m.unlock(), "Mutex::unlock: the mutex is not locked");
}

TEST(LockMisuseDeathTest, UnlockingAnRwLockNotHeldAbortsWithAMessage) {
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  th::RwLock l;
  EXPECT_DEATH(l.unlock(), "RwLock::unlock: not write-locked");
  EXPECT_DEATH(l.unlock_shared(), "RwLock::unlock_shared: not read-locked");
}
#else
TEST(LockMisuse, UnlockingAMutexNotHeldIsIgnoredInRelease) {
  th::Mutex m;
  m.unlock();
  EXPECT_TRUE(m.try_lock());
  EXPECT_FALSE(m.try_lock());
  m.unlock();
  EXPECT_TRUE(m.try_lock());
  m.unlock();
}
#endif

}  // namespace
