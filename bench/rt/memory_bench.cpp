// Memory per idle task: 1,000,000 tasks, each parked on a timer an hour away.
//
// Counters (per task):
//   bytes_per_task      bytes malloc hands out for the tasks (mallinfo2: the
//                       frames, malloc's own chunk overhead, and anything the
//                       runtime allocated for them; the timer wheel and ready
//                       list are intrusive and allocate nothing)
//   rss_bytes_per_task  growth of the resident set, pages included
//   frame_bytes         the coroutine frame size the compiler asked for
#include <malloc.h>

#include <chrono>
#include <cstdio>

#include "bench_support.h"

using namespace std::chrono_literals;

namespace {

std::int64_t malloc_in_use() {
  struct mallinfo2 mi = mallinfo2();
  return static_cast<std::int64_t>(mi.uordblks + mi.hblkhd);
}

std::int64_t resident_bytes() {
  long pages = 0, resident = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<std::int64_t>(resident) * 4096;
}

prt::Task<> idle() { co_return co_await prt::sleep(1h); }

struct Measured {
  std::int64_t malloc_delta = 0;
  std::int64_t rss_delta = 0;
  std::int64_t frame_bytes = 0;
};

void BM_IdleTaskMemory(benchmark::State& state) {
  constexpr int kTasks = 1'000'000;
  Measured m;
  for (auto _ : state) {
    prt::frame_cache_trim();
    malloc_trim(0);
    auto rt = prt_bench::make_runtime();
    std::int64_t malloc_before = malloc_in_use();
    std::int64_t rss_before = resident_bytes();
    prt::FrameStats frames_before = prt::frame_stats();
    auto r = rt.block_on([](Measured* out, std::int64_t mb, std::int64_t rb, prt::FrameStats fb) -> prt::Task<> {
      for (int i = 0; i < kTasks; ++i) (void)prt::spawn(idle());  // detached
      PRT_CO_TRY(co_await prt::yield_now());                      // every task runs and parks
      out->malloc_delta = malloc_in_use() - mb;
      out->rss_delta = resident_bytes() - rb;
      // This task's own frame is already live at `fb`, so the delta is theirs.
      out->frame_bytes = (prt::frame_stats().live_bytes - fb.live_bytes) / kTasks;
      co_return prt::ok();
    }(&m, malloc_before, rss_before, frames_before));
    if (!r) state.SkipWithError("block_on failed");
    if (rt.stats().timers_active != static_cast<std::size_t>(kTasks)) state.SkipWithError("tasks did not all park");
  }  // the runtime's destruction cancels and frees the tasks
  state.counters["bytes_per_task"] = static_cast<double>(m.malloc_delta) / kTasks;
  state.counters["rss_bytes_per_task"] = static_cast<double>(m.rss_delta) / kTasks;
  state.counters["frame_bytes"] = static_cast<double>(m.frame_bytes);
}
BENCHMARK(BM_IdleTaskMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
