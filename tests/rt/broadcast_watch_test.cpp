// prt::broadcast and prt::watch: fan-out in order, lagging receivers, late
// subscribers, closing, value lifetime, cancellation safety, and many
// producers and receivers on every runtime kind (TSan).
#include <gtest/gtest.h>

#include <cstdint>
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
using Ints = std::vector<int>;

using prt_test::failure;
using prt_test::is_cancelled;

template <class R>
bool fails_with(const R& r, ErrorKind k) {
  return !r.ok() && r.error().is(k);
}

// Receives until the channel closes; any other error ends the task with it.
Task<Ints> drain(prt::BroadcastReceiver<int> rx_param) {
  prt::BroadcastReceiver<int> rx = std::move(rx_param);
  Ints got;
  for (;;) {
    auto v = co_await rx.recv();
    if (!v) {
      if (v.error().is(ErrorKind::ChannelClosed)) co_return got;
      co_return v.error();
    }
    got.push_back(*v);
  }
}

class Broadcast : public prt_test::LeakChecked {};

TEST_F(Broadcast, EveryReceiverGetsEveryValueInOrder) {
  std::vector<Ints> got;
  auto r = prt::run([](std::vector<Ints>* got) -> Task<> {
    auto [tx, rx] = prt::broadcast<int>(8);
    // Three receivers waiting before anything is sent, one more reading later.
    std::vector<prt::JoinHandle<Ints>> hs;
    hs.push_back(prt::spawn(drain(rx)));
    hs.push_back(prt::spawn(drain(tx.subscribe())));
    hs.push_back(prt::spawn(drain(rx)));
    PRT_CO_TRY(co_await prt::yield_now());
    if (tx.receiver_count() != 4) co_return failure("receiver count");
    for (int i = 1; i <= 5; ++i) {
      auto n = tx.send(i);
      if (!n) co_return n.error();
      if (*n != 4) co_return failure("send did not count every receiver");
      if (i == 3) PRT_CO_TRY(co_await prt::yield_now());
    }
    { auto gone = std::move(tx); }  // the last sender: they drain and see ChannelClosed
    for (auto& h : hs) {
      auto v = co_await h;
      if (!v) co_return v.error();
      got->push_back(*v);
    }
    auto late = co_await drain(std::move(rx));
    if (!late) co_return late.error();
    got->push_back(*late);
    co_return prt::ok();
  }(&got));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  ASSERT_EQ(got.size(), 4u);
  for (const Ints& g : got) EXPECT_EQ(g, (Ints{1, 2, 3, 4, 5}));
}

