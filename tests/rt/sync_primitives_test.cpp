// prt::Semaphore, Event, Condition and Barrier: the asyncio scenarios of
// tests/rt/asyncio/sync_scenarios.py replayed on the single-threaded executor
// (expected sequences are what CPython 3.11 printed), then Notify and RwLock
// (no asyncio counterpart), cancellation safety and bad use.
#include <gtest/gtest.h>

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
using prt_test::is_cancelled;

class SyncOrder : public prt_test::LeakChecked {};

// ---- Semaphore ------------------------------------------------------------------

Task<> sem_worker(prt::Semaphore* s, Trace* log, std::string name) {
  log->add(name + " wants");
  auto p = co_await s->acquire();
  if (!p) co_return p.error();
  log->add(name + " got");
  PRT_CO_TRY(co_await prt::yield_now());
  log->add(name + " releases");
  co_return prt::ok();
}

TEST_F(SyncOrder, SemaphorePermitsGoInArrivalOrder) {
  Trace log;
  prt::Semaphore s(2);
  auto r = prt::run([](prt::Semaphore* s, Trace* log) -> Task<> {
    std::vector<prt::JoinHandle<void>> hs;
    for (const char* n : {"a", "b", "c", "d"}) hs.push_back(prt::spawn(sem_worker(s, log, n)));
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  }(&s, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"a wants", "a got", "b wants", "b got", "c wants", "d wants", "a releases",
                                "b releases", "c got", "d got", "c releases", "d releases"}));
  EXPECT_EQ(s.available(), 2u);
}

TEST_F(SyncOrder, SemaphoreReleasesHandPermitsOverBeforeWaitersRun) {
  Trace log;
  prt::Semaphore s(0);
  auto r = prt::run([](prt::Semaphore* s, Trace* log) -> Task<> {
    std::vector<prt::JoinHandle<void>> hs;
    for (const char* n : {"a", "b", "c"}) {
      hs.push_back(prt::spawn([](prt::Semaphore* s, Trace* log, std::string name) -> Task<> {
        auto p = co_await s->acquire();
        if (!p) co_return p.error();
        p->forget();  // asyncio's bare acquire(): the permit stays taken
        log->add(name + " got, value " + std::to_string(s->available()));
        co_return prt::ok();
      }(s, log, n)));
    }
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(s->release());
    PRT_CO_TRY(s->release());
    log->add("main released twice, value " + std::to_string(s->available()));
    PRT_CO_TRY(co_await prt::yield_now());
    log->add(std::string("main after yield, locked ") + (s->locked() ? "True" : "False"));
    PRT_CO_TRY(s->release());
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  }(&s, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"main released twice, value 0", "a got, value 0", "b got, value 0",
                                "main after yield, locked True", "c got, value 0"}));
}

Task<> cancellable_acquire(prt::Semaphore* s, Trace* log, std::string name) {
  auto p = co_await s->acquire();
  if (!p) {
    log->add(name + " cancelled");
    co_return p.error();
  }
  p->forget();
  log->add(name + " got");
  co_return prt::ok();
}

TEST_F(SyncOrder, SemaphorePermitHandedToACancelledWaiterPassesOn) {
  Trace log;
  prt::Semaphore s(0);
  auto r = prt::run([](prt::Semaphore* s, Trace* log) -> Task<> {
    auto b = prt::spawn(cancellable_acquire(s, log, "b"));
    auto c = prt::spawn(cancellable_acquire(s, log, "c"));
    PRT_CO_TRY(co_await prt::yield_now());
    PRT_CO_TRY(s->release());  // hands the permit to b...
    b.abort();                 // ...which is cancelled before it runs
    log->add("main released and cancelled b, value " + std::to_string(s->available()));
    if (!is_cancelled(co_await b)) co_return failure("b not cancelled");
    PRT_CO_TRY(co_await c);
    log->add("value " + std::to_string(s->available()));
    co_return prt::ok();
  }(&s, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"main released and cancelled b, value 0", "b cancelled", "c got", "value 0"}));
}

