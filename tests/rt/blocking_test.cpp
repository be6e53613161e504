// spawn_blocking and the blocking pool, on the single-threaded runtime and on
// 1, 2 and 4 workers.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "rt/prt.h"
#include "test_support.h"

namespace {

using namespace std::chrono_literals;
using prt::ErrorKind;
using prt::Task;
namespace th = prt::threading;

// Polls `cond` for up to 10 s; the pool's threads run on their own schedule.
template <class Cond>
bool eventually(Cond cond) {
  for (int i = 0; i < 10'000; ++i) {
    if (cond()) return true;
    std::this_thread::sleep_for(1ms);
  }
  return cond();
}

class Blocking : public ::testing::TestWithParam<int> {
 protected:
  prt::Runtime make(prt::RuntimeConfig c = {}) {
    prt::RuntimeConfig base = prt_test::config_for(GetParam());
    base.max_blocking_threads = c.max_blocking_threads;
    base.blocking_keep_alive = c.blocking_keep_alive;
    return prt_test::make_runtime(base);
  }
};
INSTANTIATE_TEST_SUITE_P(Runtimes, Blocking, prt_test::kRuntimeKinds, prt_test::runtime_kind_name);

TEST_P(Blocking, RunsOnAnotherThreadAndReturnsTheValue) {
  auto rt = make();
  auto r = rt.block_on([]() -> Task<bool> {
    std::thread::id task_thread = std::this_thread::get_id();
    auto h = prt::spawn_blocking([] {
      std::this_thread::sleep_for(20ms);  // the loop waits without calling it a deadlock
      return std::this_thread::get_id();
    });
    auto id = co_await h;
    if (!id) co_return id.error();
    co_return *id != task_thread;
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_TRUE(*r);
}

TEST_P(Blocking, VoidAndResultFunctions) {
  auto rt = make();
  std::atomic<int> ran{0};
  auto r = rt.block_on([](std::atomic<int>* ran) -> Task<> {
    PRT_CO_TRY(co_await prt::spawn_blocking([ran] { ran->fetch_add(1); }));
    auto ok = co_await prt::spawn_blocking([]() -> prt::Result<int> { return 7; });
    if (!ok || *ok != 7) co_return prt::Error(ErrorKind::Other, "Result<int> value lost");
    auto bad = co_await prt::spawn_blocking([]() -> prt::Result<int> { return prt::Error(ErrorKind::Io, "disk"); });
    if (bad || !bad.error().is(ErrorKind::Io)) co_return prt::Error(ErrorKind::Other, "error not passed through");
    co_return prt::ok();
  }(&ran));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(ran.load(), 1);
}

TEST_P(Blocking, RunsAtMostMaxThreadsAtOnceAndQueuesTheRest) {
  prt::RuntimeConfig c;
  c.max_blocking_threads = 2;
  auto rt = make(c);
  std::atomic<int> running{0}, most{0}, done{0};
  th::Event release;
  std::vector<prt::JoinHandle<void>> hs;
  for (int i = 0; i < 5; ++i) {
    hs.push_back(rt.spawn_blocking([&] {
      int now = running.fetch_add(1) + 1;
      int m = most.load();
      while (now > m && !most.compare_exchange_weak(m, now)) {
      }
      release.wait();
      running.fetch_sub(1);
      done.fetch_add(1);
    }));
  }
  ASSERT_TRUE(eventually([&] { return running.load() == 2; }));
  std::this_thread::sleep_for(20ms);  // a third thread would start meanwhile
  EXPECT_EQ(running.load(), 2);
  EXPECT_EQ(rt.stats().blocking_threads, 2u);
  release.set();
  auto r = rt.block_on([](std::vector<prt::JoinHandle<void>>* hs) -> Task<> {
    for (auto& h : *hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  }(&hs));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(done.load(), 5);
  EXPECT_EQ(most.load(), 2);
}

// Two jobs queued back to back get two threads: the second is not left
// behind the first while a thread is free to start.
TEST_P(Blocking, JobsQueuedTogetherRunTogether) {
  auto rt = make();
  th::Barrier both(2);
  auto r = rt.block_on([](th::Barrier* b) -> Task<> {
    // Times out (an error) if the two never run at the same time.
    auto h1 = prt::spawn_blocking([b] { return b->wait(10'000'000'000); });
    auto h2 = prt::spawn_blocking([b] { return b->wait(10'000'000'000); });
    PRT_CO_TRY(co_await h1);
    PRT_CO_TRY(co_await h2);
    co_return prt::ok();
  }(&both));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_P(Blocking, AbortBeforeItStartsMeansItNeverRuns) {
  prt::RuntimeConfig c;
  c.max_blocking_threads = 1;
  auto rt = make(c);
  th::Event release;
  std::atomic<bool> started{false}, skipped_ran{false};
  auto first = rt.spawn_blocking([&] {
    started.store(true);
    release.wait();
  });
  ASSERT_TRUE(eventually([&] { return started.load(); }));
  auto r = rt.block_on([](std::atomic<bool>* skipped_ran, th::Event* release) -> Task<> {
    auto h = prt::spawn_blocking([skipped_ran] { skipped_ran->store(true); });
    h.abort();
    auto aborted = co_await h;
    if (aborted.ok() || !aborted.error().is(ErrorKind::Cancelled)) {
      co_return prt::Error(ErrorKind::Other, "an aborted blocking job did not report Cancelled");
    }
    release->set();
    // The pool runs in order on its one thread: once this one ran, the
    // aborted job's turn has passed.
    co_return co_await prt::spawn_blocking([] {});
  }(&skipped_ran, &release));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_FALSE(skipped_ran.load());
  EXPECT_TRUE(first.is_finished() || eventually([&] { return first.is_finished(); }));
}

TEST_P(Blocking, AbortWhileItRunsReportsCancelledAndLetsItFinish) {
  auto rt = make();
  th::Event release;
  std::atomic<bool> started{false}, finished{false};
  auto r = rt.block_on([](th::Event* release, std::atomic<bool>* started, std::atomic<bool>* finished) -> Task<> {
    auto h = prt::spawn_blocking([=] {
      started->store(true);
      release->wait();
      finished->store(true);
      return 5;
    });
    while (!started->load()) PRT_CO_TRY(co_await prt::sleep(1ms));
    h.abort();
    auto v = co_await h;  // at once: the running job is not waited for
    if (v.ok() || !v.error().is(ErrorKind::Cancelled)) co_return prt::Error(ErrorKind::Other, "not cancelled");
    co_return prt::ok();
  }(&release, &started, &finished));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_FALSE(finished.load());
  release.set();
  EXPECT_TRUE(eventually([&] { return finished.load(); }));
}

TEST_P(Blocking, IdleThreadsExitAfterTheKeepAlive) {
  prt::RuntimeConfig c;
  c.blocking_keep_alive = 20ms;
  auto rt = make(c);
  EXPECT_EQ(rt.stats().blocking_threads, 0u);  // none before the first job
  auto r = rt.block_on([]() -> Task<int> { co_return co_await prt::spawn_blocking([] { return 1; }); }());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(eventually([&] { return rt.stats().blocking_threads == 0; }));
  // and a new job starts a new thread
  r = rt.block_on([]() -> Task<int> { co_return co_await prt::spawn_blocking([] { return 2; }); }());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 2);
}

TEST_P(Blocking, ShutdownCancelsQueuedJobsAndWaitsForRunningOnes) {
  prt::RuntimeConfig c;
  c.max_blocking_threads = 1;
  auto rt = make(c);
  std::atomic<bool> started{false}, first_done{false}, second_ran{false};
  auto first = rt.spawn_blocking([&] {
    started.store(true);
    std::this_thread::sleep_for(30ms);
    first_done.store(true);
  });
  auto second = rt.spawn_blocking([&] { second_ran.store(true); });
  ASSERT_TRUE(eventually([&] { return started.load(); }));
  ASSERT_TRUE(rt.shutdown().ok());
  EXPECT_TRUE(first_done.load());  // waited for
  EXPECT_FALSE(second_ran.load());
  EXPECT_EQ(rt.stats().blocking_threads, 0u);
  EXPECT_TRUE(first.take().error().is(ErrorKind::Cancelled));
  EXPECT_TRUE(second.take().error().is(ErrorKind::Cancelled));
  // After shutdown nothing runs.
  auto late = rt.spawn_blocking([&] { second_ran.store(true); });
  EXPECT_TRUE(late.take().error().is(ErrorKind::Spawn));
  EXPECT_FALSE(second_ran.load());
}

TEST_P(Blocking, ShutdownFromABlockingJobIsAnError) {
  auto rt = make();
  auto r = rt.block_on([](prt::Runtime* rt) -> Task<bool> {
    auto e = co_await prt::spawn_blocking([rt] { return rt->shutdown(); });
    if (!e.ok()) co_return e.error().is(ErrorKind::Runtime);
    co_return false;
  }(&rt));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_TRUE(*r);
}

TEST_P(Blocking, ManyShortJobsAllComplete) {
  prt::RuntimeConfig c;
  c.max_blocking_threads = 8;
  auto rt = make(c);
  auto r = rt.block_on([]() -> Task<long> {
    std::vector<prt::JoinHandle<long>> hs;
    for (long i = 0; i < 2000; ++i) hs.push_back(prt::spawn_blocking([i] { return i; }));
    long sum = 0;
    for (auto& h : hs) {
      auto v = co_await h;
      if (!v) co_return v.error();
      sum += *v;
    }
    co_return sum;
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(*r, 1999L * 2000 / 2);
  EXPECT_LE(rt.stats().blocking_threads, 8u);
}

TEST(BlockingOutsideARuntime, IsASpawnErrorAndNeverRuns) {
  bool ran = false;
  auto h = prt::spawn_blocking([&] { ran = true; });
  auto r = h.take();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().is(ErrorKind::Spawn));
  EXPECT_FALSE(ran);
}

TEST(BlockingConfig, BadValuesAreErrors) {
  prt::RuntimeConfig c;
  c.max_blocking_threads = 0;
  EXPECT_FALSE(prt::Runtime::create(c).ok());
  c.max_blocking_threads = 100'000;
  EXPECT_FALSE(prt::Runtime::create(c).ok());
  c.max_blocking_threads = 4;
  c.blocking_keep_alive = -1ms;
  auto r = prt::Runtime::create(c);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.error().context()).find("blocking_keep_alive"), std::string::npos);
}

// ---- the pool underneath, through ThreadPool --------------------------------------

TEST(ThreadsPoolKeepAlive, StartsThreadsOnDemandAndRetiresThem) {
  auto pool = th::ThreadPool::create({.threads = 3, .keep_alive_ns = 20'000'000});
  ASSERT_TRUE(pool.ok());
  EXPECT_EQ(pool->size(), 0u);
  EXPECT_EQ(pool->submit([] { return 1; }).get().value_or(0), 1);
  EXPECT_GE(pool->size(), 1u);
  EXPECT_TRUE(eventually([&] { return pool->size() == 0; }));
  // Jobs after the retirement still run, on new threads.
  std::vector<th::Future<int>> fs;
  for (int i = 0; i < 50; ++i) fs.push_back(pool->submit([i] { return i; }));
  int sum = 0;
  for (auto& f : fs) sum += f.get().value_or(-1000);
  EXPECT_EQ(sum, 49 * 50 / 2);
  EXPECT_LE(pool->size(), 3u);
}

// Threads retire and start while jobs keep arriving from several threads:
// every job runs exactly once (run under TSan).
TEST(ThreadsPoolKeepAlive, ChurnNeverLosesAJob) {
  auto pool = th::ThreadPool::create({.threads = 4, .keep_alive_ns = 100'000});  // 0.1 ms
  ASSERT_TRUE(pool.ok());
  std::atomic<int> ran{0};
  std::vector<std::thread> submitters;
  std::vector<std::vector<th::Future<void>>> futures(3);
  for (int s = 0; s < 3; ++s) {
    submitters.emplace_back([&, s] {
      for (int i = 0; i < 300; ++i) {
        futures[s].push_back(pool->submit([&] { ran.fetch_add(1); }));
        if (i % 16 == 0) std::this_thread::sleep_for(200us);  // let threads idle out
      }
    });
  }
  for (auto& t : submitters) t.join();
  for (auto& fs : futures) {
    for (auto& f : fs) EXPECT_TRUE(f.get().ok());
  }
  EXPECT_EQ(ran.load(), 900);
}

TEST(ThreadsPoolKeepAlive, ShutdownFromInsideAJobDoesNotHang) {
  auto pool = th::ThreadPool::create({.threads = 2});
  ASSERT_TRUE(pool.ok());
  th::ThreadPool* p = &*pool;
  auto f = pool->submit([p] { p->shutdown(); return 3; });
  EXPECT_EQ(f.get().value_or(0), 3);
  auto after = pool->submit([] { return 4; });
  EXPECT_TRUE(after.get().error().is(ErrorKind::Runtime));
}  // the destructor, on this thread, joins the thread that ran the job

}  // namespace
