// bench-lite: the part of Google Benchmark's API that bench/ uses, for
// targets Google Benchmark does not build for (WASI: no threads, no
// exceptions, no std::mutex in its libc++).
//
// A benchmark source compiles unchanged against either library, and the
// binaries take the same flags and print the same names and the same JSON
// (bench/lite/check-compat runs one program against both and compares), so
// scripts that read Google Benchmark's output read ours. What is supported:
//
//   BENCHMARK(fn)->Arg(n)->ArgName("x")->Iterations(n)->Repetitions(n)
//                ->MinTime(s)->Threads(n)->Unit(u)->UseRealTime()
//   State: range-for and KeepRunning, range(i), iterations(), max_iterations,
//          counters, SetItemsProcessed, SetBytesProcessed, SetLabel,
//          SkipWithError, PauseTiming/ResumeTiming, threads(), thread_index()
//   Counter flags: kIsRate, kAvgIterations, kIsIterationInvariant and their
//          combinations
//   DoNotOptimize, ClobberMemory, Initialize, ReportUnrecognizedArguments,
//   RunSpecifiedBenchmarks, Shutdown, BENCHMARK_MAIN
//   Flags: --benchmark_filter, --benchmark_min_time, --benchmark_repetitions,
//          --benchmark_report_aggregates_only, --benchmark_display_aggregates_only,
//          --benchmark_format, --benchmark_out, --benchmark_out_format,
//          --benchmark_list_tests, --benchmark_context, --benchmark_color (ignored)
//
// Threads(n) runs the function on n threads at once, as Google Benchmark
// does: each runs the same number of iterations; they start and stop their
// timed loops together; the run reports the iterations of all of them, the
// average of their wall times and the sum of their CPU times, counters
// summed over the threads (kAvgThreads divides by n). Where the target has
// no threads (BENCH_LITE_THREADS is 0) Threads(n > 1) reports an error for
// that benchmark instead; its name keeps the /threads:n suffix so nothing
// silently changes.
//
// Configuration:
//   BENCH_LITE_THREADS   1 to run Threads(n > 1) on std::threads; default 1,
//                        or 0 where libc++ is built without threads (WASI)
//
// Differences, all deliberate:
//   - CPU time is the calling thread's CPU clock where the host provides one;
//     where it does not (jco's WASI), it is the wall-clock time, and the JSON
//     context says so ("cpu_clock": "wall").
//   - DoNotOptimize always passes the value's address to the empty asm
//     statement (the value is stored to memory). Google Benchmark keeps small
//     values in a register; the "r,m" constraint it uses for them crashes
//     clang 19's WebAssembly back end.
#pragma once