TEST_F(Broadcast, WaitingReceiversAreServedInTheOrderTheyCame) {
  Trace log;
  auto r = prt::run([](Trace* log) -> Task<> {
    auto [tx, rx] = prt::broadcast<int>(4);
    auto receiver = [](prt::BroadcastReceiver<int> rx_param, Trace* log, std::string name) -> Task<> {
      prt::BroadcastReceiver<int> rx = std::move(rx_param);
      for (int n = 0; n < 2; ++n) {
        auto v = co_await rx.recv();
        if (!v) co_return v.error();
        log->add(name + " got " + std::to_string(*v));
      }
      co_return prt::ok();
    };
    auto a = prt::spawn(receiver(rx, log, "a"));
    auto b = prt::spawn(receiver(std::move(rx), log, "b"));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(tx.send(1));
    PRT_CO_TRY(tx.send(2));
    log->add("sent");
    PRT_CO_TRY(co_await a);
    co_return co_await b;
  }(&log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  // 1 was handed to both waiters; 2 waits in the buffer for their next recv.
  EXPECT_EQ(log.events, (Events{"sent", "a got 1", "a got 2", "b got 1", "b got 2"}));
}

TEST_F(Broadcast, ALaggingReceiverLearnsHowManyItMissedAndContinuesAtTheOldest) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::broadcast<int>(4);
    prt::BroadcastReceiver<int> slow = rx;
    for (int i = 0; i < 2; ++i) PRT_CO_TRY(tx.send(i));
    auto first = co_await slow.recv();  // slow reads 0, then stops at 1
    if (!first || *first != 0) co_return failure("first value");
    for (int i = 2; i < 10; ++i) PRT_CO_TRY(tx.send(i));
    // Held now: 6 7 8 9. rx (at 0) missed 0..5; slow (at 1) missed 1..5.
    auto lag = co_await rx.recv();
    if (!fails_with(lag, ErrorKind::Lagged) || lag.error().code() != 6) co_return failure("rx: Lagged(6)");
    if (prt_test::describe(lag.error()).rfind("lagged: ", 0) != 0) co_return failure("the kind's name");
    auto lag2 = slow.try_recv();
    if (!fails_with(lag2, ErrorKind::Lagged) || lag2.error().code() != 5) co_return failure("slow: Lagged(5)");
    for (int want = 6; want < 10; ++want) {
      auto v = co_await rx.recv();
      if (!v || *v != want) co_return failure("rx continues at the oldest value held");
      auto w = slow.try_recv();
      if (!w || *w != want) co_return failure("slow continues at the oldest value held");
    }
    if (!fails_with(rx.try_recv(), ErrorKind::Timeout)) co_return failure("nothing new");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Broadcast, ASubscriberSeesOnlyLaterValuesAndACopyStartsWhereItsOriginalIs) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::broadcast<int>(8);
    PRT_CO_TRY(tx.send(1));
    PRT_CO_TRY(tx.send(2));
    auto late = tx.subscribe();
    auto one = rx.try_recv();
    if (!one || *one != 1) co_return failure("rx's first value");
    prt::BroadcastReceiver<int> copy = rx;  // at 2, like rx
    auto n = tx.send(3);
    if (!n || *n != 3) co_return failure("three receivers");
    Ints from_late, from_copy, from_rx;
    for (;;) {
      auto v = late.try_recv();
      if (!v) break;
      from_late.push_back(*v);
    }
    for (;;) {
      auto v = copy.try_recv();
      if (!v) break;
      from_copy.push_back(*v);
    }
    for (;;) {
      auto v = rx.try_recv();
      if (!v) break;
      from_rx.push_back(*v);
    }
    if (from_late != Ints{3}) co_return failure("the subscriber saw an earlier value");
    if (from_copy != (Ints{2, 3}) || from_rx != (Ints{2, 3})) co_return failure("the copy and its original");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Broadcast, ClosesOnceEverySenderIsGoneAndTheReceiverHasDrained) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::broadcast<int>(4);
    prt::BroadcastSender<int> tx2 = tx;
    PRT_CO_TRY(tx.send(1));
    { auto gone = std::move(tx); }
    if (rx.is_closed()) co_return failure("closed with a sender left");
    auto v1 = co_await rx.recv();
    if (!v1 || *v1 != 1) co_return failure("value 1");
    if (!fails_with(rx.try_recv(), ErrorKind::Timeout)) co_return failure("empty but open");
    PRT_CO_TRY(tx2.send(2));
    PRT_CO_TRY(tx2.send(3));
    // A copy of rx reads 2 and 3, then waits: the last sender's going wakes it.
    auto waiting = prt::spawn(drain(rx));
    PRT_CO_TRY(co_await prt::yield_now());
    if (waiting.is_finished()) co_return failure("the copy did not wait");
    { auto gone = std::move(tx2); }
    if (!rx.is_closed()) co_return failure("open after the last sender");
    for (int want : {2, 3}) {  // drained first
      auto v = co_await rx.recv();
      if (!v || *v != want) co_return failure("values held at the close");
    }
    if (!fails_with(co_await rx.recv(), ErrorKind::ChannelClosed)) co_return failure("recv after the drain");
    if (!fails_with(rx.try_recv(), ErrorKind::ChannelClosed)) co_return failure("try_recv after the drain");
    auto w = co_await waiting;
    if (!w) co_return w.error();
    if (*w != (Ints{2, 3})) co_return failure("the waiting receiver");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Broadcast, ASendWithNoReceiverIsClosedAndDropsTheValue) {
  int drops = 0;
  auto r = prt::run([](int* drops) -> Task<> {
    auto [tx, rx] = prt::broadcast<std::shared_ptr<prt_test::DropCounter>>(4);
    { auto gone = std::move(rx); }
    if (!tx.is_closed() || tx.receiver_count() != 0) co_return failure("no receiver left");
    auto s = tx.send(std::make_shared<prt_test::DropCounter>(drops));
    if (!fails_with(s, ErrorKind::ChannelClosed)) co_return failure("send with no receiver");
    if (*drops != 1) co_return failure("the unsent value was kept");
    auto again = tx.subscribe();  // open again
    auto n = tx.send(std::make_shared<prt_test::DropCounter>(drops));
    if (!n || *n != 1) co_return failure("send after subscribe");
    auto v = again.try_recv();
    if (!v) co_return v.error();
    co_return prt::ok();
  }(&drops));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(drops, 2);
}