TEST_F(SyncOrder, SemaphoreWaiterCancelledInLineTakesNothing) {
  Trace log;
  prt::Semaphore s(0);
  auto r = prt::run([](prt::Semaphore* s, Trace* log) -> Task<> {
    auto b = prt::spawn(cancellable_acquire(s, log, "b"));
    auto c = prt::spawn(cancellable_acquire(s, log, "c"));
    PRT_CO_TRY(co_await prt::yield_now());
    b.abort();
    PRT_CO_TRY(co_await prt::yield_now());
    log->add(std::string("main releases, locked ") + (s->locked() ? "True" : "False"));
    PRT_CO_TRY(s->release());
    if (!is_cancelled(co_await b)) co_return failure("b not cancelled");
    PRT_CO_TRY(co_await c);
    log->add("value " + std::to_string(s->available()));
    co_return prt::ok();
  }(&s, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"b cancelled", "main releases, locked True", "c got", "value 0"}));
}

TEST(SyncMisuse, BoundedSemaphoreRefusesAnExtraRelease) {
  prt::BoundedSemaphore s(1);
  auto r = prt::run([](prt::BoundedSemaphore* s) -> Task<> {
    auto p = co_await s->acquire();
    if (!p) co_return p.error();
    p->release();
    auto extra = s->release();
    if (extra.ok() || !extra.error().is(ErrorKind::Runtime)) co_return failure("extra release accepted");
    if (std::string(extra.error().context()) != "BoundedSemaphore released too many times") {
      co_return failure("wrong message");
    }
    co_return prt::ok();
  }(&s));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(s.available(), 1u);  // unchanged by the refused release
  // An unbounded semaphore takes extra releases as new permits.
  prt::Semaphore u(1);
  ASSERT_TRUE(prt::run([](prt::Semaphore* u) -> Task<> { co_return u->release(); }(&u)).ok());
  EXPECT_EQ(u.available(), 2u);
}

TEST(SyncMisuse, TryAcquireOnAnEmptySemaphoreWouldBlock) {
  prt::Semaphore s(1);
  auto r = prt::run([](prt::Semaphore* s) -> Task<> {
    auto p = s->try_acquire();
    if (!p) co_return p.error();
    auto q = s->try_acquire();
    if (q.ok() || !q.error().is(ErrorKind::Timeout)) co_return failure("took a permit that was not there");
    co_return prt::ok();
  }(&s));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(s.available(), 1u);
}

// ---- Event ----------------------------------------------------------------------

Task<> event_waiter(prt::Event* e, Trace* log, std::string name) {
  log->add(name + " waits");
  PRT_CO_TRY(co_await e->wait());
  log->add(name + " woke, set " + (e->is_set() ? "True" : "False"));
  co_return prt::ok();
}

TEST_F(SyncOrder, EventSetWakesEveryWaiterInOrder) {
  Trace log;
  prt::Event e;
  auto r = prt::run([](prt::Event* e, Trace* log) -> Task<> {
    std::vector<prt::JoinHandle<void>> hs;
    for (const char* n : {"a", "b", "c"}) hs.push_back(prt::spawn(event_waiter(e, log, n)));
    PRT_CO_TRY(co_await prt::yield_now());
    e->set();
    e->clear();
    log->add("main set and cleared");
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    auto late = prt::spawn(event_waiter(e, log, "d"));
    PRT_CO_TRY(co_await prt::yield_now());
    e->set();
    log->add("main set");
    PRT_CO_TRY(co_await late);
    PRT_CO_TRY(co_await e->wait());
    log->add("main passed a set event");
    co_return prt::ok();
  }(&e, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"a waits", "b waits", "c waits", "main set and cleared", "a woke, set False",
                                "b woke, set False", "c woke, set False", "d waits", "main set", "d woke, set True",
                                "main passed a set event"}));
}

