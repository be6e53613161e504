// benchmark::benchmark_main for bench-lite: the same main Google Benchmark's
// benchmark_main library provides.
#include "benchmark/benchmark.h"

BENCHMARK_MAIN();
