// prt::threading Thread, ThreadPool/Future and blocking channels.
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

namespace {

namespace th = prt::threading;
using prt::ErrorKind;
using prt::Result;

constexpr std::int64_t kMs = 1'000'000;

// ---- Thread -----------------------------------------------------------------

TEST(ThreadsThread, RunsNamesAndJoins) {
  std::atomic<bool> ran{false};
  [[maybe_unused]] char name[32] = {};
  th::ThreadOptions opts;
  opts.name = "prt-test";
  opts.stack_size = 128 * 1024;
  auto t = th::Thread::spawn(
      [&] {
#if PRT_TEST_READS_THREAD_NAMES
        pthread_getname_np(pthread_self(), name, sizeof name);
#endif
        ran = true;
      },
      opts);
  ASSERT_TRUE(t.ok()) << prt_test::describe(t.error());
  EXPECT_TRUE(t->joinable());
  ASSERT_TRUE(t->join().ok());
  EXPECT_TRUE(ran.load());
#if PRT_TEST_READS_THREAD_NAMES
  EXPECT_STREQ(name, "prt-test");
#endif
  EXPECT_TRUE(t->is_finished());
  auto again = t->join();
  EXPECT_TRUE(again.error().is(ErrorKind::Join));
}

TEST(ThreadsThread, ReportsWhenFinished) {
  th::Event release;
  auto t = th::Thread::spawn([&] { release.wait(); });
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->is_finished());
  release.set();
  std::int64_t until = prt::sys::monotonic_ns() + 5'000 * kMs;
  while (!t->is_finished() && prt::sys::monotonic_ns() < until) std::this_thread::yield();
  EXPECT_TRUE(t->is_finished());
  EXPECT_TRUE(t->join().ok());
}

TEST(ThreadsThread, BadStackSizesAreErrors) {
  th::ThreadOptions tiny;
  tiny.stack_size = 100;
  auto a = th::Thread::spawn([] {}, tiny);
  ASSERT_FALSE(a.ok());
  EXPECT_TRUE(a.error().is(ErrorKind::Spawn));
  th::ThreadOptions huge;
  huge.stack_size = (std::size_t{1} << 30) + 1;  // above Thread's 1 GiB limit, on 32-bit targets too
  auto b = th::Thread::spawn([] {}, huge);
  ASSERT_FALSE(b.ok());
  EXPECT_TRUE(b.error().is(ErrorKind::Spawn));
}

TEST(ThreadsThread, EmptyAndDetachedThreadsCannotBeJoined) {
  th::Thread empty;
  EXPECT_TRUE(empty.join().error().is(ErrorKind::Join));
  th::Event done;
  auto t = th::Thread::spawn([&] { done.set(); });
  ASSERT_TRUE(t.ok());
  t->detach();
  EXPECT_FALSE(t->joinable());
  EXPECT_TRUE(t->join().error().is(ErrorKind::Join));
  done.wait();
}

TEST(ThreadsThread, AThreadCannotJoinItself) {
  auto holder = std::make_shared<th::Thread>();
  th::Event ready, done;
  Result<void> self_join;
  auto t = th::Thread::spawn([&, holder] {
    ready.wait();
    self_join = holder->join();
    done.set();
  });
  ASSERT_TRUE(t.ok());
  *holder = std::move(*t);
  ready.set();
  done.wait();
  EXPECT_TRUE(self_join.error().is(ErrorKind::Join));
  EXPECT_TRUE(holder->join().ok());
}

// ---- ThreadPool ---------------------------------------------------------------

TEST(ThreadsPool, SubmitsValuesResultsAndVoid) {
  auto pool = th::ThreadPool::create({.threads = 2});
  ASSERT_TRUE(pool.ok());
  EXPECT_EQ(pool->size(), 2u);
  auto a = pool->submit([] { return 6 * 7; });
  auto b = pool->submit([]() -> Result<std::string> { return std::string("text"); });
  auto c = pool->submit([]() -> Result<int> { return prt::Error(ErrorKind::Io, "failed"); });
  std::atomic<int> side{0};
  auto d = pool->submit([&] { side = 1; });
  EXPECT_EQ(*a.get(), 42);
  EXPECT_EQ(*b.get(), "text");
  EXPECT_TRUE(c.get().error().is(ErrorKind::Io));
  EXPECT_TRUE(d.get().ok());
  EXPECT_EQ(side.load(), 1);
  EXPECT_TRUE(a.get().error().is(ErrorKind::Join));  // taken once
}

