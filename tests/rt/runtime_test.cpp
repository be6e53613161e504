// The single-threaded runtime: FIFO scheduling, spawn and block_on, config
// validation, shutdown with live tasks, counters, scale.
#include <chrono>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "test_support.h"

using namespace std::chrono_literals;

namespace {

using prt::Error;
using prt::ErrorKind;
using prt::JoinHandle;
using prt::Result;
using prt::Task;
using prt_test::Trace;

class RuntimeTest : public prt_test::LeakChecked {};

Task<> record(Trace* trace, std::string name) {
  trace->add(name);
  co_return prt::ok();
}

Task<> yielder(Trace* trace, std::string name, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    trace->add(name + std::to_string(i));
    PRT_CO_TRY(co_await prt::yield_now());
  }
  co_return prt::ok();
}

TEST_F(RuntimeTest, BlockOnReturnsTheTaskResult) {
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on([]() -> Task<int> { co_return 7; }());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 7);
  auto e = rt.block_on([]() -> Task<int> { co_return Error(ErrorKind::Other, "nope"); }());
  ASSERT_FALSE(e.ok());
  EXPECT_STREQ(e.error().context(), "nope");
}

TEST_F(RuntimeTest, SpawnedTasksStartInSpawnOrder) {
  Trace trace;
  auto main_task = [](Trace* t) -> Task<> {
    std::vector<JoinHandle<void>> hs;
    for (int i = 0; i < 5; ++i) hs.push_back(prt::spawn(record(t, "t" + std::to_string(i))));
    t->add("main");
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task(&trace)).ok());
  EXPECT_EQ(trace.events, (std::vector<std::string>{"main", "t0", "t1", "t2", "t3", "t4"}));
}

TEST_F(RuntimeTest, YieldRoundRobinsInFifoOrder) {
  Trace trace;
  auto main_task = [](Trace* t) -> Task<> {
    auto a = prt::spawn(yielder(t, "a", 3));
    auto b = prt::spawn(yielder(t, "b", 3));
    auto c = prt::spawn(yielder(t, "c", 3));
    PRT_CO_TRY(co_await a);
    PRT_CO_TRY(co_await b);
    PRT_CO_TRY(co_await c);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task(&trace)).ok());
  EXPECT_EQ(trace.events,
            (std::vector<std::string>{"a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"}));
}

// A task spawned while a batch runs waits for the next turn, behind the tasks
// that were already ready (asyncio's call_soon semantics).
TEST_F(RuntimeTest, TasksSpawnedDuringABatchRunAfterIt) {
  Trace trace;
  auto spawner = [](Trace* t) -> Task<> {
    t->add("spawner");
    auto h = prt::spawn(record(t, "child"));
    PRT_CO_TRY(co_await prt::yield_now());
    t->add("spawner-resumed");
    PRT_CO_TRY(co_await h);
    co_return prt::ok();
  };
  auto main_task = [](Trace* t, decltype(spawner) sp) -> Task<> {
    auto a = prt::spawn(sp(t));
    auto b = prt::spawn(record(t, "peer"));
    PRT_CO_TRY(co_await a);
    PRT_CO_TRY(co_await b);
    co_return prt::ok();
  };
  ASSERT_TRUE(prt::run(main_task(&trace, spawner)).ok());
  EXPECT_EQ(trace.events, (std::vector<std::string>{"spawner", "peer", "child", "spawner-resumed"}));
}

TEST_F(RuntimeTest, SpawnOutsideAnyRuntimeReportsSpawnError) {
  JoinHandle<void> h = prt::spawn(record(nullptr, "never"));
  EXPECT_TRUE(h.is_finished());
  auto r = h.take();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Spawn));
}