TEST_F(SyncOrder, EventWaiterCancelledInLineLeavesTheOthers) {
  Trace log;
  prt::Event e;
  auto r = prt::run([](prt::Event* e, Trace* log) -> Task<> {
    auto waiter = [](prt::Event* e, Trace* log, std::string name) -> Task<> {
      auto w = co_await e->wait();
      if (!w) {
        log->add(name + " cancelled");
        co_return w.error();
      }
      log->add(name + " woke");
      co_return prt::ok();
    };
    auto b = prt::spawn(waiter(e, log, "b"));
    auto c = prt::spawn(waiter(e, log, "c"));
    PRT_CO_TRY(co_await prt::yield_now());
    b.abort();
    PRT_CO_TRY(co_await prt::yield_now());
    e->set();
    log->add("main set");
    if (!is_cancelled(co_await b)) co_return failure("b not cancelled");
    co_return co_await c;
  }(&e, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"b cancelled", "main set", "c woke"}));
}

// ---- Condition ------------------------------------------------------------------

TEST_F(SyncOrder, ConditionNotifyWakesWaitersWhichRetakeTheLock) {
  Trace log;
  prt::Condition cv;
  std::vector<int> items;
  auto r = prt::run([](prt::Condition* cv, std::vector<int>* items, Trace* log) -> Task<> {
    auto consumer = [](prt::Condition* cv, std::vector<int>* items, Trace* log, std::string name) -> Task<> {
      auto g = co_await cv->lock();
      if (!g) co_return g.error();
      log->add(name + " waits");
      PRT_CO_TRY(co_await cv->wait_for([items] { return !items->empty(); }));
      log->add(name + " took " + std::to_string(items->front()));
      items->erase(items->begin());
      co_return prt::ok();
    };
    std::vector<prt::JoinHandle<void>> hs;
    for (const char* n : {"a", "b", "c"}) hs.push_back(prt::spawn(consumer(cv, items, log, n)));
    PRT_CO_TRY(co_await prt::yield_now());
    {
      auto g = co_await cv->lock();
      if (!g) co_return g.error();
      items->push_back(1);
      PRT_CO_TRY(cv->notify());
      log->add("main notified one");
      PRT_CO_TRY(co_await prt::yield_now());
      log->add("main still holds the lock");
    }
    PRT_CO_TRY(co_await prt::yield_now());
    {
      auto g = co_await cv->lock();
      if (!g) co_return g.error();
      items->push_back(2);
      items->push_back(3);
      PRT_CO_TRY(cv->notify_all());
      log->add("main notified all");
    }
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  }(&cv, &items, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"a waits", "b waits", "c waits", "main notified one", "main still holds the lock",
                                "a took 1", "main notified all", "b took 2", "c took 3"}));
  EXPECT_FALSE(cv.locked());
}

TEST(SyncMisuse, ConditionWithoutTheLockIsAnError) {
  prt::Condition cv;
  auto r = prt::run([](prt::Condition* cv) -> Task<> {
    auto w = co_await cv->wait();
    if (w.ok() || !w.error().is(ErrorKind::Runtime)) co_return failure("waited without the lock");
    auto n = cv->notify();
    if (n.ok() || !n.error().is(ErrorKind::Runtime)) co_return failure("notified without the lock");
    co_return prt::ok();
  }(&cv));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_FALSE(cv.locked());
}

// Where prt follows CPython 3.13 rather than 3.11 (gh-112202): a notify that
// reaches a waiter cancelled before it runs goes to the next waiter.
TEST_F(SyncOrder, ConditionNotifyReachingACancelledWaiterPassesOn) {
  Trace log;
  prt::Condition cv;
  auto r = prt::run([](prt::Condition* cv, Trace* log) -> Task<> {
    auto waiter = [](prt::Condition* cv, Trace* log, std::string name) -> Task<> {
      auto g = co_await cv->lock();
      if (!g) co_return g.error();
      auto w = co_await cv->wait();
      if (!cv->locked()) co_return failure("wait returned without the lock");
      log->add(name + (w ? " notified" : " cancelled"));
      co_return w;
    };
    auto b = prt::spawn(waiter(cv, log, "b"));
    auto c = prt::spawn(waiter(cv, log, "c"));
    PRT_CO_TRY(co_await prt::yield_now());
    {
      auto g = co_await cv->lock();
      if (!g) co_return g.error();
      PRT_CO_TRY(cv->notify(1));  // reaches b...
      b.abort();                  // ...which is cancelled before it runs
    }
    if (!is_cancelled(co_await b)) co_return failure("b not cancelled");
    co_return co_await c;
  }(&cv, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"b cancelled", "c notified"}));
  EXPECT_FALSE(cv.locked());
}

