// JoinSet, the combinators and TaskGroup: the asyncio scenarios of
// tests/rt/asyncio/combinator_scenarios.py replayed on the single-threaded
// executor (expected sequences are what CPython 3.11 printed), then the
// behaviour asyncio has no counterpart for, bad use, and contention on every
// runtime kind.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <variant>
#include <vector>

#include "rt/prt.h"
#include "test_support.h"

namespace {

using namespace std::chrono_literals;
using prt::ErrorKind;
using prt::Task;
using prt_test::failure;
using prt_test::is_cancelled;
using prt_test::Trace;
using Events = std::vector<std::string>;

class Combinators : public prt_test::LeakChecked {};

// asyncio.sleep(0) per turn; logs a cancellation; fails with its name.
Task<std::string> child(Trace* log, const char* name, int turns, bool fail = false) {
  for (int i = 0; i < turns; ++i) {
    auto y = co_await prt::yield_now();
    if (!y) {
      log->add(std::string(name) + " cancelled");
      co_return y.error();
    }
  }
  if (fail) {
    log->add(std::string(name) + " fails");
    co_return prt::Error(ErrorKind::Other, name);
  }
  log->add(std::string(name) + " done");
  co_return std::string(name);
}

Task<> ticker(Trace* log, int n) {
  for (int i = 0; i < n; ++i) {
    log->add("tick " + std::to_string(i));
    PRT_CO_TRY(co_await prt::yield_now());
  }
  co_return prt::ok();
}

template <class... T>
std::vector<Task<std::string>> tasks(T&&... t) {
  std::vector<Task<std::string>> v;
  (v.push_back(std::forward<T>(t)), ...);
  return v;
}

Task<> turns(int n) {
  for (int i = 0; i < n; ++i) PRT_CO_TRY(co_await prt::yield_now());
  co_return prt::ok();
}

void run_scenario(Task<> main_task) {
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on(std::move(main_task));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
}

// ---- CPython replays --------------------------------------------------------------

TEST_F(Combinators, JoinAllResumesTheCallerWhenGatherWould) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto t = prt::spawn(ticker(log, 7));
    auto all = co_await prt::join_all(tasks(child(log, "a", 2), child(log, "b", 0), child(log, "c", 1)));
    if (!all) co_return all.error();
    std::string s = "gather ->";
    for (auto& x : *all) s += " " + (x ? *x : std::string("?"));
    log->add(s);
    co_return co_await t;
  }(&log));
  EXPECT_EQ(log.events, (Events{"tick 0", "b done", "tick 1", "c done", "tick 2", "a done", "tick 3", "tick 4",
                                "gather -> a b c", "tick 5", "tick 6"}));
}

TEST_F(Combinators, GatherReturnsTheFirstErrorWhileTheOthersRunOn) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto r = co_await prt::gather(tasks(child(log, "a", 3), child(log, "b", 1, true), child(log, "c", 2)));
    if (r) co_return failure("gather succeeded");
    log->add(std::string("gather raised ") + r.error().context());
    PRT_CO_TRY(co_await turns(2));
    log->add("main end");
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"b fails", "c done", "a done", "gather raised b", "main end"}));
}

TEST_F(Combinators, CancellingGatherCancelsEveryTaskAndWaitsForThem) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto g = prt::spawn(prt::gather(tasks(child(log, "a", 5), child(log, "b", 5))));
    PRT_CO_TRY(co_await turns(2));
    g.abort();
    auto r = co_await g;
    if (!is_cancelled(r)) co_return failure("gather not cancelled");
    log->add("gather cancelled");
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"a cancelled", "b cancelled", "gather cancelled"}));
}

std::string names_of(const std::vector<prt::Joined<std::string>>& done) {
  std::vector<std::string> names;
  for (const auto& j : done) names.push_back(j.result ? *j.result : "?");
  std::sort(names.begin(), names.end());
  std::string s;
  for (auto& n : names) s += (s.empty() ? "" : " ") + n;
  return s;
}