TEST_F(RuntimeTest, RuntimeSpawnBeforeBlockOnRunsDuringIt) {
  Trace trace;
  auto rt = prt_test::make_runtime();
  auto h = rt.spawn(record(&trace, "early"));
  EXPECT_FALSE(h.is_finished());
  EXPECT_TRUE(trace.events.empty());
  auto r = rt.block_on([](JoinHandle<void>* early) -> Task<> { co_return co_await *early; }(&h));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(trace.events, (std::vector<std::string>{"early"}));
}

TEST_F(RuntimeTest, NestedBlockOnIsRefused) {
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on([](prt::Runtime* self) -> Task<> {
    auto inner = self->block_on([]() -> Task<int> { co_return 1; }());
    EXPECT_FALSE(inner.ok());
    EXPECT_TRUE(inner.error().is(ErrorKind::Runtime));
    co_return prt::ok();
  }(&rt));
  EXPECT_TRUE(r.ok());
}

// Parks the awaiting task on a wait node that no source will ever fire, the
// way a task waits on an event nobody sets (white-box: uses the await-point
// contract directly).
struct ParkForever : prt::detail::WaitNode {
  prt::detail::TaskHeader* task = nullptr;
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> leaf) noexcept {
    task = prt::detail::tls_context.current;
    if (prt::detail::cancel_pending(task)) return false;
    fn = [](prt::detail::WaitNode*, prt::detail::WaitOp) noexcept { return true; };
    prt::detail::park_current(this, leaf);
    return true;
  }
  Result<void> await_resume() noexcept {
    if (prt::detail::consume_cancel(task)) return Error::cancelled();
    return {};
  }
};

TEST_F(RuntimeTest, DetectsADeadlockInsteadOfHanging) {
  auto rt = prt_test::make_runtime();
  auto stuck = rt.block_on([]() -> Task<> { co_return co_await ParkForever{}; }());
  ASSERT_FALSE(stuck.ok());
  EXPECT_TRUE(stuck.error().is(ErrorKind::Runtime));
  EXPECT_NE(std::string(stuck.error().context()).find("deadlock"), std::string::npos);

  // Through a chain of handles: main waits on a task that waits on one that
  // is parked for good.
  auto chained = rt.block_on([]() -> Task<> {
    auto inner = prt::spawn([]() -> Task<> { co_return co_await ParkForever{}; }());
    auto outer = prt::spawn([](JoinHandle<void> h) -> Task<> { co_return co_await h; }(std::move(inner)));
    co_return co_await outer;
  }());
  ASSERT_FALSE(chained.ok());
  EXPECT_TRUE(chained.error().is(ErrorKind::Runtime));
}

TEST_F(RuntimeTest, APendingTimerIsNotADeadlock) {
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on([]() -> Task<> {
    auto sleeper = prt::spawn([]() -> Task<> { co_return co_await prt::sleep(2ms); }());
    co_return co_await sleeper;
  }());
  EXPECT_TRUE(r.ok());
}

TEST_F(RuntimeTest, OneMillionTasksSpawnedAndJoined) {
  constexpr int kTasks = 1'000'000;
  auto main_task = []() -> Task<std::int64_t> {
    std::vector<JoinHandle<int>> hs;
    hs.reserve(kTasks);
    for (int i = 0; i < kTasks; ++i) hs.push_back(prt::spawn([](int v) -> Task<int> { co_return v; }(i)));
    std::int64_t sum = 0;
    for (auto& h : hs) {
      auto r = co_await h;
      if (!r) co_return r.error();
      sum += *r;
    }
    co_return sum;
  };
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on(main_task());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, static_cast<std::int64_t>(kTasks) * (kTasks - 1) / 2);
  prt::RuntimeStats st = rt.stats();
  EXPECT_EQ(st.tasks_spawned, static_cast<std::uint64_t>(kTasks) + 1);
  EXPECT_EQ(st.tasks_completed, static_cast<std::uint64_t>(kTasks) + 1);
}

