// The multi-threaded scheduler on the four workloads of tokio's
// benches/rt_multi_threaded.rs, with 2 workers (bench/peers/tokio runs the
// same workloads on tokio; bench/peers/compare prints them side by side).
// As there, completion is signalled through a blocking channel that the
// benchmark's own thread (not a worker) waits on. Time is per iteration.
#include <atomic>
#include <memory>

#include "bench_support.h"

namespace {

namespace th = prt::threading;

prt::Runtime mt_runtime() {
  prt::RuntimeConfig c;
  c.runtime_type = prt::RuntimeType::MultiThreaded;
  c.worker_threads = 2;
  auto rt = prt::Runtime::create(c);
  if (!rt) std::abort();
  return std::move(*rt);
}

// Scheduler behaviour per iteration, next to the time: steals and parks show
// how the work spread over the workers.
void report_scheduler(benchmark::State& state, const prt::Runtime& rt, const prt::RuntimeStats& before) {
  const prt::RuntimeStats after = rt.stats();
  const auto per_iter = [&](std::uint64_t a, std::uint64_t b) {
    return benchmark::Counter(static_cast<double>(a - b), benchmark::Counter::kAvgIterations);
  };
  state.counters["polls"] = per_iter(after.polls, before.polls);
  state.counters["steals"] = per_iter(after.steals, before.steals);
  state.counters["parks"] = per_iter(after.parks, before.parks);
}

struct Done {
  th::Sender<int> tx;
  th::Receiver<int> rx;
  Done() {
    auto ch = th::bounded_channel<int>(1000);
    if (!ch) std::abort();
    tx = std::move(ch->first);
    rx = std::move(ch->second);
  }
};

// 10,000 tasks spawned from one task; the last to finish signals.
void BM_MT_SpawnMany(benchmark::State& state) {
  constexpr long kSpawn = 10'000;
  auto rt = mt_runtime();
  Done done;
  std::atomic<long> rem{0};
  const prt::RuntimeStats before = rt.stats();
  for (auto _ : state) {
    rem.store(kSpawn, std::memory_order_relaxed);
    auto r = rt.block_on([](th::Sender<int>* tx, std::atomic<long>* left) -> prt::Task<> {
      for (long i = 0; i < kSpawn; ++i) {
        (void)prt::spawn([](th::Sender<int>* t, std::atomic<long>* l) -> prt::Task<> {
          if (l->fetch_sub(1, std::memory_order_relaxed) == 1) (void)t->send(1);
          co_return prt::ok();
        }(tx, left));
      }
      co_return prt::ok();
    }(&done.tx, &rem));
    (void)r;
    (void)done.rx.recv();
  }
  report_scheduler(state, rt, before);
  state.SetItemsProcessed(state.iterations() * kSpawn);
}
BENCHMARK(BM_MT_SpawnMany)->UseRealTime()->Unit(benchmark::kMicrosecond);

// 200 tasks, each yielding 1,000 times, spawned from outside the runtime.
void BM_MT_YieldMany(benchmark::State& state) {
  constexpr int kTasks = 200;
  constexpr int kYields = 1'000;
  auto rt = mt_runtime();
  Done done;
  const prt::RuntimeStats before = rt.stats();
  for (auto _ : state) {
    for (int t = 0; t < kTasks; ++t) {
      (void)rt.spawn([](th::Sender<int>* tx) -> prt::Task<> {
        for (int i = 0; i < kYields; ++i) PRT_CO_TRY(co_await prt::yield_now());
        (void)tx->send(1);
        co_return prt::ok();
      }(&done.tx));
    }
    for (int t = 0; t < kTasks; ++t) (void)done.rx.recv();
  }
  report_scheduler(state, rt, before);
  state.SetItemsProcessed(state.iterations() * kTasks * kYields);
}
BENCHMARK(BM_MT_YieldMany)->UseRealTime()->Unit(benchmark::kMicrosecond);

// 1,000 pings: each spawns a pong, and the two exchange a oneshot each way.
void BM_MT_PingPong(benchmark::State& state) {
  constexpr long kPings = 1'000;
  auto rt = mt_runtime();
  Done done;
  std::atomic<long> rem{0};
  const prt::RuntimeStats before = rt.stats();
  for (auto _ : state) {
    rem.store(kPings, std::memory_order_relaxed);
    auto r = rt.block_on([](th::Sender<int>* tx, std::atomic<long>* left) -> prt::Task<> {
      (void)prt::spawn([](th::Sender<int>* t, std::atomic<long>* l) -> prt::Task<> {
        for (long i = 0; i < kPings; ++i) {
          (void)prt::spawn([](th::Sender<int>* t2, std::atomic<long>* l2) -> prt::Task<> {
            auto [tx1, rx1] = prt::oneshot<int>();
            auto [tx2, rx2] = prt::oneshot<int>();
            (void)prt::spawn([](prt::OneshotReceiver<int> in, prt::OneshotSender<int> out) -> prt::Task<> {
              PRT_CO_TRY(co_await in);
              PRT_CO_TRY(out.send(1));
              co_return prt::ok();
            }(std::move(rx1), std::move(tx2)));
            PRT_CO_TRY(tx1.send(1));
            PRT_CO_TRY(co_await rx2);
            if (l2->fetch_sub(1, std::memory_order_relaxed) == 1) (void)t2->send(1);
            co_return prt::ok();
          }(t, l));
        }
        co_return prt::ok();
      }(tx, left));
      co_return prt::ok();
    }(&done.tx, &rem));
    (void)r;
    (void)done.rx.recv();
  }
  report_scheduler(state, rt, before);
  state.SetItemsProcessed(state.iterations() * kPings);
}
BENCHMARK(BM_MT_PingPong)->UseRealTime()->Unit(benchmark::kMicrosecond);

// A chain of 1,000 tasks, each spawning the next; the last signals.
prt::Task<> chain(th::Sender<int>* tx, int n) {
  if (n == 0) {
    (void)tx->send(1);
  } else {
    (void)prt::spawn(chain(tx, n - 1));
  }
  co_return prt::ok();
}

void BM_MT_ChainedSpawn(benchmark::State& state) {
  constexpr int kIter = 1'000;
  auto rt = mt_runtime();
  Done done;
  const prt::RuntimeStats before = rt.stats();
  for (auto _ : state) {
    auto r = rt.block_on([](th::Sender<int>* tx) -> prt::Task<> {
      (void)prt::spawn(chain(tx, kIter));
      co_return prt::ok();
    }(&done.tx));
    (void)r;
    (void)done.rx.recv();
  }
  report_scheduler(state, rt, before);
  state.SetItemsProcessed(state.iterations() * kIter);
}
BENCHMARK(BM_MT_ChainedSpawn)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
