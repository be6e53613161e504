// Memory benchmarks: what tasks, a runtime and channels cost while alive.
// Each runs once (Iterations(1)): the figures are the differences of two
// process-wide readings taken around the thing measured, not timings.
//
// The readings:
//   malloc (mallinfo2)  uordblks + hblkhd, summed over every arena: the bytes
//                       malloc has handed out, its chunk headers included,
//                       mmap'd chunks counted whole even where untouched
//   rss (statm)         resident pages, so 4 KiB granular and only what was
//                       touched; anon_rss leaves out file-backed (code) pages
// Before the first reading the frame cache and malloc are trimmed, so that
// free memory earlier benchmarks left is given back rather than silently
// reused.
//
// BM_IdleTaskMemory: 1,000,000 tasks, each parked on a timer an hour away.
// Counters (per task):
//   bytes_per_task      bytes malloc hands out for the tasks (mallinfo2: the
//                       frames, malloc's own chunk overhead, and anything the
//                       runtime allocated for them; the timer wheel and ready
//                       list are intrusive and allocate nothing)
//   rss_bytes_per_task  growth of the resident set, pages included
//   frame_bytes         the coroutine frame size the compiler asked for
//
// BM_RuntimeMemory, BM_MT_RuntimeMemory and BM_ChannelMemory: see their
// comments below.
#include <malloc.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

#include "bench_support.h"

using namespace std::chrono_literals;