#ifndef BENCH_LITE_THREADS
#if defined(_LIBCPP_HAS_NO_THREADS)
#define BENCH_LITE_THREADS 0
#else
#define BENCH_LITE_THREADS 1
#endif
#endif

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace benchmark {

using IterationCount = std::int64_t;

enum TimeUnit { kNanosecond, kMicrosecond, kMillisecond, kSecond };

class Counter {
 public:
  enum Flags {
    kDefaults = 0,
    kIsRate = 1 << 0,  // divided by the benchmark's CPU seconds
    kAvgThreads = 1 << 1,  // divided by the number of threads
    kAvgThreadsRate = kIsRate | kAvgThreads,
    kIsIterationInvariant = 1 << 2,  // multiplied by the iteration count
    kIsIterationInvariantRate = kIsRate | kIsIterationInvariant,
    kAvgIterations = 1 << 3,  // divided by the iteration count
    kAvgIterationsRate = kIsRate | kAvgIterations,
  };
  enum OneK { kIs1000 = 1000, kIs1024 = 1024 };

  Counter(double v = 0.0, Flags f = kDefaults, OneK k = kIs1000) : value(v), flags(f), oneK(k) {}
  operator double const&() const { return value; }
  operator double&() { return value; }

  double value;
  Flags flags;
  OneK oneK;
};

using UserCounters = std::map<std::string, Counter>;

namespace internal {
class Benchmark;
struct Run;
class Runner;
struct ThreadSync;
}  // namespace internal

class State {
 public:
  // Marked unused so `for (auto _ : state)` draws no warning.
  struct __attribute__((unused)) Value {};
  // The range-for loop's iterator: counts down from max_iterations, and
  // ends the timed region when it reaches zero.
  class Iterator {
   public:
    Value operator*() const { return {}; }
    Iterator& operator++() {
      --remaining_;
      return *this;
    }
    bool operator!=(const Iterator&) {
      if (remaining_ != 0) [[likely]]
        return true;
      state_->finish_timing();
      return false;
    }

   private:
    friend class State;
    Iterator() = default;
    Iterator(State* s, IterationCount n) : state_(s), remaining_(n) {}
    State* state_ = nullptr;
    IterationCount remaining_ = 0;
  };

  Iterator begin() {
    start_timing();
    return Iterator(this, error_occurred_ ? 0 : max_iterations);
  }
  Iterator end() { return Iterator(); }

  bool KeepRunning() {
    if (!started_) start_timing();
    if (keep_running_left_ > 0 && !error_occurred_) {
      --keep_running_left_;
      return true;
    }
    finish_timing();
    return false;
  }

  void PauseTiming();
  void ResumeTiming();
  void SkipWithError(const char* msg);
  void SkipWithError(const std::string& msg) { SkipWithError(msg.c_str()); }
  bool error_occurred() const { return error_occurred_; }

  void SetItemsProcessed(std::int64_t n) { items_processed_ = n; }
  std::int64_t items_processed() const { return items_processed_; }
  void SetBytesProcessed(std::int64_t n) { bytes_processed_ = n; }
  std::int64_t bytes_processed() const { return bytes_processed_; }
  void SetLabel(const std::string& label) { label_ = label; }

  std::int64_t range(std::size_t pos = 0) const { return pos < args_.size() ? args_[pos] : 0; }
  // The number of iterations run: max_iterations once the loop has ended.
  IterationCount iterations() const { return finished_ ? max_iterations : 0; }
  int threads() const { return threads_; }
  int thread_index() const { return thread_index_; }

  const IterationCount max_iterations;
  UserCounters counters;

 private:
  friend class internal::Runner;
  State(IterationCount iterations, std::vector<std::int64_t> args, int thread_index = 0, int threads = 1,
        internal::ThreadSync* sync = nullptr)
      : max_iterations(iterations),
        keep_running_left_(iterations),
        args_(std::move(args)),
        thread_index_(thread_index),
        threads_(threads),
        sync_(sync) {}
  void start_timing();
  void finish_timing();

  IterationCount keep_running_left_;
  std::vector<std::int64_t> args_;
  int thread_index_;
  int threads_;
  // Threads(n > 1): where the n threads meet before and after their loops.
  internal::ThreadSync* sync_;
  bool started_ = false;
  bool finished_ = false;
  bool paused_ = false;
  bool error_occurred_ = false;
  std::string error_message_;
  std::string label_;
  std::int64_t items_processed_ = 0;
  std::int64_t bytes_processed_ = 0;
  // Accumulated while timing runs; real from the monotonic clock, cpu from
  // the thread's CPU clock (or the monotonic clock where there is none).
  std::int64_t real_ns_ = 0;
  std::int64_t cpu_ns_ = 0;
  std::int64_t real_start_ = 0;
  std::int64_t cpu_start_ = 0;
};

namespace internal {

using Function = void (*)(State&);

// How a family is instantiated and run: what the builder calls set.
struct BenchmarkOptions {
  std::string name;
  Function fn = nullptr;
  std::vector<std::int64_t> args;  // one instance per value; none: one instance
  std::string arg_name;
  IterationCount iterations = 0;   // 0: searched for (benchmark.cpp, step 2)
  int repetitions = 0;             // 0: --benchmark_repetitions
  double min_time = 0;             // 0: --benchmark_min_time
  std::vector<int> threads;        // empty: one thread, no /threads: suffix
  TimeUnit unit = kNanosecond;
  bool use_real_time = false;
};

// One registered family.
class Benchmark {
 public:
  Benchmark(const char* name, Function fn) {
    options_.name = name;
    options_.fn = fn;
  }
  Benchmark* Arg(std::int64_t x);
  Benchmark* ArgName(const std::string& name);
  Benchmark* Iterations(IterationCount n);
  Benchmark* Repetitions(int n);
  Benchmark* MinTime(double seconds);
  Benchmark* Threads(int n);
  Benchmark* Unit(TimeUnit unit);
  Benchmark* UseRealTime();
  const BenchmarkOptions& options() const { return options_; }

 private:
  BenchmarkOptions options_;
};

Benchmark* RegisterBenchmarkInternal(const char* name, Function fn);

}  // namespace internal

// Keeps `value` (and everything it points at) from being optimized away: the
// asm statement may read and, through the memory clobber, write it.
template <class T>
inline __attribute__((always_inline)) void DoNotOptimize(T const& value) {
  asm volatile("" : : "r"(&value) : "memory");
}
inline __attribute__((always_inline)) void ClobberMemory() { asm volatile("" : : : "memory"); }

void Initialize(int* argc, char** argv);
// Prints an error for every argument Initialize left; true if there was one.
bool ReportUnrecognizedArguments(int argc, char** argv);
std::size_t RunSpecifiedBenchmarks();
void Shutdown();

}  // namespace benchmark

#define BENCHMARK_PRIVATE_CONCAT2(a, b) a##b
#define BENCHMARK_PRIVATE_CONCAT(a, b) BENCHMARK_PRIVATE_CONCAT2(a, b)
#define BENCHMARK_PRIVATE_NAME(n) BENCHMARK_PRIVATE_CONCAT(benchmark_lite_registered_, BENCHMARK_PRIVATE_CONCAT(n, __LINE__))
#define BENCHMARK(fn)                                                                         \
  [[maybe_unused]] static ::benchmark::internal::Benchmark* BENCHMARK_PRIVATE_NAME(fn) = \
      ::benchmark::internal::RegisterBenchmarkInternal(#fn, fn)

#define BENCHMARK_MAIN()                                                   \
  int main(int argc, char** argv) {                                        \
    ::benchmark::Initialize(&argc, argv);                                  \
    if (::benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;    \
    ::benchmark::RunSpecifiedBenchmarks();                                 \
    ::benchmark::Shutdown();                                               \
    return 0;                                                              \
  }
