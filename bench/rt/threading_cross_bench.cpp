// Thread-level primitives across threads, and std's mutex and thread beside
// ours as peers in the same run. Every benchmark here starts a thread (or
// needs std::mutex), so targets without threads leave this file out.
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "rt/mpsc_queue.h"

namespace {

namespace th = prt::threading;
using prt::detail::MpscNode;
using prt::detail::MpscQueue;

// Two producer threads push, this thread pops; time per item received.
void BM_MpscContended(benchmark::State& state) {
  constexpr int kProducers = 2;
  constexpr int kNodes = 4096;
  MpscQueue q;
  // Each producer recycles its own nodes: a node is pushed again only after
  // the consumer handed it back through `returned`.
  struct Node : MpscNode {
    std::atomic<bool> in_queue{false};
  };
  std::vector<std::unique_ptr<Node[]>> nodes;
  for (int p = 0; p < kProducers; ++p) nodes.emplace_back(new Node[kNodes]);
  std::atomic<bool> stop{false};
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      int i = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        Node& n = nodes[static_cast<std::size_t>(p)][i];
        if (!n.in_queue.load(std::memory_order_acquire)) {
          n.in_queue.store(true, std::memory_order_relaxed);
          q.push(&n);
        }
        i = (i + 1) % kNodes;
      }
    });
  }
  for (auto _ : state) {
    MpscNode* n;
    while (!(n = q.pop())) {
    }
    static_cast<Node*>(n)->in_queue.store(false, std::memory_order_release);
  }
  stop.store(true);
  for (auto& t : producers) t.join();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MpscContended)->UseRealTime();

void BM_StdMutexUncontended(benchmark::State& state) {
  // glibc drops the lock prefix while the process has never started a
  // thread; a program with a runtime always has, so measure it that way.
  std::thread([] {}).join();
  std::mutex m;
  for (auto _ : state) {
    m.lock();
    benchmark::ClobberMemory();
    m.unlock();
  }
}
BENCHMARK(BM_StdMutexUncontended);

// Two threads increment one counter under the lock; time per lock+unlock.
template <class M>
void contended(benchmark::State& state) {
  static M m;
  static long counter = 0;
  for (auto _ : state) {
    m.lock();
    ++counter;
    m.unlock();
  }
  benchmark::DoNotOptimize(counter);
}
void BM_MutexContended(benchmark::State& state) { contended<th::Mutex>(state); }
BENCHMARK(BM_MutexContended)->Threads(2)->UseRealTime();

void BM_StdMutexContended(benchmark::State& state) { contended<std::mutex>(state); }
BENCHMARK(BM_StdMutexContended)->Threads(2)->UseRealTime();

// A producer thread streams messages, this thread receives; time per message.
void stream_across_threads(benchmark::State& state, th::Sender<std::int64_t> tx, th::Receiver<std::int64_t> rx) {
  const std::int64_t total = state.max_iterations;
  std::thread producer([&tx, total] {
    for (std::int64_t i = 0; i < total; ++i) (void)tx.send(i);
  });
  for (auto _ : state) benchmark::DoNotOptimize(rx.recv());
  producer.join();
  state.SetItemsProcessed(state.iterations());
}

void BM_ChannelCrossThread(benchmark::State& state) {
  auto ch = th::bounded_channel<std::int64_t>(1024);
  stream_across_threads(state, std::move(ch->first), std::move(ch->second));
}
BENCHMARK(BM_ChannelCrossThread)->Iterations(2'000'000)->UseRealTime();

void BM_ChannelCrossThreadUnbounded(benchmark::State& state) {
  auto ch = th::channel<std::int64_t>();
  stream_across_threads(state, std::move(ch.first), std::move(ch.second));
}
BENCHMARK(BM_ChannelCrossThreadUnbounded)->Iterations(2'000'000)->UseRealTime();

// Create a thread that does nothing and join it.
void BM_ThreadSpawnJoin(benchmark::State& state) {
  for (auto _ : state) {
    auto t = th::Thread::spawn([] {});
    if (!t || !t->join()) state.SkipWithError("thread spawn/join failed");
  }
}
BENCHMARK(BM_ThreadSpawnJoin)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_StdThreadSpawnJoin(benchmark::State& state) {
  for (auto _ : state) std::thread([] {}).join();
}
BENCHMARK(BM_StdThreadSpawnJoin)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