// ---- Barrier --------------------------------------------------------------------

TEST_F(SyncOrder, BarrierReleasesARoundWhenTheLastArrives) {
  Trace log;
  prt::Barrier b(3);
  auto r = prt::run([](prt::Barrier* b, Trace* log) -> Task<> {
    auto party = [](prt::Barrier* b, Trace* log, std::string name) -> Task<> {
      log->add(name + " arrives");
      auto index = co_await b->wait();
      if (!index) co_return index.error();
      log->add(name + " passes with " + std::to_string(*index));
      co_return prt::ok();
    };
    std::vector<prt::JoinHandle<void>> hs;
    for (const char* n : {"a", "b", "c"}) hs.push_back(prt::spawn(party(b, log, n)));
    for (auto& h : hs) PRT_CO_TRY(co_await h);
    co_return prt::ok();
  }(&b, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"a arrives", "b arrives", "c arrives", "c passes with 2", "a passes with 0",
                                "b passes with 1"}));
  EXPECT_EQ(b.n_waiting(), 0u);
}

TEST_F(SyncOrder, BarrierWaiterCancelledBeforeTheRoundStopsCounting) {
  prt::Barrier b(2);
  auto r = prt::run([](prt::Barrier* b) -> Task<> {
    auto quitter = prt::spawn([](prt::Barrier* b) -> Task<> { co_return (co_await b->wait()).error(); }(b));
    PRT_CO_TRY(co_await prt::yield_now());
    if (b->n_waiting() != 1) co_return failure("quitter not waiting");
    quitter.abort();
    if (!is_cancelled(co_await quitter)) co_return failure("quitter not cancelled");
    if (b->n_waiting() != 0) co_return failure("cancelled waiter still counted");
    // Two fresh parties make a full round; neither passes alone.
    auto first = prt::spawn([](prt::Barrier* b) -> Task<std::size_t> { co_return co_await b->wait(); }(b));
    PRT_CO_TRY(co_await prt::yield_now());
    if (first.is_finished()) co_return failure("a round of one passed");
    auto mine = co_await b->wait();
    if (!mine || *mine != 1) co_return failure("leader index");
    auto theirs = co_await first;
    if (!theirs || *theirs != 0) co_return failure("first index");
    co_return prt::ok();
  }(&b));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

// ---- Notify ---------------------------------------------------------------------

TEST_F(SyncOrder, NotifyOneStoresAPermitNotifyWaitersDoesNot) {
  Trace log;
  prt::Notify n;
  auto r = prt::run([](prt::Notify* n, Trace* log) -> Task<> {
    n->notify_waiters();  // nobody waits: nothing stored
    n->notify_one();      // stored
    n->notify_one();      // still one
    PRT_CO_TRY(co_await n->notified());
    log->add("took the permit");
    auto waiter = [](prt::Notify* n, Trace* log, std::string name) -> Task<> {
      PRT_CO_TRY(co_await n->notified());
      log->add(name + " woke");
      co_return prt::ok();
    };
    auto a = prt::spawn(waiter(n, log, "a"));
    auto b = prt::spawn(waiter(n, log, "b"));
    auto c = prt::spawn(waiter(n, log, "c"));
    PRT_CO_TRY(co_await prt::yield_now());
    log->add("a waiting: " + std::string(a.is_finished() ? "no" : "yes"));  // the second notify_one was not kept
    n->notify_one();
    PRT_CO_TRY(co_await a);
    n->notify_waiters();
    PRT_CO_TRY(co_await b);
    PRT_CO_TRY(co_await c);
    co_return prt::ok();
  }(&n, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"took the permit", "a waiting: yes", "a woke", "b woke", "c woke"}));
}