TEST_F(Combinators, WaitFirstCompletedThenTheRest) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    prt::JoinSet<std::string> set;
    (void)set.spawn(child(log, "a", 5));
    (void)set.spawn(child(log, "b", 1));
    (void)set.spawn(child(log, "c", 1));
    auto done = co_await prt::wait(set, prt::ReturnWhen::FirstCompleted);
    if (!done) co_return done.error();
    log->add("done " + names_of(*done) + ", pending " + std::to_string(set.size()));
    done = co_await prt::wait(set, prt::ReturnWhen::AllCompleted);
    if (!done) co_return done.error();
    log->add("done " + names_of(*done) + ", pending " + std::to_string(set.size()));
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"b done", "c done", "done b c, pending 1", "a done", "done a, pending 0"}));
}

TEST_F(Combinators, ShieldKeepsTheTaskRunningWhenTheWaitIsCancelled) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto outer = prt::spawn(prt::shield(child(log, "inner", 3)));
    PRT_CO_TRY(co_await prt::yield_now());
    outer.abort();
    auto r = co_await outer;
    if (!is_cancelled(r)) co_return failure("shield wait not cancelled");
    log->add("outer cancelled");
    PRT_CO_TRY(co_await turns(4));
    log->add("main end");
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"outer cancelled", "inner done", "main end"}));
}

TEST_F(Combinators, TaskGroupFirstErrorCancelsSiblingsAndBody) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    prt::TaskGroup group;
    auto r = co_await group.run([log](prt::TaskGroup& g) -> Task<> {
      PRT_CO_TRY(g.spawn(child(log, "a", 4)));
      PRT_CO_TRY(g.spawn(child(log, "b", 1, true)));
      PRT_CO_TRY(g.spawn(child(log, "c", 0)));
      for (int i = 0; i < 3; ++i) {
        auto y = co_await prt::yield_now();
        if (!y) {
          log->add("body cancelled");
          co_return y.error();
        }
      }
      log->add("body end");
      co_return prt::ok();
    });
    if (r || std::string(r.error().context()) != "b") co_return failure("group did not report b");
    log->add("group raised " + std::to_string(group.errors().size()) + " error");
    // The group's cancel of this task was withdrawn: the next await is clean.
    auto y = co_await prt::yield_now();
    log->add(y ? "main not cancelled" : "main cancelled");
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"c done", "b fails", "body cancelled", "a cancelled", "group raised 1 error",
                                "main not cancelled"}));
}

TEST_F(Combinators, TaskGroupWaitsForItsMembers) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto t = prt::spawn(ticker(log, 6));
    prt::TaskGroup group;
    auto r = co_await group.run([log](prt::TaskGroup& g) -> Task<> {
      PRT_CO_TRY(g.spawn(child(log, "a", 2)));
      PRT_CO_TRY(g.spawn(child(log, "b", 0)));
      log->add("body end");
      co_return prt::ok();
    });
    PRT_CO_TRY(r);
    log->add("group done");
    co_return co_await t;
  }(&log));
  EXPECT_EQ(log.events, (Events{"body end", "tick 0", "b done", "tick 1", "tick 2", "a done", "tick 3", "tick 4",
                                "group done", "tick 5"}));
}

// ---- behaviour beyond asyncio ----------------------------------------------------

TEST_F(Combinators, JoinAllKeepsInputOrderAndEveryError) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto all = co_await prt::join_all(tasks(child(log, "a", 3), child(log, "b", 0, true), child(log, "c", 1)));
    if (!all || all->size() != 3) co_return failure("join_all");
    if (!(*all)[0] || *(*all)[0] != "a") co_return failure("entry 0");
    if ((*all)[1] || std::string((*all)[1].error().context()) != "b") co_return failure("entry 1");
    if (!(*all)[2] || *(*all)[2] != "c") co_return failure("entry 2");
    auto none = co_await prt::join_all(std::vector<Task<int>>{});
    if (!none || !none->empty()) co_return failure("empty join_all");
    co_return prt::ok();
  }(&log));
}

TEST_F(Combinators, CancelledJoinAllCancelsEveryChild) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto h = prt::spawn(prt::join_all(tasks(child(log, "a", 9), child(log, "b", 1), child(log, "c", 9))));
    PRT_CO_TRY(co_await turns(4));
    h.abort();
    auto r = co_await h;
    if (!is_cancelled(r)) co_return failure("join_all not cancelled");
    log->add("join_all cancelled");
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"b done", "a cancelled", "c cancelled", "join_all cancelled"}));
}

