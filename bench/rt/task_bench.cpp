// Task spawn/join and yield on the single-threaded runtime, with the cost of
// a bare coroutine (no runtime) measured in the same run as the floor.
#include <chrono>
#include <coroutine>

#include "bench_support.h"

namespace {

prt::Task<> empty_task() { co_return prt::ok(); }
prt::Task<int> value_task(int v) { co_return v; }

// spawn an empty task and join it: allocation, FIFO scheduling, completion,
// the joiner's wake-up and the frame's release.
void BM_SpawnJoin(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    for (auto _ : st) {
      auto h = prt::spawn(empty_task());
      auto r = co_await h;
      benchmark::DoNotOptimize(r);
    }
    co_return prt::ok();
  }(state));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SpawnJoin);

// The same, 1000 tasks at a time: spawn all, then join all.
void BM_SpawnJoinBatch(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  prt_bench::run(state, [](benchmark::State& st, int count) -> prt::Task<> {
    std::vector<prt::JoinHandle<int>> hs;
    hs.reserve(static_cast<std::size_t>(count));
    for (auto _ : st) {
      for (int i = 0; i < count; ++i) hs.push_back(prt::spawn(value_task(i)));
      for (auto& h : hs) {
        auto r = co_await h;
        benchmark::DoNotOptimize(r);
      }
      hs.clear();
    }
    co_return prt::ok();
  }(state, n));
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_SpawnJoinBatch)->Arg(1000);

// An awaited (not spawned) task: allocation and symmetric transfer only.
void BM_AwaitInlineTask(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    for (auto _ : st) {
      auto r = co_await value_task(1);
      benchmark::DoNotOptimize(r);
    }
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_AwaitInlineTask);

// One yield_now round trip through the ready list.
void BM_Yield(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    for (auto _ : st) {
      auto r = co_await prt::yield_now();
      benchmark::DoNotOptimize(r);
    }
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_Yield);

// 100,000 tasks held at once, each parked on a timer an hour away, on every
// target (BM_IdleTaskMemory holds 1,000,000 natively but reads glibc's and
// Linux's memory figures): counter tasks_parked is how many the wheel held,
// and the benchmark fails unless it is all of them. The time is spawning
// them, letting each run to its sleep, and the runtime's shutdown cancelling
// and freeing them.
prt::Task<> parked_for_an_hour() { co_return co_await prt::sleep(std::chrono::hours(1)); }

void BM_IdleTasksHeld(benchmark::State& state) {
  constexpr int kTasks = 100'000;
  std::size_t parked = 0;
  for (auto _ : state) {
    auto rt = prt_bench::make_runtime();
    auto r = rt.block_on([]() -> prt::Task<> {
      for (int i = 0; i < kTasks; ++i) (void)prt::spawn(parked_for_an_hour());  // detached
      co_return co_await prt::yield_now();                                     // every task runs and parks
    }());
    parked = rt.stats().timers_active;
    if (!r || parked != static_cast<std::size_t>(kTasks)) state.SkipWithError("the tasks did not all park");
  }
  state.counters["tasks_parked"] = static_cast<double>(parked);
}
BENCHMARK(BM_IdleTasksHeld)->Iterations(1)->Unit(benchmark::kMillisecond);

// Floor: a coroutine with the runtime's frame allocator but no runtime,
// created, resumed to completion and destroyed.
struct Bare {
  struct promise_type {
    static void* operator new(std::size_t n) noexcept { return prt::frame_alloc(n); }
    static void operator delete(void* p, std::size_t n) noexcept { prt::frame_free(p, n); }
    Bare get_return_object() noexcept { return Bare{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    static Bare get_return_object_on_allocation_failure() noexcept { return Bare{}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  std::coroutine_handle<promise_type> h;
};
Bare bare() { co_return; }

void BM_CoroutineBaseline(benchmark::State& state) {
  for (auto _ : state) {
    Bare b = bare();
    b.h.resume();
    benchmark::DoNotOptimize(b.h.done());
    b.h.destroy();
  }
}
BENCHMARK(BM_CoroutineBaseline);

}  // namespace
