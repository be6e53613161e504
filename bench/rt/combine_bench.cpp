// Combinators (rt/combine/) on the single-threaded executor.
//
//   BM_JoinAll1000     join_all over 1000 tasks that each return at once: an
//                      iteration spawns, runs and joins all of them (items:
//                      tasks, so the per-item time is the cost of one task
//                      through join_all)
//   BM_Gather1000      the same through gather (a JoinSet: results arrive in
//                      completion order, one turn after each task ends)
//   BM_TaskGroup1000   1000 members of a TaskGroup, run() to the end
#include "bench_support.h"

namespace {

constexpr int kTasks = 1000;

prt::Task<int> leaf(int i) { co_return i; }

std::vector<prt::Task<int>> leaves() {
  std::vector<prt::Task<int>> v;
  v.reserve(kTasks);
  for (int i = 0; i < kTasks; ++i) v.push_back(leaf(i));
  return v;
}

void BM_JoinAll1000(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    for (auto _ : st) {
      auto all = co_await prt::join_all(leaves());
      if (!all || all->size() != kTasks) co_return prt::Error(prt::ErrorKind::Other, "join_all");
      benchmark::DoNotOptimize(all);
    }
    st.SetItemsProcessed(st.iterations() * kTasks);
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_JoinAll1000);

void BM_Gather1000(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    for (auto _ : st) {
      auto all = co_await prt::gather(leaves());
      if (!all || all->size() != kTasks) co_return prt::Error(prt::ErrorKind::Other, "gather");
      benchmark::DoNotOptimize(all);
    }
    st.SetItemsProcessed(st.iterations() * kTasks);
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_Gather1000);

void BM_TaskGroup1000(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    for (auto _ : st) {
      prt::TaskGroup group;
      PRT_CO_TRY(co_await group.run([](prt::TaskGroup& g) -> prt::Task<> {
        for (int i = 0; i < kTasks; ++i) PRT_CO_TRY(g.spawn(leaf(i)));
        co_return prt::ok();
      }));
    }
    st.SetItemsProcessed(st.iterations() * kTasks);
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_TaskGroup1000);

}  // namespace