TEST_F(Combinators, RaceCancelsTheLosersBeforeReturning) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto won = co_await prt::race(tasks(child(log, "slow", 6), child(log, "fast", 2), child(log, "slower", 8)));
    if (!won) co_return won.error();
    log->add("winner " + std::to_string(won->index) + " " + *won->result);
    auto none = co_await prt::race(std::vector<Task<int>>{});
    if (none || !none.error().is(ErrorKind::Runtime)) co_return failure("race of nothing");
    co_return prt::ok();
  }(&log));
  // The losers see their cancel in ready-queue order, before race returns.
  EXPECT_EQ(log.events, (Events{"fast done", "slower cancelled", "slow cancelled", "winner 1 fast"}));
}

Task<int> number_after(int turns_before, int v) {
  PRT_CO_TRY(co_await turns(turns_before));
  co_return v;
}

TEST_F(Combinators, SelectReturnsTheWinnerOfDifferentTypes) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto s = co_await prt::select(number_after(5, 7), child(log, "text", 1));
    if (!s || s->index() != 1) co_return failure("select picked the wrong branch");
    auto* text = std::get_if<1>(&*s);
    if (!*text || **text != "text") co_return failure("select value");
    auto n = co_await prt::select(number_after(0, 42), child(log, "late", 3));
    if (!n || n->index() != 0 || *std::get<0>(*n) != 42) co_return failure("select number");
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"text done", "late cancelled"}));
}

TEST_F(Combinators, WaitTimeoutReturnsWhatFinishedAndCancelsNothing) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    prt::JoinSet<std::string> set;
    (void)set.spawn(child(log, "quick", 0));
    (void)set.spawn([](Trace* log) -> Task<std::string> {
      PRT_CO_TRY(co_await prt::sleep(30ms));
      log->add("sleeper done");
      co_return std::string("sleeper");
    }(log));
    auto done = co_await prt::wait(set, prt::ReturnWhen::AllCompleted, 5ms);
    if (!done) co_return done.error();
    log->add("done " + names_of(*done) + ", pending " + std::to_string(set.size()));
    auto rest = co_await set.join_next();
    if (!rest) co_return rest.error();
    log->add("then " + *rest->result);
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"quick done", "done quick, pending 1", "sleeper done", "then sleeper"}));
}

TEST_F(Combinators, WaitFirstErrorStopsAtAnErrorNotAtACancel) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    prt::JoinSet<std::string> set;
    (void)set.spawn(child(log, "a", 1));
    (void)set.spawn(child(log, "cancelled", 9));
    (void)set.spawn(child(log, "bad", 3, true));
    (void)set.spawn(child(log, "slow", 12));
    set.abort(1);
    auto done = co_await prt::wait(set, prt::ReturnWhen::FirstError);
    if (!done) co_return done.error();
    log->add("done " + std::to_string(done->size()) + ", pending " + std::to_string(set.size()));
    PRT_CO_TRY(co_await set.shutdown());
    co_return prt::ok();
  }(&log));
  // Aborted before its first step, "cancelled" never runs; its Cancelled
  // outcome is done but does not end a FirstError wait.
  EXPECT_EQ(log.events, (Events{"a done", "bad fails", "done 3, pending 1", "slow cancelled"}));
}

TEST_F(Combinators, CancelledWaitPutsBackWhatItTook) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    prt::JoinSet<std::string> set;
    (void)set.spawn(child(log, "a", 0));
    (void)set.spawn(child(log, "b", 50));
    PRT_CO_TRY(co_await turns(3));  // a has finished; b has not
    auto w = prt::spawn(prt::wait(set, prt::ReturnWhen::AllCompleted));
    PRT_CO_TRY(co_await turns(2));
    w.abort();
    auto r = co_await w;
    if (!is_cancelled(r)) co_return failure("wait not cancelled");
    if (set.size() != 2) co_return failure("wait lost a member");
    auto j = set.try_join_next();
    if (!j || j->index != 0 || *j->result != "a") co_return failure("a's outcome was lost");
    PRT_CO_TRY(co_await set.shutdown());
    co_return prt::ok();
  }(&log));
}

