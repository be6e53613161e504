// Thread-level primitives: the MPSC queue, the futex mutex, blocking
// channels, thread creation. std::mutex is measured beside our Mutex in the
// same run as the peer.
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

// One push and one pop per iteration, one thread, with 64 items standing in
// the queue: the steady state of a queue that is being drained as it fills.
void BM_MpscPushPop(benchmark::State& state) {
  MpscQueue q;
  std::vector<MpscNode> nodes(65);
  for (int i = 0; i < 64; ++i) q.push(&nodes[static_cast<std::size_t>(i)]);
  MpscNode* spare = &nodes[64];
  for (auto _ : state) {
    q.push(spare);
    spare = q.pop();
    benchmark::DoNotOptimize(spare);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MpscPushPop);

// The same, draining the queue every time: each pop takes the last node,
// which costs the consumer a second exchange (it re-links the stub).
void BM_MpscPushPopEmpty(benchmark::State& state) {
  MpscQueue q;
  MpscNode node;
  for (auto _ : state) {
    q.push(&node);
    benchmark::DoNotOptimize(q.pop());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MpscPushPopEmpty);

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

void BM_MutexUncontended(benchmark::State& state) {
  th::Mutex m;
  for (auto _ : state) {
    m.lock();
    benchmark::ClobberMemory();
    m.unlock();
  }
}
BENCHMARK(BM_MutexUncontended);

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

// The floor under any lock+unlock that takes one atomic read-modify-write to
// lock and one to unlock (a compare-and-swap on x86 is a locked instruction,
// a full barrier): what BM_MutexUncontended cannot beat on the host it runs on.
void BM_MutexFloorTwoRmw(benchmark::State& state) {
  std::atomic<std::uint32_t> word{0};
  for (auto _ : state) {
    std::uint32_t expected = 0;
    (void)word.compare_exchange_weak(expected, 1, std::memory_order_acquire, std::memory_order_relaxed);
    benchmark::ClobberMemory();
    expected = 1;
    (void)word.compare_exchange_strong(expected, 0, std::memory_order_release, std::memory_order_relaxed);
  }
}
BENCHMARK(BM_MutexFloorTwoRmw);

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

// send + recv on one thread, unbounded channel.
void BM_ChannelSendRecv(benchmark::State& state) {
  auto [tx, rx] = th::channel<int>();
  for (auto _ : state) {
    (void)tx.send(1);
    benchmark::DoNotOptimize(rx.recv());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ChannelSendRecv);

void BM_ChannelSendRecvBounded(benchmark::State& state) {
  auto ch = th::bounded_channel<int>(1024);
  for (auto _ : state) {
    (void)ch->first.send(1);
    benchmark::DoNotOptimize(ch->second.recv());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ChannelSendRecvBounded);

// A producer thread streams messages, this thread receives; time per message.
void BM_ChannelCrossThread(benchmark::State& state) {
  auto ch = th::bounded_channel<std::int64_t>(1024);
  th::Sender<std::int64_t> tx = std::move(ch->first);
  th::Receiver<std::int64_t> rx = std::move(ch->second);
  const std::int64_t total = state.max_iterations;
  std::thread producer([&tx, total] {
    for (std::int64_t i = 0; i < total; ++i) (void)tx.send(i);
  });
  for (auto _ : state) benchmark::DoNotOptimize(rx.recv());
  producer.join();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ChannelCrossThread)->Iterations(2'000'000)->UseRealTime();

void BM_ChannelCrossThreadUnbounded(benchmark::State& state) {
  auto ch = th::channel<std::int64_t>();
  th::Sender<std::int64_t> tx = std::move(ch.first);
  th::Receiver<std::int64_t> rx = std::move(ch.second);
  const std::int64_t total = state.max_iterations;
  std::thread producer([&tx, total] {
    for (std::int64_t i = 0; i < total; ++i) (void)tx.send(i);
  });
  for (auto _ : state) benchmark::DoNotOptimize(rx.recv());
  producer.join();
  state.SetItemsProcessed(state.iterations());
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