TEST_F(Broadcast, AValueIsFreedOnceEveryReceiverHasReadItOrWhenOverwritten) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, a] = prt::broadcast<std::shared_ptr<int>>(2);
    auto b = tx.subscribe();
    auto c = tx.subscribe();
    auto p = std::make_shared<int>(1);
    std::weak_ptr<int> first = p;
    PRT_CO_TRY(tx.send(std::move(p)));
    if (auto v = a.try_recv(); !v || **v != 1) co_return failure("a");
    if (first.expired()) co_return failure("freed before b and c read it");
    if (auto v = b.try_recv(); !v) co_return v.error();
    if (first.expired()) co_return failure("freed before c read it");
    { auto gone = std::move(c); }  // c goes without reading: it no longer counts
    if (!first.expired()) co_return failure("kept after every receiver passed it");
    // Overwritten: b never reads 2, a does not either; 2 goes when 4 takes its slot.
    auto q = std::make_shared<int>(2);
    std::weak_ptr<int> second = q;
    PRT_CO_TRY(tx.send(std::move(q)));
    PRT_CO_TRY(tx.send(std::make_shared<int>(3)));
    if (second.expired()) co_return failure("freed while unread");
    PRT_CO_TRY(tx.send(std::make_shared<int>(4)));
    if (!second.expired()) co_return failure("kept after being overwritten");
    auto lag = b.try_recv();
    if (!fails_with(lag, ErrorKind::Lagged) || lag.error().code() != 1) co_return failure("b lagged by one");
    for (auto* rx : {&a, &b}) {  // both read up to the end
      for (;;) {
        auto v = rx->try_recv();
        if (!v && v.error().is(ErrorKind::Timeout)) break;
      }
    }
    // Handed to every receiver while they wait: the slot keeps nothing.
    auto reader = [](prt::BroadcastReceiver<std::shared_ptr<int>>* rx) -> Task<int> {
      auto v = co_await rx->recv();
      if (!v) co_return v.error();
      co_return **v;
    };
    auto ha = prt::spawn(reader(&a));
    auto hb = prt::spawn(reader(&b));
    PRT_CO_TRY(co_await prt::yield_now());
    auto h = std::make_shared<int>(5);
    std::weak_ptr<int> handed = h;
    PRT_CO_TRY(tx.send(std::move(h)));
    auto va = co_await ha;
    auto vb = co_await hb;
    if (!va || *va != 5 || !vb || *vb != 5) co_return failure("the hand-off");
    if (!handed.expired()) co_return failure("kept after every receiver was handed it");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Broadcast, TasksSharingOneReceiverEachGetADifferentValue) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::broadcast<int>(4);
    auto other = tx.subscribe();
    auto reader = [](prt::BroadcastReceiver<int>* rx) -> Task<int> { co_return co_await rx->recv(); };
    auto a = prt::spawn(reader(&rx));
    auto b = prt::spawn(reader(&rx));
    auto c = prt::spawn(reader(&other));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(tx.send(1));  // to a and c; b keeps waiting on rx's (new) position
    PRT_CO_TRY(co_await prt::yield_now());
    if (b.is_finished()) co_return failure("b woke for nothing");
    PRT_CO_TRY(tx.send(2));
    auto va = co_await a;
    auto vb = co_await b;
    auto vc = co_await c;
    if (!va || *va != 1 || !vb || *vb != 2) co_return failure("one position, one value each");
    if (!vc || *vc != 1) co_return failure("the other receiver missed 1");
    if (!fails_with(rx.try_recv(), ErrorKind::Timeout)) co_return failure("a value read twice");
    auto next = other.try_recv();
    if (!next || *next != 2) co_return failure("the other receiver's next value");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

// ---- cancellation safety -------------------------------------------------------------