namespace {

std::int64_t malloc_in_use() {
  struct mallinfo2 mi = mallinfo2();
  return static_cast<std::int64_t>(mi.uordblks + mi.hblkhd);
}

// The resident set (statm's second field). `anon`, if given, gets the part
// that no file backs (resident minus statm's third field, `shared`): heap,
// stacks and mmap'd chunks, without code pages, which the kernel maps up to
// 64 KiB at a time on first use (fault-around) and a process pays once,
// whatever it creates. The first call faults in stdio's scanf itself, so a
// benchmark that measures a few pages primes it before its baseline (for
// BM_IdleTaskMemory's million tasks that is noise).
std::int64_t resident_bytes(std::int64_t* anon = nullptr) {
  long pages = 0, resident = 0, file_backed = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld %ld", &pages, &resident, &file_backed) != 3) resident = file_backed = 0;
    std::fclose(f);
  }
  if (anon) *anon = static_cast<std::int64_t>(resident - file_backed) * 4096;
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
  std::size_t parked = 0;
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
    parked = rt.stats().timers_active;
    if (parked != static_cast<std::size_t>(kTasks)) state.SkipWithError("tasks did not all park");
  }  // the runtime's destruction cancels and frees the tasks
  // perf/targets.toml's max_tasks: how many tasks were held parked at once.
  state.counters["tasks_parked"] = static_cast<double>(parked);
  state.counters["bytes_per_task"] = static_cast<double>(m.malloc_delta) / kTasks;
  state.counters["rss_bytes_per_task"] = static_cast<double>(m.rss_delta) / kTasks;
  state.counters["frame_bytes"] = static_cast<double>(m.frame_bytes);
}
BENCHMARK(BM_IdleTaskMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

struct RuntimeFootprint {
  std::int64_t malloc_delta = 0;
  std::int64_t rss_delta = 0;
  std::int64_t anon_rss_delta = 0;
  std::int64_t frame_span_delta = 0;  // part of malloc_delta
};

prt::Result<void> run_empty_task(prt::Runtime& rt) {
  return rt.block_on([]() -> prt::Task<> { co_return prt::ok(); }());
}

// Creates a runtime, runs an empty task on it with block_on and takes the
// readings with the runtime still alive (its destruction gives it all back,
// which is not what a program that keeps its runtime pays). A single-
// threaded runtime made, used and destroyed first takes the process's
// one-time costs (the code faulted in, the readers primed); then the frame
// cache and malloc are trimmed, which also gives back the frame span the
// warm-up took, so the measured runtime pays for one again. False on
// failure.
bool measure_runtime(const prt::RuntimeConfig& config, RuntimeFootprint& out) {
  {
    auto warm = prt::Runtime::create();
    if (!warm || !run_empty_task(*warm)) return false;
  }
  (void)resident_bytes();  // primed (see resident_bytes)
  prt::frame_cache_trim();
  malloc_trim(0);
  std::int64_t anon_before = 0;
  const std::int64_t malloc_before = malloc_in_use();
  const std::int64_t rss_before = resident_bytes(&anon_before);
  const std::size_t spans_before = prt::frame_memory().reserved_bytes;
  auto rt = prt::Runtime::create(config);
  if (!rt || !run_empty_task(*rt)) return false;
  std::int64_t anon_after = 0;
  out.malloc_delta = malloc_in_use() - malloc_before;
  out.rss_delta = resident_bytes(&anon_after) - rss_before;
  out.anon_rss_delta = anon_after - anon_before;
  out.frame_span_delta = static_cast<std::int64_t>(prt::frame_memory().reserved_bytes - spans_before);
  return true;
}

void report(benchmark::State& state, const RuntimeFootprint& m) {
  state.counters["bytes"] = static_cast<double>(m.malloc_delta);
  state.counters["rss_bytes"] = static_cast<double>(m.rss_delta);
  state.counters["anon_rss_bytes"] = static_cast<double>(m.anon_rss_delta);
  state.counters["frame_span_bytes"] = static_cast<double>(m.frame_span_delta);
}

// One single-threaded runtime, created, given an empty task with block_on,
// and measured while alive. Its own objects are the executor (8.6 KiB, the
// timer wheel's 8 levels of 64 list heads being 8 KiB of it), the poller
// (an epoll and an eventfd: kernel memory, in neither reading) and the
// blocking pool's shared state (no thread starts before the first job).
// The empty task's frame is what brings in the rest: the frame cache
// reserves a 256 KiB span on a thread's first frame (frame_span_bytes, part
// of bytes), and the frame, freed, stays cached there for the next task.
// That span is per thread, not per runtime (a second runtime on the thread
// reuses it), and only the pages touched are resident, so rss_bytes, the
// figure the peers report, counts one page of it while bytes counts all of
// it: bytes - frame_span_bytes is what the runtime itself holds. The warm-
// up (measure_runtime) keeps the first runtime's code pages out, so
// rss_bytes and anon_rss_bytes agree here.
void BM_RuntimeMemory(benchmark::State& state) {
  RuntimeFootprint m;
  for (auto _ : state) {
    if (!measure_runtime(prt::RuntimeConfig{}, m)) state.SkipWithError("runtime create or block_on failed");
  }
  report(state, m);
}
BENCHMARK(BM_RuntimeMemory)->Iterations(1)->Unit(benchmark::kMicrosecond);

// The same for a multi-threaded runtime with 2 workers (mt_bench.cpp's
// size). On top of the scheduler's own state come the workers: each thread's
// stack (mmap'd by pthread, so not in bytes; resident as far as touched),
// and glibc's arena that a new thread's first malloc sets up (its used
// bytes are in bytes). The warm-up is single-threaded on purpose: glibc
// keeps joined threads' stacks and arenas for the next threads, so warming
// up with workers would hide theirs. The multi-threaded scheduler's code is
// then faulted in during the measurement, and rss_bytes counts it;
// anon_rss_bytes leaves code pages out and is the runtime's own figure.
// After earlier multi-threaded runtimes in the process both come out lower
// (the reused stacks and arenas are resident already).
void BM_MT_RuntimeMemory(benchmark::State& state) {
  prt::RuntimeConfig config;
  config.runtime_type = prt::RuntimeType::MultiThreaded;
  config.worker_threads = 2;
  RuntimeFootprint m;
  for (auto _ : state) {
    if (!measure_runtime(config, m)) state.SkipWithError("runtime create or block_on failed");
  }
  report(state, m);
}
BENCHMARK(BM_MT_RuntimeMemory)->Iterations(1)->Unit(benchmark::kMicrosecond);

struct ChannelFootprint {
  std::int64_t empty_malloc = 0, empty_rss = 0;
  std::int64_t full_malloc = 0, full_rss = 0;
};

// 10,000 bounded channels of capacity 100 (std::uint64_t values) alive at
// once, first empty, then each filled to capacity. The buffer is lazy: a
// channel allocates only its shared state up front, and its ring (rt/sync/
// ring.h) starts at 4 slots and doubles as values come, so an empty
// channel is far cheaper than its capacity suggests, and a full one holds a
// 128-slot ring (1 KiB; the smaller rings it outgrew are freed and reused by
// the next channel's growth). Both figures count, since peers size their
// buffers differently: *_per_channel is the empty channel (the peers'
// channel_memory figure), *_per_full_channel the state plus the full ring,
// readings again from the same baseline. The channels live in a vector made
// and touched before the baseline, so its 160 KB are not counted; the
// readings are taken inside the task (whose frame is live already), so its
// frame span is not counted either.
void BM_ChannelMemory(benchmark::State& state) {
  constexpr int kChannels = 10'000;
  constexpr std::size_t kCapacity = 100;
  using Pair = std::pair<prt::Sender<std::uint64_t>, prt::Receiver<std::uint64_t>>;
  ChannelFootprint m;
  for (auto _ : state) {
    prt::frame_cache_trim();
    malloc_trim(0);
    auto rt = prt_bench::make_runtime();
    auto r = rt.block_on([](ChannelFootprint* out) -> prt::Task<> {
      std::vector<Pair> channels(kChannels);  // empty handles, every page written
      (void)resident_bytes();                  // primed (see resident_bytes)
      const std::int64_t malloc_before = malloc_in_use();
      const std::int64_t rss_before = resident_bytes();
      for (auto& c : channels) c = prt::channel<std::uint64_t>(kCapacity);
      out->empty_malloc = malloc_in_use() - malloc_before;
      out->empty_rss = resident_bytes() - rss_before;
      for (auto& [tx, rx] : channels) {
        for (std::uint64_t v = 0; v < kCapacity; ++v) {
          auto s = tx.try_send(v);  // never waits: there is room for all of them
          if (!s) co_return s.error();
        }
        if (!rx.full()) co_return prt::Error(prt::ErrorKind::Other, "a channel did not fill");
      }
      out->full_malloc = malloc_in_use() - malloc_before;
      out->full_rss = resident_bytes() - rss_before;
      co_return prt::ok();
    }(&m));
    if (!r) {
      char msg[256];
      r.error().format(msg, sizeof msg);
      state.SkipWithError(msg);
    }
  }
  state.counters["bytes_per_channel"] = static_cast<double>(m.empty_malloc) / kChannels;
  state.counters["rss_bytes_per_channel"] = static_cast<double>(m.empty_rss) / kChannels;
  state.counters["bytes_per_full_channel"] = static_cast<double>(m.full_malloc) / kChannels;
  state.counters["rss_bytes_per_full_channel"] = static_cast<double>(m.full_rss) / kChannels;
}
BENCHMARK(BM_ChannelMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
