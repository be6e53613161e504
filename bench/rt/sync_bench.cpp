// Async primitives (rt/sync/) on the single-threaded executor.
//
//   BM_AsyncMutexUncontended   lock + unlock by one task, nobody waiting
//   BM_AsyncMutexContended     4 tasks each lock, yield while holding, unlock;
//                              an iteration is one turn around all four
//                              (items: lock+unlock pairs, hand-offs included)
//   BM_MpscAsyncSendRecv       send then recv on a bounded channel, one task
//   BM_MpscAsyncPingPong       two tasks bounce a value over two channels; an
//                              iteration is one round trip (two hand-offs, two
//                              task switches)
//   BM_OneshotSendRecv         make a oneshot, send, receive (one task)
//   BM_NotifyWake              a waiting task woken by notify_one and back:
//                              an iteration is one wake-up plus its reply
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

void BM_MpscAsyncSendRecv(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    auto [tx, rx] = prt::channel<std::uint64_t>(64);
    std::uint64_t i = 0;
    for (auto _ : st) {
      auto s = co_await tx.send(i++);
      if (!s) co_return s.error();
      auto v = co_await rx.recv();
      if (!v) co_return v.error();
      benchmark::DoNotOptimize(*v);
    }
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_MpscAsyncSendRecv);

void BM_MpscAsyncPingPong(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    auto [ping_tx, ping_rx] = prt::channel<std::uint64_t>(1);
    auto [pong_tx, pong_rx] = prt::channel<std::uint64_t>(1);
    auto echo = prt::spawn([](prt::Receiver<std::uint64_t> in_param, prt::Sender<std::uint64_t> out_param) -> prt::Task<> {
      auto in = std::move(in_param);
      auto out = std::move(out_param);
      for (;;) {
        auto v = co_await in.recv();
        if (!v) co_return prt::ok();  // the benchmark closed it
        auto s = co_await out.send(*v + 1);
        if (!s) co_return s.error();
      }
    }(std::move(ping_rx), std::move(pong_tx)));
    std::uint64_t x = 0;
    for (auto _ : st) {
      auto s = co_await ping_tx.send(x);
      if (!s) co_return s.error();
      auto v = co_await pong_rx.recv();
      if (!v) co_return v.error();
      x = *v;
    }
    { auto close = std::move(ping_tx); }
    PRT_CO_TRY(co_await echo);
    if (x != static_cast<std::uint64_t>(st.iterations())) co_return prt::Error(prt::ErrorKind::Other, "lost a round trip");
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_MpscAsyncPingPong);

void BM_OneshotSendRecv(benchmark::State& state) {
  prt_bench::run(state, [](benchmark::State& st) -> prt::Task<> {
    int i = 0;
    for (auto _ : st) {
      auto [tx, rx] = prt::oneshot<int>();
      (void)tx.send(i++);
      auto v = co_await rx;
      if (!v) co_return v.error();
      benchmark::DoNotOptimize(*v);
    }
    co_return prt::ok();
  }(state));
}
BENCHMARK(BM_OneshotSendRecv);

void BM_NotifyWake(benchmark::State& state) {
  prt::Notify to_waiter, to_bench;
  bool stop = false;
  prt_bench::run(state, [](benchmark::State& st, prt::Notify* to_waiter, prt::Notify* to_bench,
                           bool* stop) -> prt::Task<> {
    auto waiter = prt::spawn([](prt::Notify* in, prt::Notify* out, bool* stop) -> prt::Task<> {
      for (;;) {
        PRT_CO_TRY(co_await in->notified());
        if (*stop) co_return prt::ok();
        out->notify_one();
      }
    }(to_waiter, to_bench, stop));
    for (auto _ : st) {
      to_waiter->notify_one();
      PRT_CO_TRY(co_await to_bench->notified());
    }
    *stop = true;
    to_waiter->notify_one();
    co_return co_await waiter;
  }(state, &to_waiter, &to_bench, &stop));
}
BENCHMARK(BM_NotifyWake);

}  // namespace