TEST_F(Broadcast, AReceiverCancelledWhileWaitingTakesNothing) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::broadcast<int>(4);
    auto b = prt::spawn([](prt::BroadcastReceiver<int>* rx) -> Task<int> { co_return co_await rx->recv(); }(&rx));
    PRT_CO_TRY(co_await prt::yield_now());
    b.abort();
    if (!is_cancelled(co_await b)) co_return failure("b not cancelled");
    auto timed = co_await prt::timeout(1ms, rx.recv());
    if (!fails_with(timed, ErrorKind::Timeout)) co_return failure("recv under an expired timeout");
    PRT_CO_TRY(tx.send(9));
    PRT_CO_TRY(tx.send(10));
    for (int want : {9, 10}) {  // the same receiver, its position unchanged by either cancel
      auto v = co_await rx.recv();
      if (!v || *v != want) co_return failure("value lost after a cancelled recv");
    }
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Broadcast, AHandedOverValueIsNeverLostToACancel) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::broadcast<int>(4);
    auto b = prt::spawn([](prt::BroadcastReceiver<int>* rx) -> Task<int> {
      auto v = co_await rx->recv();
      if (!v) co_return v.error();
      if (co_await prt::yield_now()) co_return failure("cancel not delivered at the next await");
      co_return *v;
    }(&rx));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(tx.send(1));  // handed to b...
    b.abort();               // ...cancelled before it runs: it still returns 1
    PRT_CO_TRY(tx.send(2));
    auto vb = co_await b;
    if (!vb || *vb != 1) co_return failure("the handed-over value");
    auto v = rx.try_recv();
    if (!v || *v != 2) co_return failure("1 received twice or 2 lost");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Broadcast, EmptyHandlesAndBadUseAreErrors) {
  prt::BroadcastSender<int> tx;
  prt::BroadcastReceiver<int> rx;
  EXPECT_TRUE(fails_with(tx.send(1), ErrorKind::ChannelClosed));
  EXPECT_TRUE(fails_with(rx.try_recv(), ErrorKind::ChannelClosed));
  EXPECT_TRUE(rx.is_closed());
  auto [tx2, rx2] = prt::broadcast<int>(0);  // taken as 1
  EXPECT_EQ(rx2.capacity(), 1u);
  auto sent = tx2.send(5);  // outside any runtime: fine, nothing waits
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, 1u);
  auto r = prt::run([](prt::BroadcastReceiver<int>* rx) -> Task<int> { co_return co_await rx->recv(); }(&rx2));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(*r, 5);
}

// ---- watch --------------------------------------------------------------------------

class Watch : public prt_test::LeakChecked {};

TEST_F(Watch, SeveralSendsCoalesceIntoOneWakeUpAndTheLatestValueWins) {
  Trace log;
  auto r = prt::run([](Trace* log) -> Task<> {
    auto [tx, rx] = prt::watch<std::string>("init");
    auto watcher = prt::spawn([](prt::WatchReceiver<std::string> rx, Trace* log) -> Task<int> {
      int wakes = 0;
      for (;;) {
        auto c = co_await rx.changed();
        if (!c) {
          if (c.error().is(ErrorKind::ChannelClosed)) co_return wakes;
          co_return c.error();
        }
        ++wakes;
        log->add("saw " + rx.borrow_and_update());
      }
    }(rx, log));
    PRT_CO_TRY(co_await prt::yield_now());
    for (const char* v : {"a", "b", "c"}) PRT_CO_TRY(tx.send(v));  // one wake-up: the watcher sees "c"
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(tx.send_modify([](std::string& s) { s += "!"; }));
    PRT_CO_TRY(co_await prt::yield_now());
    if (rx.borrow() != "c!") co_return failure("borrow");
    { auto gone = std::move(tx); }  // wakes the watcher: ChannelClosed
    auto wakes = co_await watcher;
    if (!wakes) co_return wakes.error();
    if (*wakes != 2) co_return failure("the sends did not coalesce");
    co_return prt::ok();
  }(&log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"saw c", "saw c!"}));
}

TEST_F(Watch, ASendWakesEveryWaitingReceiverInOrder) {
  Trace log;
  auto r = prt::run([](Trace* log) -> Task<> {
    auto [tx, rx] = prt::watch<int>(0);
    auto watcher = [](prt::WatchReceiver<int> rx_param, Trace* log, std::string name) -> Task<> {
      prt::WatchReceiver<int> rx = std::move(rx_param);
      PRT_CO_TRY(co_await rx.changed());
      log->add(name + " saw " + std::to_string(rx.borrow()));
      co_return prt::ok();
    };
    auto a = prt::spawn(watcher(rx, log, "a"));
    auto b = prt::spawn(watcher(rx, log, "b"));
    auto c = prt::spawn(watcher(std::move(rx), log, "c"));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(tx.send(1));
    PRT_CO_TRY(co_await prt::yield_now());
    if (!a.is_finished() || !b.is_finished() || !c.is_finished()) co_return failure("a waiter was not woken");
    PRT_CO_TRY(co_await a);
    PRT_CO_TRY(co_await b);
    co_return co_await c;
  }(&log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"a saw 1", "b saw 1", "c saw 1"}));
}

