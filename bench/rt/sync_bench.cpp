// Async primitives (rt/sync/) on the single-threaded executor.
//
//   BM_AsyncMutexUncontended   lock + unlock by one task, nobody waiting
//   BM_AsyncMutexContended     4 tasks each lock, yield while holding, unlock;
//                              an iteration is one turn around all four
//                              (items: lock+unlock pairs, hand-offs included)
#include "bench_support.h"

namespace {

void BM_AsyncMutexUncontended(benchmark::State& state) {
  prt::Mutex m;
  prt_bench::run(state, [](benchmark::State& st, prt::Mutex* m) -> prt::Task<> {
    for (auto _ : st) {
      auto g = co_await m->lock();
      benchmark::DoNotOptimize(g);
    }
    co_return prt::ok();
  }(state, &m));
}
BENCHMARK(BM_AsyncMutexUncontended);

void BM_AsyncMutexContended(benchmark::State& state) {
  constexpr int kTasks = 4;
  prt::Mutex m;
  bool stop = false;
  prt_bench::run(state, [](benchmark::State& st, prt::Mutex* m, bool* stop) -> prt::Task<> {
    // Three tasks contend all along; the benchmark's own task is the fourth,
    // so one iteration is one turn of the lock around all four.
    std::vector<prt::JoinHandle<void>> others;
    for (int t = 1; t < kTasks; ++t) {
      others.push_back(prt::spawn([](prt::Mutex* m, bool* stop) -> prt::Task<> {
        while (!*stop) {
          auto g = co_await m->lock();
          if (!g) co_return g.error();
          PRT_CO_TRY(co_await prt::yield_now());  // the others queue meanwhile
        }
        co_return prt::ok();
      }(m, stop)));
    }
    for (auto _ : st) {
      auto g = co_await m->lock();
      if (!g) co_return g.error();
      PRT_CO_TRY(co_await prt::yield_now());
    }
    *stop = true;
    for (auto& h : others) PRT_CO_TRY(co_await h);
    st.SetItemsProcessed(st.iterations() * kTasks);  // lock+unlock pairs
    co_return prt::ok();
  }(state, &m, &stop));
}
BENCHMARK(BM_AsyncMutexContended);

}  // namespace
