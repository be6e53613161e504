// Thread-level primitives across threads, and std's mutex and thread beside
// ours as peers in the same run. Every benchmark here starts a thread (or
// needs std::mutex), so targets without threads leave this file out.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
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

// Two threads bounce a counter over two capacity-1 channels, the echo
// thread adding one: an iteration is one round trip (two hand-offs, each
// waking the other thread unless its brief spin in recv caught the value).
// The counter must come back as the number of round trips, so a lost or
// doubled message is an error rather than a fast figure. The echo thread
// starts before the timed loop and stops when the ping sender goes. The
// figure depends on there being a core for each thread: then the spin
// catches nearly every value and a round trip is a few hundred ns; on a
// busy machine the two share a core, every hand-off parks, and it takes
// microseconds, as BM_StdThreadPingPong always does.
void BM_ThreadPingPong(benchmark::State& state) {
  auto ping = th::bounded_channel<std::int64_t>(1);
  auto pong = th::bounded_channel<std::int64_t>(1);
  if (!ping || !pong) {
    state.SkipWithError("bounded_channel failed");
    return;
  }
  auto ping_tx = std::move(ping->first);
  auto pong_rx = std::move(pong->second);
  auto echo = th::Thread::spawn([in = std::move(ping->second), out = std::move(pong->first)]() mutable {
    for (;;) {
      auto v = in.recv();
      if (!v) return;  // the benchmark closed it
      if (!out.send(*v + 1)) return;
    }
  });
  if (!echo) {
    state.SkipWithError("thread spawn failed");
    return;
  }
  std::int64_t x = 0;
  const char* failed = nullptr;
  for (auto _ : state) {
    if (!ping_tx.send(x)) {
      failed = "send failed";
      break;
    }
    auto v = pong_rx.recv();
    if (!v) {
      failed = "recv failed";
      break;
    }
    x = *v;
  }
  { auto close = std::move(ping_tx); }
  if (!echo->join() && !failed) failed = "thread join failed";
  if (!failed && x != static_cast<std::int64_t>(state.iterations())) failed = "lost a round trip";
  if (failed) state.SkipWithError(failed);
}
BENCHMARK(BM_ThreadPingPong)->UseRealTime();

// A one-value mailbox on std::mutex and std::condition_variable: what a
// capacity-1 blocking channel is without prt, for BM_StdThreadPingPong.
// A sender waits while the slot is full, a receiver while it is empty; the
// notify comes after the unlock, so the woken thread does not wake into a
// held lock.
class StdSlot {
 public:
  void send(std::int64_t v) {
    {
      std::unique_lock<std::mutex> g(m_);
      cv_.wait(g, [this] { return !value_; });
      value_ = v;
    }
    // One cv serves both sides: with one sender and one receiver only one
    // of them can be waiting (the slot is full or empty), so one wake does.
    cv_.notify_one();
  }
  // Empty once the slot is empty and closed.
  std::optional<std::int64_t> recv() {
    std::optional<std::int64_t> v;
    {
      std::unique_lock<std::mutex> g(m_);
      cv_.wait(g, [this] { return value_ || closed_; });
      v = std::exchange(value_, std::nullopt);
    }
    cv_.notify_one();
    return v;
  }
  void close() {
    {
      std::lock_guard<std::mutex> g(m_);
      closed_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::optional<std::int64_t> value_;
  bool closed_ = false;
};

// BM_ThreadPingPong's workload with std::thread and two StdSlots: the in-run
// baseline for it. A condition variable parks at once (no spin), so each
// hand-off pays a futex wake and a context switch.
void BM_StdThreadPingPong(benchmark::State& state) {
  StdSlot ping, pong;
  std::thread echo([&ping, &pong] {
    while (auto v = ping.recv()) pong.send(*v + 1);
  });
  std::int64_t x = 0;
  for (auto _ : state) {
    ping.send(x);
    auto v = pong.recv();  // never closed: only the echo thread sends on it
    x = v.value_or(-1);
  }
  ping.close();
  echo.join();
  if (x != static_cast<std::int64_t>(state.iterations())) state.SkipWithError("lost a round trip");
}
BENCHMARK(BM_StdThreadPingPong)->UseRealTime();

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