TEST(ThreadsPool, FuturesWaitWithAndWithoutTimeout) {
  auto pool = th::ThreadPool::create({.threads = 1});
  ASSERT_TRUE(pool.ok());
  th::Event gate;
  auto f = pool->submit([&] {
    gate.wait();
    return 1;
  });
  EXPECT_FALSE(f.is_ready());
  EXPECT_FALSE(f.wait_for(3 * kMs));
  gate.set();
  EXPECT_TRUE(f.wait_for(5'000 * kMs));
  EXPECT_TRUE(f.is_ready());
  f.wait();
  EXPECT_EQ(*f.get(), 1);
}

TEST(ThreadsPool, MapKeepsInputOrder) {
  auto pool = th::ThreadPool::create({.threads = 4});
  ASSERT_TRUE(pool.ok());
  std::vector<int> in;
  for (int i = 0; i < 1000; ++i) in.push_back(i);
  auto out = pool->map(in, [](int x) { return x * x; });
  ASSERT_EQ(out.size(), in.size());
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(*out[static_cast<std::size_t>(i)], i * i);
}

TEST(ThreadsPool, ShutdownCancellingQueuedWorkReportsIt) {
  auto pool = th::ThreadPool::create({.threads = 1});
  ASSERT_TRUE(pool.ok());
  th::Event gate, started;
  auto busy = pool->submit([&] {
    started.set();
    gate.wait();
    return 1;
  });
  started.wait();
  std::vector<th::Future<int>> queued;
  for (int i = 0; i < 5; ++i) queued.push_back(pool->submit([i] { return i; }));
  std::thread opener([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    gate.set();
  });
  pool->shutdown(th::ShutdownMode::CancelQueued);
  opener.join();
  EXPECT_EQ(*busy.get(), 1);  // running work finishes
  for (auto& f : queued) {
    auto r = f.get();
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().is(ErrorKind::Cancelled));
  }
  auto late = pool->submit([] { return 2; });
  EXPECT_TRUE(late.get().error().is(ErrorKind::Runtime));
  pool->shutdown();  // idempotent
}

TEST(ThreadsPool, DrainingShutdownRunsQueuedWork) {
  std::atomic<int> ran{0};
  std::vector<th::Future<void>> fs;
  {
    auto pool = th::ThreadPool::create({.threads = 2});
    ASSERT_TRUE(pool.ok());
    for (int i = 0; i < 100; ++i) fs.push_back(pool->submit([&] { ran.fetch_add(1); }));
  }  // destructor drains
  EXPECT_EQ(ran.load(), 100);
  for (auto& f : fs) EXPECT_TRUE(f.get().ok());
}

TEST(ThreadsPool, AbsurdSizesAreErrors) {
  auto p = th::ThreadPool::create({.threads = 100'000});
  ASSERT_FALSE(p.ok());
  EXPECT_TRUE(p.error().is(ErrorKind::Runtime));
  auto q = th::ThreadPool::create({.threads = 1, .name_prefix = "x", .stack_size = 10});
  ASSERT_FALSE(q.ok());
  EXPECT_TRUE(q.error().is(ErrorKind::Spawn));
}

// ---- channels -------------------------------------------------------------------

struct Counted {
  static inline std::atomic<int> live{0};
  int v;
  explicit Counted(int x) : v(x) { live.fetch_add(1); }
  Counted(Counted&& o) noexcept : v(o.v) { live.fetch_add(1); }
  Counted(const Counted&) = delete;
  ~Counted() { live.fetch_sub(1); }
};

class ThreadsChannel : public ::testing::TestWithParam<std::size_t> {
 protected:
  template <class T>
  std::pair<th::Sender<T>, th::Receiver<T>> make() {
    auto ch = th::try_channel<T>(GetParam());
    if (!ch) std::abort();
    return std::move(*ch);
  }
};
INSTANTIATE_TEST_SUITE_P(Capacity, ThreadsChannel, ::testing::Values(0, 1, 64),
                         [](const ::testing::TestParamInfo<std::size_t>& i) {
                           return i.param == 0 ? std::string("Unbounded") : "Bounded" + std::to_string(i.param);
                         });

TEST_P(ThreadsChannel, DeliversInOrder) {
  auto [tx, rx] = make<int>();
  std::thread producer([tx = std::move(tx)]() mutable {
    for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(tx.send(i).ok());
  });
  for (int i = 0; i < 10'000; ++i) {
    auto v = rx.recv();
    ASSERT_TRUE(v.ok());
    ASSERT_EQ(*v, i);
  }
  producer.join();
  auto end = rx.recv();  // every sender is gone
  EXPECT_TRUE(end.error().is(ErrorKind::ChannelClosed));
}

TEST_P(ThreadsChannel, ManyProducersLoseNothing) {
  auto ch = make<std::uint64_t>();
  th::Sender<std::uint64_t> tx = std::move(ch.first);
  th::Receiver<std::uint64_t> rx = std::move(ch.second);
  constexpr int kProducers = 4;
  constexpr std::uint64_t kPer = 50'000;
  std::vector<std::thread> ts;
  for (int p = 0; p < kProducers; ++p) {
    ts.emplace_back([tx, p]() mutable {
      for (std::uint64_t i = 0; i < kPer; ++i) ASSERT_TRUE(tx.send((std::uint64_t(p) << 32) | i).ok());
    });
  }
  { auto drop = std::move(tx); }
  std::vector<std::uint64_t> next(kProducers, 0);
  std::uint64_t count = 0;
  for (;;) {
    auto v = rx.recv();
    if (!v) {
      EXPECT_TRUE(v.error().is(ErrorKind::ChannelClosed));
      break;
    }
    std::uint64_t p = *v >> 32, i = *v & 0xffffffffu;
    ASSERT_EQ(i, next[p]);  // per-producer order
    next[p] = i + 1;
    ++count;
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(count, kProducers * kPer);
}

TEST_P(ThreadsChannel, TryAndTimedReceive) {
  auto [tx, rx] = make<int>();
  EXPECT_TRUE(rx.try_recv().error().is(ErrorKind::Timeout));
  std::int64_t start = prt::sys::monotonic_ns();
  EXPECT_TRUE(rx.recv_timeout(3 * kMs).error().is(ErrorKind::Timeout));
  EXPECT_GE(prt::sys::monotonic_ns() - start, 3 * kMs);
  ASSERT_TRUE(tx.try_send(5).ok());
  EXPECT_EQ(*rx.try_recv(), 5);
}

TEST_P(ThreadsChannel, SendingToAGoneReceiverFailsAndDropsTheMessage) {
  int before = Counted::live.load();
  {
    auto [tx, rx] = make<Counted>();
    ASSERT_TRUE(tx.send(Counted(1)).ok());
    { auto gone = std::move(rx); }
    EXPECT_TRUE(tx.is_closed());
    auto r = tx.send(Counted(2));
    EXPECT_TRUE(r.error().is(ErrorKind::ChannelClosed));
  }
  EXPECT_EQ(Counted::live.load(), before);  // undelivered messages were destroyed
}

TEST_P(ThreadsChannel, ABlockedReceiverLearnsTheSendersLeft) {
  auto [tx, rx] = make<int>();
  std::thread t([tx = std::move(tx)]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    th::Sender<int> drop = std::move(tx);
  });
  auto r = rx.recv();
  EXPECT_TRUE(r.error().is(ErrorKind::ChannelClosed));
  t.join();
}

TEST(ThreadsChannelBounded, SendersBlockWhenFull) {
  auto ch = th::bounded_channel<int>(2);
  ASSERT_TRUE(ch.ok());
  th::Sender<int>& tx = ch->first;
  th::Receiver<int>& rx = ch->second;
  ASSERT_TRUE(tx.send(1).ok());
  ASSERT_TRUE(tx.send(2).ok());
  EXPECT_TRUE(tx.try_send(3).error().is(ErrorKind::Timeout));
  EXPECT_TRUE(tx.send_timeout(3, 2 * kMs).error().is(ErrorKind::Timeout));
  std::thread t([&] { ASSERT_TRUE(tx.send(3).ok()); });  // blocks until a slot frees
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  EXPECT_EQ(*rx.recv(), 1);
  t.join();
  EXPECT_EQ(*rx.recv(), 2);
  EXPECT_EQ(*rx.recv(), 3);
}

TEST(ThreadsChannelBounded, ABlockedSenderLearnsTheReceiverLeft) {
  auto ch = th::bounded_channel<int>(1);
  ASSERT_TRUE(ch.ok());
  th::Sender<int> tx = std::move(ch->first);
  th::Receiver<int> rx = std::move(ch->second);
  ASSERT_TRUE(tx.send(1).ok());
  std::thread t([&] { EXPECT_TRUE(tx.send(2).error().is(ErrorKind::ChannelClosed)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  { auto gone = std::move(rx); }
  t.join();
}

TEST(ThreadsChannelBounded, ZeroCapacityIsAnError) {
  auto ch = th::bounded_channel<int>(0);
  EXPECT_FALSE(ch.ok());
}

}  // namespace
