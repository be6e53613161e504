// Thread-level primitives measured on one thread: the MPSC queue, the futex
// mutex uncontended, blocking channels that never block. Nothing here starts
// a thread, so these run on every target (WASI included); the cross-thread
// figures and std's peers are in threading_cross_bench.cpp.
#include <atomic>
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

void BM_MutexUncontended(benchmark::State& state) {
  th::Mutex m;
  for (auto _ : state) {
    m.lock();
    benchmark::ClobberMemory();
    m.unlock();
  }
}
BENCHMARK(BM_MutexUncontended);

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

}  // namespace
