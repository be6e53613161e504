// The platform contract (rt/platform.h), implemented by rt/native on this
// machine. These tests cross threads; make test also runs them under TSan.
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "rt/platform.h"
#include "test_support.h"

namespace {

namespace sys = prt::sys;
using prt::ErrorKind;

constexpr std::int64_t kMs = 1'000'000;

TEST(PlatformClock, IsMonotonic) {
  std::int64_t prev = sys::monotonic_ns();
  for (int i = 0; i < 100000; ++i) {
    std::int64_t now = sys::monotonic_ns();
    ASSERT_GE(now, prev);
    prev = now;
  }
}

TEST(PlatformPark, ReturnsAtOnceWhenTheWordDiffers) {
  std::atomic<std::uint32_t> word{1};
  std::int64_t start = sys::monotonic_ns();
  EXPECT_TRUE(sys::park(&word, 0, 5'000 * kMs));
  EXPECT_LT(sys::monotonic_ns() - start, 1'000 * kMs);
}

TEST(PlatformPark, TimesOutWithoutAnUnpark) {
  std::atomic<std::uint32_t> word{0};
  std::int64_t start = sys::monotonic_ns();
  bool woken = true;
  // A spurious wake-up is allowed; loop until the timeout is reported.
  for (int i = 0; i < 10 && woken; ++i) woken = sys::park(&word, 0, 5 * kMs);
  EXPECT_FALSE(woken);
  EXPECT_GE(sys::monotonic_ns() - start, 5 * kMs);
}

TEST(PlatformPark, UnparkWakesAParkedThread) {
  for (int round = 0; round < 50; ++round) {
    std::atomic<std::uint32_t> word{0};
    std::atomic<bool> done{false};
    std::thread sleeper([&] {
      while (word.load(std::memory_order_acquire) == 0) sys::park(&word, 0, -1);
      done.store(true, std::memory_order_release);
    });
    word.store(1, std::memory_order_release);
    sys::unpark_one(&word);
    sleeper.join();
    EXPECT_TRUE(done.load());
  }
}

TEST(PlatformPark, UnparkAllWakesEveryThread) {
  std::atomic<std::uint32_t> word{0};
  std::atomic<int> woke{0};
  std::thread ts[4];
  for (auto& t : ts) {
    t = std::thread([&] {
      while (word.load(std::memory_order_acquire) == 0) sys::park(&word, 0, -1);
      woke.fetch_add(1);
    });
  }
  word.store(1, std::memory_order_release);
  sys::unpark_all(&word);
  for (auto& t : ts) t.join();
  EXPECT_EQ(woke.load(), 4);
}

class PlatformPoller : public ::testing::TestWithParam<std::uint32_t> {
 protected:
  void SetUp() override {
    auto p = sys::poller_create(GetParam());
    ASSERT_TRUE(p.ok()) << prt_test::describe(p.error());
    poller_ = *p;
  }
  void TearDown() override { sys::poller_destroy(poller_); }
  sys::Poller* poller_ = nullptr;
};

TEST_P(PlatformPoller, TimedWaitsNeverReturnEarly) {
  sys::PollEvent ev[4];
  std::uint64_t mode = sys::precise_timers_begin();
  for (std::int64_t timeout : {std::int64_t{100000}, 1 * kMs, 3 * kMs}) {
    std::int64_t start = sys::monotonic_ns();
    auto n = sys::poller_wait(poller_, ev, 4, timeout);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, 0);
    // A wait may end early only by an interruption; this test has none.
    EXPECT_GE(sys::monotonic_ns() - start, timeout);
  }
  sys::precise_timers_end(mode);
}

TEST_P(PlatformPoller, ZeroTimeoutPollsWithoutBlocking) {
  sys::PollEvent ev[4];
  std::int64_t start = sys::monotonic_ns();
  auto n = sys::poller_wait(poller_, ev, 4, 0);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  EXPECT_LT(sys::monotonic_ns() - start, 500 * kMs);
}

TEST_P(PlatformPoller, AWakeFromAnotherThreadEndsAnUnboundedWait) {
  for (int round = 0; round < 20; ++round) {
    std::atomic<bool> published{false};
    std::thread waker([&] {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      published.store(true, std::memory_order_relaxed);
      sys::poller_wake(poller_);
    });
    sys::PollEvent ev[4];
    // Loop like the executor: a return promises only a chance to look.
    while (!published.load(std::memory_order_relaxed)) {
      auto n = sys::poller_wait(poller_, ev, 4, -1);
      ASSERT_TRUE(n.ok());
    }
    waker.join();
  }
}

TEST_P(PlatformPoller, AWakeBeforeTheWaitIsNotLost) {
  sys::poller_wake(poller_);
  sys::poller_wake(poller_);  // coalesces
  sys::PollEvent ev[4];
  std::int64_t start = sys::monotonic_ns();
  auto n = sys::poller_wait(poller_, ev, 4, 5'000 * kMs);
  ASSERT_TRUE(n.ok());
  EXPECT_LT(sys::monotonic_ns() - start, 1'000 * kMs);
  // The wake was consumed: the next wait times out normally.
  start = sys::monotonic_ns();
  n = sys::poller_wait(poller_, ev, 4, 2 * kMs);
  EXPECT_GE(sys::monotonic_ns() - start, 2 * kMs);
}

#if PRT_TEST_HAS_PIPES
TEST_P(PlatformPoller, ReportsReadinessWithTheToken) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  int token = 0;
  ASSERT_TRUE(sys::poller_register(poller_, fds[0], sys::kReadable, &token).ok());
  auto dup = sys::poller_register(poller_, fds[0], sys::kReadable, &token);
  EXPECT_TRUE(dup.error().is(ErrorKind::Io));  // registered once only
  ASSERT_EQ(write(fds[1], "x", 1), 1);
  sys::PollEvent ev[4];
  auto n = sys::poller_wait(poller_, ev, 4, 1'000 * kMs);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(*n, 1);
  EXPECT_EQ(ev[0].token, &token);
  EXPECT_TRUE(ev[0].readiness & sys::kReadable);
  EXPECT_TRUE(sys::poller_deregister(poller_, fds[0]).ok());
  EXPECT_FALSE(sys::poller_deregister(poller_, fds[0]).ok());
  close(fds[0]);
  close(fds[1]);
}
#else
PRT_SKIPPED_PIPE_TEST_P(PlatformPoller, ReportsReadinessWithTheToken)
#endif

INSTANTIATE_TEST_SUITE_P(Waits, PlatformPoller,
                         ::testing::Values(std::uint32_t{sys::kPollerDefault}, std::uint32_t{sys::kPollerTimerHandle}),
                         [](const ::testing::TestParamInfo<std::uint32_t>& info) {
                           return info.param == sys::kPollerDefault ? std::string("NativeTimeout")
                                                                    : std::string("TimerHandle");
                         });

struct ThreadProbe {
  std::atomic<bool> ran{false};
  char name[32] = {};
};

// Where a thread can read its own name back (PRT_TEST_READS_THREAD_NAMES,
// set by tests/CMakeLists.txt: not in the browser, whose workers' names only
// show in the developer tools), the name is checked too.
TEST(PlatformThread, StartsNamesAndJoins) {
  ThreadProbe probe;
  sys::ThreadOptions opts;
  opts.name = "prt-test-worker-long-name";
  opts.stack_size = 256 * 1024;
  auto t = sys::thread_start(
      [](void* arg) {
        auto* p = static_cast<ThreadProbe*>(arg);
#if PRT_TEST_READS_THREAD_NAMES
        pthread_getname_np(pthread_self(), p->name, sizeof p->name);
#endif
        p->ran.store(true);
      },
      &probe, opts);
  ASSERT_TRUE(t.ok()) << prt_test::describe(t.error());
  ASSERT_TRUE(sys::thread_join(*t).ok());
  EXPECT_TRUE(probe.ran.load());
#if PRT_TEST_READS_THREAD_NAMES
  std::string expected = std::string(opts.name).substr(0, sys::max_thread_name());
  EXPECT_EQ(std::string(probe.name), expected);
#endif
}

TEST(PlatformThread, RefusesATooSmallStack) {
  sys::ThreadOptions opts;
  opts.stack_size = 1024;
  auto t = sys::thread_start([](void*) {}, nullptr, opts);
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(t.error().is(ErrorKind::Spawn));
}

TEST(PlatformOdds, CpuCountAndErrorText) {
  EXPECT_GE(sys::cpu_count(), 1u);
  char buf[64];
  sys::describe_os_error(2, buf, sizeof buf);
  EXPECT_STREQ(buf, std::strerror(2));
}

}  // namespace
