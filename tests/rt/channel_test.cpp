// prt::channel / prt::unbounded_channel: order, hand-offs, closing, bad use,
// cancellation safety, a queue façade built from the pieces, and many
// producers on every runtime kind (TSan).
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "rt/prt.h"
#include "test_support.h"

namespace {

using namespace std::chrono_literals;
using prt::ErrorKind;
using prt::Task;
using prt_test::Trace;
using Events = std::vector<std::string>;

using prt_test::failure;

class Channel : public prt_test::LeakChecked {};

TEST_F(Channel, ValuesArriveInOrderAndAFullChannelMakesSendersWait) {
  Trace log;
  auto r = prt::run([](Trace* log) -> Task<> {
    auto [tx, rx] = prt::channel<int>(2);
    auto producer = [](prt::Sender<int> tx_param, Trace* log, int first) -> Task<> {
      // A parameter lives as long as the frame (until the task is joined); a
      // local goes when the task returns, which is what closes the channel.
      prt::Sender<int> tx = std::move(tx_param);
      for (int i = first; i < first + 3; ++i) {
        PRT_CO_TRY(co_await tx.send(i));
        log->add("sent " + std::to_string(i));
      }
      co_return prt::ok();
    };
    auto a = prt::spawn(producer(tx, log, 10));
    auto b = prt::spawn(producer(std::move(tx), log, 20));
    PRT_CO_TRY(co_await prt::yield_now());
    log->add("buffered " + std::to_string(rx.size()) + (rx.full() ? " full" : ""));
    for (int n = 0; n < 6; ++n) {
      auto v = co_await rx.recv();
      if (!v) co_return v.error();
      log->add("got " + std::to_string(*v));
    }
    auto end = co_await rx.recv();  // both producers finished: their senders are gone
    if (end.ok() || !end.error().is(ErrorKind::ChannelClosed)) co_return failure("no close after the last sender");
    PRT_CO_TRY(co_await a);
    co_return co_await b;
  }(&log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  // a fills the buffer and waits with 12; b waits with 20 behind it. Each
  // receive lets the first waiting value in, in the order the senders came,
  // before either sender runs; the receiver only suspends once it is empty.
  EXPECT_EQ(log.events, (Events{"sent 10", "sent 11", "buffered 2 full", "got 10", "got 11", "got 12", "got 20",
                                "sent 12", "sent 20", "sent 21", "sent 22", "got 21", "got 22"}));
}

TEST_F(Channel, AValueGoesStraightToAWaitingReceiver) {
  Trace log;
  auto r = prt::run([](Trace* log) -> Task<> {
    auto [tx, rx] = prt::unbounded_channel<std::string>();
    auto receiver = [](prt::Receiver<std::string>* rx, Trace* log, std::string name) -> Task<> {
      auto v = co_await rx->recv();
      if (!v) co_return v.error();
      log->add(name + " got " + *v);
      co_return prt::ok();
    };
    auto a = prt::spawn(receiver(&rx, log, "a"));
    auto b = prt::spawn(receiver(&rx, log, "b"));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(co_await tx.send("x"));
    PRT_CO_TRY(co_await tx.send("y"));
    log->add("buffered " + std::to_string(rx.size()));
    PRT_CO_TRY(co_await a);
    co_return co_await b;
  }(&log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"buffered 0", "a got x", "b got y"}));
}

TEST_F(Channel, MoveOnlyValuesTravel) {
  auto r = prt::run([]() -> Task<int> {
    auto [tx, rx] = prt::channel<std::unique_ptr<int>>(1);
    PRT_CO_TRY(co_await tx.send(std::make_unique<int>(7)));
    auto full = tx.try_send(std::make_unique<int>(8));
    if (full.ok() || !full.error().is(ErrorKind::Timeout) || *full.value() != 8) co_return failure("full");
    auto v = co_await rx.recv();
    if (!v) co_return v.error();
    co_return **v;
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(*r, 7);
}

TEST_F(Channel, ClosingGivesWaitingSendersTheirValuesBackAndKeepsTheBuffer) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::channel<int>(1);
    PRT_CO_TRY(co_await tx.send(1));
    auto waiting = prt::spawn([](prt::Sender<int> tx) -> Task<int> {
      auto s = co_await tx.send(2);
      if (s.ok() || !s.error().is(ErrorKind::ChannelClosed)) co_return failure("send on a closed channel");
      co_return s.take_value();
    }(tx));
    PRT_CO_TRY(co_await prt::yield_now());
    rx.close();
    if (!rx.is_closed() || !tx.is_closed()) co_return failure("not closed");
    auto back = co_await waiting;
    if (!back || *back != 2) co_return failure("the waiting sender lost its value");
    auto late = co_await tx.send(3);
    if (late.ok() || late.value() != 3) co_return failure("late send");
    auto v = co_await rx.recv();  // buffered before the close
    if (!v || *v != 1) co_return failure("buffered value lost");
    auto end = rx.try_recv();
    if (end.ok() || !end.error().is(ErrorKind::ChannelClosed)) co_return failure("closed and empty");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Channel, TryRecvOnAnEmptyOpenChannelWouldBlock) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::channel<int>(4);
    auto e = rx.try_recv();
    if (e.ok() || !e.error().is(ErrorKind::Timeout)) co_return failure("empty");
    if (auto s = tx.try_send(5); !s) co_return s.error();
    auto v = rx.try_recv();
    if (!v || *v != 5) co_return failure("value");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Channel, ADroppedReceiverClosesTheChannelAndDropsTheBuffer) {
  int drops = 0;
  auto r = prt::run([](int* drops) -> Task<> {
    auto [tx, rx] = prt::channel<std::shared_ptr<prt_test::DropCounter>>(4);
    PRT_CO_TRY(co_await tx.send(std::make_shared<prt_test::DropCounter>(drops)));
    { auto gone = std::move(rx); }
    if (*drops != 1) co_return failure("buffered value not dropped");
    auto s = co_await tx.send(std::make_shared<prt_test::DropCounter>(drops));
    if (s.ok() || !s.error().is(ErrorKind::ChannelClosed)) co_return failure("send after the receiver went");
    co_return prt::ok();
  }(&drops));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(drops, 2);
}

// ---- cancellation safety -----------------------------------------------------------

TEST_F(Channel, ACancelledSenderGetsItsValueBackAndTheOthersKeepTheirPlace) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::channel<int>(1);
    PRT_CO_TRY(co_await tx.send(1));
    auto sender = [](prt::Sender<int> tx, int v) -> Task<int> {
      auto s = co_await tx.send(v);
      if (s.ok()) co_return -1;
      if (!s.error().is(ErrorKind::Cancelled)) co_return s.error();
      co_return s.take_value();
    };
    auto b = prt::spawn(sender(tx, 2));
    auto c = prt::spawn(sender(tx, 3));
    PRT_CO_TRY(co_await prt::yield_now());
    b.abort();
    auto back = co_await b;
    if (!back || *back != 2) co_return failure("b's value");
    for (int want : {1, 3}) {
      auto v = co_await rx.recv();
      if (!v || *v != want) co_return failure("order after a cancelled sender");
    }
    auto cr = co_await c;
    if (!cr || *cr != -1) co_return failure("c's send");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Channel, AHandedOverValueIsNeverLostToACancel) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::unbounded_channel<int>();
    auto b = prt::spawn([](prt::Receiver<int>* rx) -> Task<int> {
      auto v = co_await rx->recv();
      if (!v) co_return v.error();
      auto next = co_await prt::yield_now();  // the cancel arrives here
      if (next.ok()) co_return failure("cancel not delivered at the next await");
      co_return *v;
    }(&rx));
    auto c = prt::spawn([](prt::Receiver<int>* rx) -> Task<int> { co_return co_await rx->recv(); }(&rx));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(co_await tx.send(1));  // handed to b...
    b.abort();                        // ...which is cancelled before it runs: it still gets 1
    PRT_CO_TRY(co_await tx.send(2));
    auto vb = co_await b;
    auto vc = co_await c;
    if (!vb || *vb != 1 || !vc || *vc != 2) co_return failure("a value was lost or duplicated");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Channel, AReceiverCancelledWhileWaitingTakesNothing) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::channel<int>(2);
    auto b = prt::spawn([](prt::Receiver<int>* rx) -> Task<int> { co_return co_await rx->recv(); }(&rx));
    PRT_CO_TRY(co_await prt::yield_now());
    b.abort();
    auto vb = co_await b;
    if (vb.ok() || !vb.error().is(ErrorKind::Cancelled)) co_return failure("b not cancelled");
    PRT_CO_TRY(co_await tx.send(9));
    auto v = co_await rx.recv();
    if (!v || *v != 9) co_return failure("value lost");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