// Destroying a runtime cancels every live task: sleeping, queued, never
// started, waiting on another task; their locals are destroyed and no frame
// leaks (the fixture counts frames; AddressSanitizer sees the rest).
TEST_F(RuntimeTest, DestroyedWithPendingTasksFreesEverything) {
  int drops = 0;
  JoinHandle<void> outside;
  {
    auto rt = prt_test::make_runtime();
    auto sleeper = [](int* d) -> Task<> {
      prt_test::DropCounter c(d);
      PRT_CO_TRY(co_await prt::sleep(1h));
      co_return prt::ok();
    };
    auto waiter = [](int* d, JoinHandle<void> other) -> Task<> {
      prt_test::DropCounter c(d);
      co_return co_await other;
    };
    auto r = rt.block_on([](int* d, decltype(sleeper) s, decltype(waiter) w, JoinHandle<void>* out) -> Task<> {
      auto a = prt::spawn(s(d));                         // will sleep
      auto b = prt::spawn(w(d, prt::spawn(s(d))));       // waits on a sleeper it owns
      *out = prt::spawn(s(d));                           // handle outlives the runtime
      (void)prt::spawn(s(d));                            // detached sleeper
      PRT_CO_TRY(co_await prt::sleep(1ms));              // let them all park
      (void)prt::spawn(s(d));                            // never started
      (void)a;
      (void)b;
      co_return prt::ok();                               // a and b are dropped: detached
    }(&drops, sleeper, waiter, &outside));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(drops, 0);
  }
  // Four sleepers and one waiter had started (the unstarted sleeper has no
  // locals yet); all are destroyed except the one whose handle is still held.
  // The waiter's frame held the handle of its sleeper: destroying the waiter
  // destroyed that sleeper too.
  EXPECT_EQ(drops, 4);
  EXPECT_TRUE(outside.is_finished());
  auto r = outside.take();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Cancelled));
  EXPECT_EQ(drops, 5);
}