TEST_F(SyncOrder, NotifyOneReachingACancelledWaiterPassesOn) {
  prt::Notify n;
  auto r = prt::run([](prt::Notify* n) -> Task<> {
    auto b = prt::spawn([](prt::Notify* n) -> Task<> { co_return co_await n->notified(); }(n));
    auto c = prt::spawn([](prt::Notify* n) -> Task<> { co_return co_await n->notified(); }(n));
    PRT_CO_TRY(co_await prt::yield_now());
    n->notify_one();  // reaches b...
    b.abort();        // ...which is cancelled before it runs
    if (!is_cancelled(co_await b)) co_return failure("b not cancelled");
    PRT_CO_TRY(co_await c);  // c got the notification b could not use
    // And with nobody left it goes back into the permit:
    auto d = prt::spawn([](prt::Notify* n) -> Task<> { co_return co_await n->notified(); }(n));
    PRT_CO_TRY(co_await prt::yield_now());
    n->notify_one();
    d.abort();
    if (!is_cancelled(co_await d)) co_return failure("d not cancelled");
    PRT_CO_TRY(co_await n->notified());  // the permit: does not suspend for ever
    co_return prt::ok();
  }(&n));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

// ---- RwLock ---------------------------------------------------------------------

TEST_F(SyncOrder, RwLockReadersShareAndAWaitingWriterHoldsBackNewReaders) {
  Trace log;
  prt::RwLock l;
  auto r = prt::run([](prt::RwLock* l, Trace* log) -> Task<> {
    auto r1 = co_await l->read();
    if (!r1) co_return r1.error();
    auto r2 = co_await l->read();  // readers share
    if (!r2) co_return r2.error();
    log->add("two readers: " + std::to_string(l->readers()));
    auto w = prt::spawn([](prt::RwLock* l, Trace* log) -> Task<> {
      auto g = co_await l->write();
      if (!g) co_return g.error();
      log->add("writer got it, readers " + std::to_string(l->readers()));
      PRT_CO_TRY(co_await prt::yield_now());
      log->add("writer releases");
      co_return prt::ok();
    }(l, log));
    auto late_reader = prt::spawn([](prt::RwLock* l, Trace* log) -> Task<> {
      auto g = co_await l->read();
      if (!g) co_return g.error();
      log->add("late reader got it");
      co_return prt::ok();
    }(l, log));
    PRT_CO_TRY(co_await prt::yield_now());
    auto t = l->try_read();
    log->add(std::string("try_read with a writer waiting: ") + (t ? "took it" : "would block"));
    r1->unlock();
    r2->unlock();
    log->add("readers released");
    PRT_CO_TRY(co_await w);
    PRT_CO_TRY(co_await late_reader);
    co_return prt::ok();
  }(&l, &log));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(log.events, (Events{"two readers: 2", "try_read with a writer waiting: would block", "readers released",
                                "writer got it, readers 0", "writer releases", "late reader got it"}));
  EXPECT_EQ(l.readers(), 0u);
  EXPECT_FALSE(l.write_locked());
}

// Reads, and reports how many readers held the lock with it.
Task<std::uint32_t> read_and_count(prt::RwLock* l) {
  auto g = co_await l->read();
  if (!g) co_return g.error();
  const std::uint32_t sharing = l->readers();  // readers let in together count each other
  PRT_CO_TRY(co_await prt::yield_now());
  co_return sharing;
}

TEST_F(SyncOrder, RwLockGrantToACancelledWriterPassesToTheReadersBehind) {
  prt::RwLock l;
  auto r = prt::run([](prt::RwLock* l) -> Task<> {
    auto held = co_await l->write();
    if (!held) co_return held.error();
    auto w = prt::spawn([](prt::RwLock* l) -> Task<> { co_return (co_await l->write()).error(); }(l));
    auto r1 = prt::spawn(read_and_count(l));
    auto r2 = prt::spawn(read_and_count(l));
    PRT_CO_TRY(co_await prt::yield_now());
    held->unlock();  // hands the lock to the waiting writer...
    w.abort();       // ...which is cancelled before it runs: both readers get it
    if (!is_cancelled(co_await w)) co_return failure("writer not cancelled");
    auto n1 = co_await r1;
    auto n2 = co_await r2;
    if (!n1 || !n2 || *n1 != 2 || *n2 != 2) co_return failure("readers did not share");
    co_return prt::ok();
  }(&l));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(l.readers(), 0u);
  EXPECT_FALSE(l.write_locked());
}

}  // namespace
