// Timers: wheel insert/cancel, timeout overhead, and sleep precision against
// the OS's own timed wait measured in the same run.
#include <chrono>
#include <memory>
#include <random>
#include <vector>

#include "bench_support.h"
#include "rt/platform.h"
#include "rt/timer_wheel.h"

using namespace std::chrono_literals;

namespace {

using prt::detail::TimerEntry;
using prt::detail::TimerWheel;

bool ignore(prt::detail::WaitNode*, prt::detail::WaitOp) noexcept { return true; }

void insert_cancel_loop(benchmark::State& state, TimerWheel& wheel, std::int64_t base) {
  TimerEntry e;
  e.fn = &ignore;
  std::int64_t i = 0;
  for (auto _ : state) {
    // 10 ms out, spread over 1024 distinct microseconds: several slots.
    e.deadline_ns = base + 10'000'000 + (i++ & 1023) * 1000;
    wheel.insert(&e);
    wheel.remove(&e);
  }
  state.SetItemsProcessed(state.iterations());
}

// Insert one timer into the wheel and cancel it.
void BM_TimerInsertCancel(benchmark::State& state) {
  std::int64_t now = prt::sys::monotonic_ns();
  TimerWheel wheel(now);
  insert_cancel_loop(state, wheel, now);
}
BENCHMARK(BM_TimerInsertCancel);

// The same with 100,000 other timers spread over the next hour.
void BM_TimerInsertCancelLoaded(benchmark::State& state) {
  std::int64_t now = prt::sys::monotonic_ns();
  TimerWheel wheel(now);
  std::vector<TimerEntry> others(100'000);
  std::mt19937_64 rng(1);
  for (TimerEntry& o : others) {
    o.fn = &ignore;
    o.deadline_ns = now + static_cast<std::int64_t>(rng() % 3'600'000'000'000ULL);
    wheel.insert(&o);
  }
  insert_cancel_loop(state, wheel, now);
  wheel.detach_all();
}
BENCHMARK(BM_TimerInsertCancelLoaded);

// A timeout that does not fire, around an operation that completes at once:
// the timeout's frame, arming and disarming its timer, and a clock read.
void BM_TimeoutNotFired(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    for (auto _ : st) {
      auto r = co_await prt::timeout(1s, []() -> prt::Task<int> { co_return 1; }());
      benchmark::DoNotOptimize(r);
    }
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_TimeoutNotFired);

void report_lateness(benchmark::State& state, std::vector<std::int64_t>& late_ns) {
  state.counters["p50_late_us"] = prt_bench::percentile(late_ns, 50) / 1000.0;
  state.counters["p99_late_us"] = prt_bench::percentile(late_ns, 99) / 1000.0;
  state.counters["max_late_us"] = prt_bench::percentile(late_ns, 100) / 1000.0;
  state.counters["min_late_us"] = prt_bench::percentile(late_ns, 0) / 1000.0;
}

// sleep(d) repeated; lateness is the wake-up time minus the deadline. The
// argument is d in microseconds.
void BM_SleepPrecision(benchmark::State& state) {
  std::vector<std::int64_t> late;
  late.reserve(static_cast<std::size_t>(state.max_iterations));
  prt_bench::run(state, [](benchmark::State& st, std::vector<std::int64_t>* out) -> prt::Task<> {
    const prt::Duration d = std::chrono::microseconds(st.range(0));
    for (auto _ : st) {
      prt::Instant deadline = prt::Clock::now() + d;
      PRT_CO_TRY(co_await prt::sleep(d));
      out->push_back((prt::Clock::now() - deadline).count());
    }
    co_return prt::ok();
  }(state, &late));
  report_lateness(state, late);
}
BENCHMARK(BM_SleepPrecision)->ArgName("us")->Arg(1000)->Arg(100)->Iterations(400)->UseRealTime()->Unit(benchmark::kMicrosecond);
// The seeds' sleep-precision figures are for sleep(20ms) (native, WASI) and
// sleep(50ms) (the browser); 100 and 40 samples, 2 s each.
BENCHMARK(BM_SleepPrecision)->ArgName("us")->Arg(20000)->Iterations(100)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SleepPrecision)->ArgName("us")->Arg(50000)->Iterations(40)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The floor: the same waits made directly on the platform's poller with
// precise timers on, no runtime in between.
void BM_SleepPrecisionOsBaseline(benchmark::State& state) {
  auto poller = prt::sys::poller_create(prt::sys::kPollerDefault);
  if (!poller) {
    state.SkipWithError("poller_create failed");
    return;
  }
  std::uint64_t mode = prt::sys::precise_timers_begin();
  const std::int64_t d = state.range(0) * 1000;
  std::vector<std::int64_t> late;
  prt::sys::PollEvent ev[4];
  for (auto _ : state) {
    std::int64_t deadline = prt::sys::monotonic_ns() + d;
    std::int64_t now;
    while ((now = prt::sys::monotonic_ns()) < deadline) (void)prt::sys::poller_wait(*poller, ev, 4, deadline - now);
    late.push_back(prt::sys::monotonic_ns() - deadline);
  }
  prt::sys::precise_timers_end(mode);
  prt::sys::poller_destroy(*poller);
  report_lateness(state, late);
}
BENCHMARK(BM_SleepPrecisionOsBaseline)->ArgName("us")->Arg(1000)->Arg(100)->Iterations(400)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