TEST_F(RuntimeTest, StatsCountWhatHappened) {
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on([]() -> Task<> {
    auto h = prt::spawn([]() -> Task<> {
      PRT_CO_TRY(co_await prt::sleep(1ms));
      co_return prt::ok();
    }());
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(co_await h);
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok());
  prt::RuntimeStats st = rt.stats();
  EXPECT_EQ(st.tasks_spawned, 2u);
  EXPECT_EQ(st.tasks_completed, 2u);
  EXPECT_EQ(st.timers_fired, 1u);
  EXPECT_GE(st.driver_waits, 1u);
  EXPECT_GE(st.polls, 5u);  // main x3 (start, after yield, after join), child x2
  EXPECT_EQ(st.ready_depth, 0u);
  EXPECT_EQ(st.tasks_alive, 0u);
  EXPECT_EQ(st.timers_active, 0u);
}

TEST_F(RuntimeTest, RuntimesAreMovable) {
  auto rt = prt_test::make_runtime();
  auto h = rt.spawn([]() -> Task<int> { co_return 5; }());
  prt::Runtime moved = std::move(rt);
  auto r = moved.block_on([](JoinHandle<int>* h) -> Task<int> { co_return co_await *h; }(&h));
  EXPECT_EQ(*r, 5);
}

// ---- configuration ----------------------------------------------------------

TEST(RuntimeConfig, DefaultsAreValid) {
  prt::RuntimeConfig c;
  EXPECT_TRUE(c.validate().ok());
  EXPECT_EQ(c.runtime_type, prt::RuntimeType::SingleThreaded);
}

TEST(RuntimeConfig, BadValuesAreErrorsNamingTheField) {
  struct Case {
    const char* field;
    prt::RuntimeConfig config;
  };
  std::vector<Case> cases;
  auto add = [&](const char* field, auto mutate) {
    prt::RuntimeConfig c;
    mutate(c);
    cases.push_back({field, c});
  };
  add("worker_threads", [](prt::RuntimeConfig& c) { c.worker_threads = 0; });
  add("worker_threads", [](prt::RuntimeConfig& c) { c.worker_threads = 4; });  // single-threaded
  add("worker_threads", [](prt::RuntimeConfig& c) { c.worker_threads = 5000; });
  add("thread_name", [](prt::RuntimeConfig& c) { c.thread_name = ""; });
  add("thread_name", [](prt::RuntimeConfig& c) { c.thread_name = std::string("a\0b", 3); });
  add("stack_size", [](prt::RuntimeConfig& c) { c.stack_size = 1024; });
  add("stack_size", [](prt::RuntimeConfig& c) { c.stack_size = std::numeric_limits<std::size_t>::max(); });
  add("runtime_type", [](prt::RuntimeConfig& c) { c.runtime_type = prt::RuntimeType::BrowserEventLoop; });
  add("runtime_type", [](prt::RuntimeConfig& c) { c.runtime_type = static_cast<prt::RuntimeType>(42); });
  for (const Case& k : cases) {
    auto v = k.config.validate();
    ASSERT_FALSE(v.ok()) << k.field;
    EXPECT_NE(std::string(v.error().context()).find(k.field), std::string::npos) << v.error().context();
    auto rt = prt::Runtime::create(k.config);
    EXPECT_FALSE(rt.ok()) << k.field;
  }
  prt::RuntimeConfig browser;
  browser.runtime_type = prt::RuntimeType::BrowserEventLoop;
  EXPECT_TRUE(browser.validate().error().is(ErrorKind::PlatformNotSupported));
}

TEST(RuntimeConfig, GoodValuesAreAccepted) {
  prt::RuntimeConfig c;
  c.worker_threads = 1;
  c.thread_name = "portalis-worker-with-a-long-name";  // the OS truncates it
  c.stack_size = 256 * 1024;
  c.enable_io = false;
  EXPECT_TRUE(c.validate().ok());
  auto rt = prt::Runtime::create(c);
  ASSERT_TRUE(rt.ok());
  EXPECT_EQ(rt->config().stack_size, std::size_t{256 * 1024});
}

// Where the platform has no event loop of its own (every native program,
// WASI), run_in_host_loop refuses, and the task it was given never runs.
// tests/browser/host_loop.cpp runs the mode for real on the browser's main
// thread.
TEST_F(RuntimeTest, RunInHostLoopRefusesWithoutAHostLoop) {
  if (prt::sys::host_loop_supported()) GTEST_SKIP() << "this platform has a host loop (tests/browser)";
  auto rt = prt_test::make_runtime();
  bool ran = false, done_called = false;
  auto r = rt.run_in_host_loop(
      [](bool* flag) -> Task<int> {
        *flag = true;
        co_return 1;
      }(&ran),
      [](Result<int>, void* called) { *static_cast<bool*>(called) = true; }, &done_called);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::PlatformNotSupported)) << prt_test::describe(r.error());
  ASSERT_TRUE(rt.block_on([]() -> Task<> { co_return co_await prt::yield_now(); }()).ok());
  EXPECT_FALSE(ran);
  EXPECT_FALSE(done_called);
}

#if PRT_TEST_HAS_THREADS
TEST(RuntimeHostLoop, AMultiThreadedRuntimeIsRefused) {
  auto rt = prt_test::make_runtime(prt_test::config_for(2));
  bool ran = false;
  auto r = rt.run_in_host_loop(
      [](bool* flag) -> Task<> {
        *flag = true;
        co_return prt::ok();
      }(&ran),
      [](Result<void>, void*) {}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Runtime)) << prt_test::describe(r.error());
  ASSERT_TRUE(rt.block_on([]() -> Task<> { co_return co_await prt::yield_now(); }()).ok());
  EXPECT_FALSE(ran);
}
#else
PRT_SKIPPED_TEST(RuntimeHostLoop, AMultiThreadedRuntimeIsRefused)
#endif

}  // namespace
