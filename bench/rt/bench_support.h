// Helpers shared by the bench_rt benchmarks.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "rt/prt.h"

namespace prt_bench {

inline prt::Runtime make_runtime() {
  auto rt = prt::Runtime::create();
  if (!rt) {
    std::fputs("bench: Runtime::create failed\n", stderr);
    std::abort();
  }
  return std::move(*rt);
}

// Runs `task` on a fresh runtime; a failure ends the benchmark with an error.
template <class T>
void run(benchmark::State& state, prt::Task<T> task) {
  auto rt = make_runtime();
  auto r = rt.block_on(std::move(task));
  if (!r) {
    char msg[256];
    r.error().format(msg, sizeof msg);
    state.SkipWithError(msg);
  }
}

// Nearest-rank percentile of a sample (sorted in place), in the sample's unit.
inline double percentile(std::vector<std::int64_t>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return static_cast<double>(v[std::min(rank, v.size() - 1)]);
}

}  // namespace prt_bench