TEST_F(Combinators, AsCompletedYieldsInCompletionOrder) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto set = prt::as_completed(tasks(child(log, "x", 4), child(log, "y", 0), child(log, "z", 2)));
    if (!set) co_return set.error();
    std::string order;
    while (!set->empty()) {
      auto j = co_await set->join_next();
      if (!j) co_return j.error();
      order += std::to_string(j->index);
    }
    if (order != "120") co_return failure("completion order");
    auto empty = co_await set->join_next();
    if (empty || !empty.error().is(ErrorKind::ChannelClosed)) co_return failure("empty set");
    co_return prt::ok();
  }(&log));
}

TEST_F(Combinators, JoinSetAbortsOnDropAndReportsSpawnOutsideARuntime) {
  Trace log;
  prt::JoinSet<int> outside;
  auto s = outside.spawn(number_after(0, 1));
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.error().is(ErrorKind::Runtime));
  run_scenario([](Trace* log) -> Task<> {
    {
      prt::JoinSet<std::string> set;
      (void)set.spawn(child(log, "dropped", 5));
      PRT_CO_TRY(co_await prt::yield_now());
      auto none = set.try_join_next();
      if (none || !none.error().is(ErrorKind::Timeout)) co_return failure("try_join_next before any finished");
    }
    PRT_CO_TRY(co_await turns(3));
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"dropped cancelled"}));
}

TEST_F(Combinators, TaskGroupReportsEveryError) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    prt::TaskGroup group;
    auto r = co_await group.run([log](prt::TaskGroup& g) -> Task<> {
      PRT_CO_TRY(g.spawn(child(log, "first", 1, true)));
      // Fails again in its cleanup when cancelled.
      PRT_CO_TRY(g.spawn([](Trace* log) -> Task<> {
        auto y = co_await turns(10);
        if (is_cancelled(y)) {
          log->add("cleanup fails");
          co_return prt::Error(ErrorKind::Other, "cleanup");
        }
        co_return prt::ok();
      }(log)));
      auto y = co_await turns(5);
      if (is_cancelled(y)) co_return prt::Error(ErrorKind::Other, "body");
      co_return prt::ok();
    });
    if (r || std::string(r.error().context()) != "first") co_return failure("first error");
    std::string all;
    for (const prt::Error& e : group.errors()) all += std::string(e.context()) + ";";
    log->add(all);
    auto late = group.spawn(turns(1));
    if (late || std::string(late.error().context()) != "TaskGroup is finished") co_return failure("spawn after finish");
    auto again = co_await group.run([](prt::TaskGroup&) -> Task<> { co_return prt::ok(); });
    if (again || !again.error().is(ErrorKind::Runtime)) co_return failure("second run");
    co_return prt::ok();
  }(&log));
  // Members' errors in the order they ended, then the body's.
  EXPECT_EQ(log.events, (Events{"first fails", "cleanup fails", "first;cleanup;body;"}));
}

TEST_F(Combinators, TaskGroupRefusesSpawnsOutsideItsScope) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    prt::TaskGroup group;
    auto early = group.spawn(turns(1));
    if (early || std::string(early.error().context()) != "TaskGroup has not been entered") co_return failure("early spawn");
    auto r = co_await group.run([log](prt::TaskGroup& g) -> Task<> {
      PRT_CO_TRY(g.spawn(child(log, "bad", 0, true)));
      PRT_CO_TRY(co_await prt::yield_now());  // cancelled by the group when bad fails
      co_return prt::ok();
    });
    if (r || std::string(r.error().context()) != "bad") co_return failure("group error");
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"bad fails"}));
}

TEST_F(Combinators, TaskGroupCancelledFromOutsideCancelsMembers) {
  Trace log;
  run_scenario([](Trace* log) -> Task<> {
    auto h = prt::spawn([](Trace* log) -> Task<> {
      prt::TaskGroup group;
      co_return co_await group.run([log](prt::TaskGroup& g) -> Task<> {
        PRT_CO_TRY(g.spawn(child(log, "m1", 20)));
        PRT_CO_TRY(g.spawn(child(log, "m2", 20)));
        co_return prt::ok();
      });
    }(log));
    PRT_CO_TRY(co_await turns(3));
    h.abort();
    auto r = co_await h;
    log->add(is_cancelled(r) ? "group cancelled" : "group not cancelled");
    co_return prt::ok();
  }(&log));
  EXPECT_EQ(log.events, (Events{"m1 cancelled", "m2 cancelled", "group cancelled"}));
}

