// A benchmark program whose output is known in advance, built twice (with
// Google Benchmark and with bench-lite) so bench/lite/check-compat can hold
// both to the same expectations: names, iteration counts, counters, errors,
// repetitions and aggregates.
#include <benchmark/benchmark.h>

#include <cstdint>

namespace {

// The search for an iteration count ends with at least one iteration.
void BM_Loop(benchmark::State& state) {
  std::int64_t sum = 0;
  for (auto _ : state) {
    sum += 1;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["sum_matches"] = sum == state.iterations() ? 1 : 0;
}
BENCHMARK(BM_Loop);

// Arguments, their name in the benchmark's name, and fixed iterations.
void BM_Args(benchmark::State& state) {
  std::int64_t seen = 0;
  for (auto _ : state) ++seen;
  state.counters["arg"] = static_cast<double>(state.range(0));
  state.counters["seen"] = static_cast<double>(seen);
}
BENCHMARK(BM_Args)->ArgName("n")->Arg(3)->Arg(5)->Iterations(7);

// The KeepRunning form of the loop.
void BM_KeepRunning(benchmark::State& state) {
  std::int64_t seen = 0;
  while (state.KeepRunning()) ++seen;
  state.counters["seen"] = static_cast<double>(seen);
}
BENCHMARK(BM_KeepRunning)->Iterations(11);

// Counter flags: per iteration, times iterations.
void BM_Counters(benchmark::State& state) {
  for (auto _ : state) benchmark::ClobberMemory();
  const double n = static_cast<double>(state.iterations());
  state.counters["avg_two"] = benchmark::Counter(2 * n, benchmark::Counter::kAvgIterations);
  state.counters["times_n"] = benchmark::Counter(3, benchmark::Counter::kIsIterationInvariant);
  state.counters["plain"] = 42;
}
BENCHMARK(BM_Counters)->Iterations(20);

// A benchmark that fails reports its message and no aggregates.
void BM_Fails(benchmark::State& state) {
  for (auto _ : state) {
  }
  state.SkipWithError("expected failure");
}
BENCHMARK(BM_Fails)->Iterations(3);

// Units and wall-clock time in the name.
void BM_RealTimeMicros(benchmark::State& state) {
  for (auto _ : state) benchmark::ClobberMemory();
}
BENCHMARK(BM_RealTimeMicros)->UseRealTime()->Unit(benchmark::kMicrosecond)->Iterations(5);

// Repetitions fixed by the benchmark itself, and timing paused.
void BM_Repeats(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    benchmark::ClobberMemory();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_Repeats)->Repetitions(3)->Iterations(10);

// Threads(2): each thread runs the full count; the report sums the
// iterations and counters of both (kAvgThreads divides by the threads).
void BM_Threads(benchmark::State& state) {
  std::int64_t seen = 0;
  for (auto _ : state) ++seen;
  state.counters["seen"] = static_cast<double>(seen);
  state.counters["thread_index_sum"] = state.thread_index();
  state.counters["threads_avg"] = benchmark::Counter(state.threads(), benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_Threads)->Threads(2)->Iterations(10);

}  // namespace