TEST_F(Watch, ChangedReportsAnUnseenVersionAtOnceAndBorrowDoesNotMarkIt) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::watch<int>(0);
    if (rx.has_changed() || rx.borrow() != 0) co_return failure("a new receiver has seen the initial value");
    PRT_CO_TRY(tx.send(5));
    if (!rx.has_changed()) co_return failure("has_changed after a send");
    if (rx.borrow() != 5 || !rx.has_changed()) co_return failure("borrow marked it seen");
    PRT_CO_TRY(co_await rx.changed());  // at once
    if (rx.has_changed()) co_return failure("changed() did not mark it seen");
    PRT_CO_TRY(tx.send(6));
    if (rx.borrow_and_update() != 6 || rx.has_changed()) co_return failure("borrow_and_update");
    auto timed = co_await prt::timeout(1ms, rx.changed());  // nothing new: it waits
    if (!fails_with(timed, ErrorKind::Timeout)) co_return failure("changed() with nothing new");
    auto sub = tx.subscribe();
    if (sub.has_changed() || sub.borrow() != 6) co_return failure("a subscriber has seen the current value");
    prt::WatchReceiver<int> copy = rx;
    PRT_CO_TRY(tx.send(7));
    PRT_CO_TRY(co_await copy.changed());
    if (!rx.has_changed()) co_return failure("a copy's changed() marked its original's version seen");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Watch, TheSendersGoingWakesWaitersAfterALastUnseenChange) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::watch<int>(0);
    auto waiter = prt::spawn([](prt::WatchReceiver<int> rx) -> Task<> {
      auto c = co_await rx.changed();
      if (!fails_with(c, ErrorKind::ChannelClosed)) co_return failure("the waiter was not told of the close");
      co_return prt::ok();
    }(rx));
    PRT_CO_TRY(co_await prt::yield_now());
    { auto gone = std::move(tx); }
    PRT_CO_TRY(co_await waiter);
    if (!rx.is_closed()) co_return failure("is_closed");
    if (!fails_with(co_await rx.changed(), ErrorKind::ChannelClosed)) co_return failure("changed after the close");

    auto [tx2, rx2] = prt::watch<int>(0);
    PRT_CO_TRY(tx2.send(1));
    { auto gone = std::move(tx2); }
    PRT_CO_TRY(co_await rx2.changed());  // the last change is still reported
    if (rx2.borrow() != 1) co_return failure("the last value");
    if (!fails_with(co_await rx2.changed(), ErrorKind::ChannelClosed)) co_return failure("then closed");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Watch, ASendWithNoReceiverIsClosedButStoresTheValue) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::watch<int>(1);
    { auto gone = std::move(rx); }
    if (!tx.is_closed() || tx.receiver_count() != 0) co_return failure("no receiver left");
    if (!fails_with(tx.send(2), ErrorKind::ChannelClosed)) co_return failure("send with no receiver");
    if (tx.borrow() != 2) co_return failure("the value was not stored");
    auto sub = tx.subscribe();
    if (sub.borrow() != 2 || sub.has_changed()) co_return failure("subscribe after the send");
    PRT_CO_TRY(tx.send(3));
    PRT_CO_TRY(co_await sub.changed());
    if (sub.borrow_and_update() != 3) co_return failure("3");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Watch, ACancelledChangedLeavesTheSeenVersionUnchanged) {
  auto r = prt::run([]() -> Task<> {
    auto [tx, rx] = prt::watch<int>(0);
    auto waiter = [](prt::WatchReceiver<int>* rx) -> Task<> { co_return co_await rx->changed(); };
    // Cancelled while waiting.
    auto a = prt::spawn(waiter(&rx));
    PRT_CO_TRY(co_await prt::yield_now());
    a.abort();
    if (!is_cancelled(co_await a)) co_return failure("a not cancelled");
    // Woken by a send, then cancelled before its task ran: still Cancelled,
    // and the change stays unseen.
    auto b = prt::spawn(waiter(&rx));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(tx.send(1));
    b.abort();
    if (!is_cancelled(co_await b)) co_return failure("b not cancelled");
    if (!rx.has_changed()) co_return failure("a cancelled changed() marked the version seen");
    PRT_CO_TRY(co_await rx.changed());
    if (rx.borrow() != 1) co_return failure("value");
    // A later value still wakes the same receiver.
    auto c = prt::spawn(waiter(&rx));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(tx.send(2));
    PRT_CO_TRY(co_await c);
    if (rx.has_changed() || rx.borrow() != 2) co_return failure("2 seen");
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

TEST_F(Watch, EmptyHandlesAreClosed) {
  prt::WatchSender<int> tx;
  prt::WatchReceiver<int> rx;
  EXPECT_TRUE(fails_with(tx.send(1), ErrorKind::ChannelClosed));
  EXPECT_TRUE(tx.is_closed());
  EXPECT_TRUE(rx.is_closed());
  EXPECT_FALSE(rx.has_changed());
  auto r = prt::run([](prt::WatchReceiver<int>* rx) -> Task<> { co_return co_await rx->changed(); }(&rx));
  EXPECT_TRUE(fails_with(r, ErrorKind::ChannelClosed));
}

// ---- many producers and receivers on every runtime kind -------------------------------

class BroadcastContended : public prt_test::RuntimeKindTest {};
INSTANTIATE_TEST_SUITE_P(Runtimes, BroadcastContended, prt_test::kRuntimeKinds, prt_test::runtime_kind_name);

constexpr int kProducers = 4;
constexpr int kItems = 2000;
constexpr int kReceivers = 4;

// What one receiver saw: values received and values missed (Lagged), and a
// hash of the order in which it received them.
struct Seen {
  long received = 0;
  long missed = 0;
  long sum = 0;
  std::uint64_t order = 0;
};

// Receives until closed, checking that each producer's values come in
// increasing order; every third receiver gives up some waits (prt::timeout).
// (Tallies go out through pointers: built by clang 14 with -O1
// -fsanitize=address,undefined, a spawned Task<Seen> frees its own frame at
// its final suspend while its JoinHandle still holds it, with or without a
// channel involved.)
Task<> broadcast_consumer(prt::BroadcastReceiver<long> rx_param, int id, Seen* out) {
  prt::BroadcastReceiver<long> rx = std::move(rx_param);
  Seen& seen = *out;
  std::vector<long> last(kProducers, -1);
  for (int n = 0;; ++n) {
    prt::Result<long> v = prt::Error(ErrorKind::Other);
    if (id % 3 == 0 && n % 7 == 0) {
      v = co_await prt::timeout(std::chrono::microseconds(1 + n % 30), rx.recv());
      if (!v && v.error().is(ErrorKind::Timeout)) continue;  // took nothing; the value is still there
    } else {
      v = co_await rx.recv();
    }
    if (!v) {
      if (v.error().is(ErrorKind::ChannelClosed)) co_return prt::ok();
      if (!v.error().is(ErrorKind::Lagged) || v.error().code() <= 0) co_return v.error();
      seen.missed += v.error().code();
      continue;
    }
    const int p = static_cast<int>(*v / kItems);
    if (p < 0 || p >= kProducers || *v <= last[p]) co_return failure("a producer's values out of order");
    last[p] = *v;
    ++seen.received;
    seen.sum += *v;
    seen.order = seen.order * 1000003u + static_cast<std::uint64_t>(*v);
  }
}

Task<> broadcast_producer(prt::BroadcastSender<long> tx_param, int p) {
  prt::BroadcastSender<long> tx = std::move(tx_param);  // goes when the task returns
  for (int i = 0; i < kItems; ++i) {
    auto n = tx.send(static_cast<long>(p) * kItems + i);
    if (!n) co_return n.error();
    if (*n != kReceivers) co_return failure("a receiver went missing");
    if (i % 16 == 0) PRT_CO_TRY(co_await prt::yield_now());
  }
  co_return prt::ok();
}

Task<> broadcast_round(std::size_t capacity, std::vector<Seen>* tallies) {
  auto [tx, rx] = prt::broadcast<long>(capacity);
  std::vector<Seen>& all = *tallies;
  all.assign(kReceivers, Seen{});
  std::vector<prt::JoinHandle<void>> consumers;
  for (int c = 1; c < kReceivers; ++c) consumers.push_back(prt::spawn(broadcast_consumer(rx, c, &all[c - 1])));
  consumers.push_back(prt::spawn(broadcast_consumer(std::move(rx), kReceivers, &all[kReceivers - 1])));
  std::vector<prt::JoinHandle<void>> producers;
  for (int p = 0; p < kProducers; ++p) producers.push_back(prt::spawn(broadcast_producer(tx, p)));
  { auto drop = std::move(tx); }
  for (auto& h : producers) PRT_CO_TRY(co_await h);
  for (auto& h : consumers) PRT_CO_TRY(co_await h);
  co_return prt::ok();
}

TEST_P(BroadcastContended, WithRoomForEverythingEveryReceiverGetsEveryValue) {
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam()));
  std::vector<Seen> tallies;
  auto r = rt.block_on(broadcast_round(kProducers * kItems, &tallies));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  const long n = static_cast<long>(kProducers) * kItems;
  ASSERT_EQ(tallies.size(), static_cast<std::size_t>(kReceivers));
  for (const Seen& s : tallies) {
    EXPECT_EQ(s.missed, 0);
    EXPECT_EQ(s.received, n);
    EXPECT_EQ(s.sum, n * (n - 1) / 2);
    EXPECT_EQ(s.order, tallies[0].order) << "the receivers saw the values in different orders";
  }
}

TEST_P(BroadcastContended, WithASmallBufferEveryValueIsReceivedOrReportedMissed) {
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam()));
  std::vector<Seen> tallies;
  auto r = rt.block_on(broadcast_round(8, &tallies));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  const long n = static_cast<long>(kProducers) * kItems;
  ASSERT_EQ(tallies.size(), static_cast<std::size_t>(kReceivers));
  for (const Seen& s : tallies) EXPECT_EQ(s.received + s.missed, n);
}