// ---- a queue façade from the pieces --------------------------------------------------

// asyncio.Queue's join()/task_done(): a counter of unfinished items and an
// Event set when it reaches zero, beside a channel.
struct WorkQueue {
  std::pair<prt::Sender<int>, prt::Receiver<int>> ends = prt::channel<int>(4);
  std::uint32_t unfinished = 0;
  prt::Event finished;
  WorkQueue() { finished.set(); }
  Task<> put(int v) {
    auto s = co_await ends.first.send(v);
    if (!s) co_return s.error();
    ++unfinished;
    finished.clear();
    co_return prt::ok();
  }
  prt::Result<void> task_done() {
    if (unfinished == 0) return prt::Error(ErrorKind::Runtime, "task_done() called too many times");
    if (--unfinished == 0) finished.set();
    return {};
  }
};

TEST_F(Channel, AQueueFacadeJoinsWhenEveryItemIsDone) {
  Trace log;
  auto r = prt::run([](Trace* log) -> Task<> {
    WorkQueue q;
    auto worker = prt::spawn([](WorkQueue* q, Trace* log) -> Task<> {
      for (;;) {
        auto v = co_await q->ends.second.recv();
        if (!v) co_return prt::ok();  // closed
        PRT_CO_TRY(co_await prt::yield_now());
        log->add("done " + std::to_string(*v));
        PRT_CO_TRY(q->task_done());
      }
    }(&q, log));
    for (int i = 0; i < 6; ++i) PRT_CO_TRY(co_await q.put(i));
    PRT_CO_TRY(co_await q.finished.wait());
    log->add("joined, size " + std::to_string(q.ends.second.size()));
    if (q.task_done().ok()) co_return failure("extra task_done accepted");
    q.ends.second.close();
    co_return co_await worker;
  }(&log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events.back(), "joined, size 0");
  EXPECT_EQ(log.events.size(), 7u);
}

// ---- many producers on every runtime kind ---------------------------------------------

class ChannelContended : public prt_test::RuntimeKindTest {};
INSTANTIATE_TEST_SUITE_P(Runtimes, ChannelContended, prt_test::kRuntimeKinds, prt_test::runtime_kind_name);

TEST_P(ChannelContended, EveryValueArrivesOnceDespiteCancelledSends) {
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam()));
  constexpr int kProducers = 4, kItems = 2000;
  std::atomic<long> retries{0};
  auto r = rt.block_on([](std::atomic<long>* retries) -> Task<long> {
    auto [tx, rx] = prt::channel<long>(8);
    std::vector<prt::JoinHandle<void>> hs;
    for (int p = 0; p < kProducers; ++p) {
      hs.push_back(prt::spawn([](prt::Sender<long> tx_param, int p, std::atomic<long>* retries) -> Task<> {
        prt::Sender<long> tx = std::move(tx_param);  // goes when the task returns
        for (int i = 0; i < kItems; ++i) {
          long v = static_cast<long>(p) * kItems + i;
          for (;;) {
            prt::SendResult<long> s;
            if (i % 5 == 0) {
              auto timed = co_await prt::timeout(std::chrono::microseconds(1 + i % 20), tx.send(v));
              if (!timed) co_return timed.error();
              s = std::move(*timed);
            } else {
              s = co_await tx.send(v);
            }
            if (s.ok()) break;
            if (!s.error().is(ErrorKind::Timeout)) co_return s.error();
            v = s.take_value();  // gave up: the value came back; try again
            retries->fetch_add(1);
          }
        }
        co_return prt::ok();
      }(tx, p, retries)));
    }
    { auto drop = std::move(tx); }
    std::vector<int> seen(kProducers * kItems, 0);
    std::vector<long> last(kProducers, -1);
    long sum = 0;
    for (;;) {
      auto v = co_await rx.recv();
      if (!v) {
        if (!v.error().is(ErrorKind::ChannelClosed)) co_return v.error();
        break;
      }
      if (seen[*v]++) co_return failure("duplicate");
      const int p = static_cast<int>(*v / kItems);
      if (*v <= last[p]) co_return failure("a producer's values out of order");
      last[p] = *v;
      sum += *v;
    }
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return sum;
  }(&retries));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  const long n = static_cast<long>(kProducers) * kItems;
  EXPECT_EQ(*r, n * (n - 1) / 2);
}

}  // namespace