// ---- every runtime kind ------------------------------------------------------------

class CombinatorsContended : public prt_test::RuntimeKindTest {};
INSTANTIATE_TEST_SUITE_P(Runtimes, CombinatorsContended, prt_test::kRuntimeKinds, prt_test::runtime_kind_name);

Task<long> work(long v, int yields) {
  for (int i = 0; i < yields; ++i) PRT_CO_TRY(co_await prt::yield_now());
  co_return v;
}

TEST_P(CombinatorsContended, JoinAllGatherAndRaceAgree) {
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam()));
  auto r = rt.block_on([]() -> Task<long> {
    constexpr long kTasks = 300;
    std::vector<Task<long>> a, b;
    for (long i = 0; i < kTasks; ++i) a.push_back(work(i, static_cast<int>(i % 7)));
    for (long i = 0; i < kTasks; ++i) b.push_back(work(i, static_cast<int>(i % 5)));
    auto all = co_await prt::join_all(std::move(a));
    if (!all) co_return all.error();
    for (long i = 0; i < kTasks; ++i) {
      if (!(*all)[i] || *(*all)[i] != i) co_return failure("join_all order");
    }
    auto vals = co_await prt::gather(std::move(b));
    if (!vals) co_return vals.error();
    long sum = 0;
    for (long i = 0; i < kTasks; ++i) {
      if ((*vals)[i] != i) co_return failure("gather order");
      sum += (*vals)[i];
    }
    for (int round = 0; round < 20; ++round) {
      std::vector<Task<long>> c;
      for (long i = 0; i < 8; ++i) {
        c.push_back([](long i) -> Task<long> {
          PRT_CO_TRY(co_await prt::sleep(10s));  // loses, however the threads are scheduled
          co_return i;
        }(i));
      }
      c.push_back(work(99, 0));
      auto won = co_await prt::race(std::move(c));
      if (!won || won->index != 8 || *won->result != 99) co_return failure("race winner");
    }
    co_return sum;
  }());
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(*r, 300L * 299 / 2);
}

TEST_P(CombinatorsContended, TaskGroupAbortsEveryMemberOnFailure) {
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam()));
  // Members that had not started when the group aborted never run; every
  // member that did start must have been cancelled and have ended.
  std::atomic<int> started{0}, cancelled{0}, ended{0};
  struct Counters {
    std::atomic<int>* started;
    std::atomic<int>* cancelled;
    std::atomic<int>* ended;
  } counters{&started, &cancelled, &ended};
  auto r = rt.block_on([](Counters c) -> Task<> {
    for (int round = 0; round < 10; ++round) {
      prt::TaskGroup group;
      auto g = co_await group.run([c](prt::TaskGroup& tg) -> Task<> {
        for (int i = 0; i < 64; ++i) {
          // On worker threads member 17 may fail while this loop runs: the
          // group then refuses new members ("shutting down").
          auto spawned = tg.spawn([](int i, Counters c) -> Task<> {
            if (i == 17) {
              PRT_CO_TRY(co_await turns(3));
              co_return failure("member 17");
            }
            c.started->fetch_add(1);
            // Yield until the abort cancels this member: a fixed number of
            // turns could all run before member 17 fails when the thread
            // spawning the members is descheduled (4 workers on 2 cores),
            // and then a started member would end uncancelled.
            prt::Result<void> y = prt::ok();
            while (y) y = co_await turns(100);
            if (is_cancelled(y)) c.cancelled->fetch_add(1);
            c.ended->fetch_add(1);
            co_return y;
          }(i, c));
          if (!spawned) break;
        }
        co_return co_await turns(100000);
      });
      if (g || std::string(g.error().context()) != "member 17") co_return failure("group outcome");
      if (group.errors().size() != 1) {
        for (auto& e : group.errors()) ADD_FAILURE() << prt_test::describe(e);
        co_return failure("errors");
      }
      if (group.size() != 0) co_return failure("a member outlived the group");
    }
    co_return prt::ok();
  }(counters));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_GT(started.load(), 0);
  EXPECT_LE(started.load(), 10 * 63);
  EXPECT_EQ(ended.load(), started.load());
  EXPECT_EQ(cancelled.load(), started.load());
}

}  // namespace