class WatchContended : public prt_test::RuntimeKindTest {};
INSTANTIATE_TEST_SUITE_P(Runtimes, WatchContended, prt_test::kRuntimeKinds, prt_test::runtime_kind_name);

TEST_P(WatchContended, ReceiversSeeAnIncreasingSequenceEndingWithTheLastValue) {
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam()));
  auto r = rt.block_on([]() -> Task<> {
    auto [tx, rx] = prt::watch<long>(0);
    std::vector<prt::JoinHandle<long>> watchers;
    for (int w = 0; w < kReceivers; ++w) {
      watchers.push_back(prt::spawn([](prt::WatchReceiver<long> rx_param, int id) -> Task<long> {
        prt::WatchReceiver<long> rx = std::move(rx_param);
        long last = 0;
        for (int n = 0;; ++n) {
          prt::Result<void> c;
          if (id % 2 == 0 && n % 5 == 0) {
            c = co_await prt::timeout(std::chrono::microseconds(1 + n % 30), rx.changed());
            if (!c && c.error().is(ErrorKind::Timeout)) continue;  // nothing marked seen
          } else {
            c = co_await rx.changed();
          }
          if (!c) {
            if (c.error().is(ErrorKind::ChannelClosed)) co_return last;
            co_return c.error();
          }
          const long v = rx.borrow_and_update();
          if (v <= last) co_return failure("a change that did not increase the value");
          last = v;
        }
      }(rx, w)));
    }
    { auto drop = std::move(rx); }
    // Producers share the one sender; each send adds one.
    std::vector<prt::JoinHandle<void>> producers;
    for (int p = 0; p < kProducers; ++p) {
      producers.push_back(prt::spawn([](prt::WatchSender<long>* tx) -> Task<> {
        for (int i = 0; i < kItems; ++i) {
          PRT_CO_TRY(tx->send_modify([](long& v) { ++v; }));
          if (i % 8 == 0) PRT_CO_TRY(co_await prt::yield_now());
        }
        co_return prt::ok();
      }(&tx)));
    }
    for (auto& h : producers) PRT_CO_TRY(co_await h);
    if (tx.borrow() != static_cast<long>(kProducers) * kItems) co_return failure("a send was lost");
    { auto drop = std::move(tx); }  // the watchers see the last value, then the close
    for (auto& h : watchers) {
      auto last = co_await h;
      if (!last) co_return last.error();
      if (*last != static_cast<long>(kProducers) * kItems) co_return failure("a watcher missed the last value");
    }
    co_return prt::ok();
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

}  // namespace
