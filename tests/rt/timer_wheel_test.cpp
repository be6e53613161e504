// The timer wheel on synthetic time: exact firing, order, every level,
// cancellation (also from inside a firing slot), and a randomized comparison
// against a sorted reference model.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "rt/timer_wheel.h"
#include "test_support.h"

namespace {

using prt::detail::TimerEntry;
using prt::detail::TimerWheel;
using prt::detail::WaitNode;
using prt::detail::WaitOp;

constexpr std::int64_t kTick = std::int64_t{1} << TimerWheel::kTickShift;
constexpr std::int64_t kUs = 1000;
constexpr std::int64_t kMs = 1000 * kUs;
constexpr std::int64_t kSec = 1000 * kMs;
constexpr std::int64_t kYear = 365LL * 24 * 3600 * kSec;

// A timer that records when, and in which order, it fired.
struct Probe : TimerEntry {
  int id = 0;
  std::vector<int>* log = nullptr;
  std::int64_t* clock = nullptr;
  std::int64_t fired_at = -1;
  int detached = 0;
  // Optional: entries to cancel, and entries to insert, when this one fires.
  std::vector<Probe*> cancel_on_fire;
  TimerWheel* wheel = nullptr;
  std::vector<Probe*> insert_on_fire;

  Probe(int i, std::int64_t deadline, std::vector<int>* l, std::int64_t* c) : id(i), log(l), clock(c) {
    deadline_ns = deadline;
    fn = &on_event;
  }
  static bool on_event(WaitNode* n, WaitOp op) noexcept {
    auto* p = static_cast<Probe*>(static_cast<TimerEntry*>(n));
    if (op == WaitOp::Detach) {
      ++p->detached;
      return true;
    }
    p->fired_at = *p->clock;
    p->log->push_back(p->id);
    for (Probe* c : p->cancel_on_fire)
      if (c->linked()) p->wheel->remove(c);
    for (Probe* i : p->insert_on_fire) p->wheel->insert(i);
    return true;
  }
};

struct WheelHarness {
  std::int64_t now = 0;
  TimerWheel wheel{0};
  std::vector<int> log;
  std::vector<std::unique_ptr<Probe>> probes;

  explicit WheelHarness(std::int64_t start = 0) : now(start), wheel(start) {}

  Probe* add(std::int64_t deadline) {
    probes.push_back(std::make_unique<Probe>(static_cast<int>(probes.size()), deadline, &log, &now));
    probes.back()->wheel = &wheel;
    wheel.insert(probes.back().get());
    return probes.back().get();
  }
  std::size_t advance_to(std::int64_t t) {
    now = t;
    return wheel.advance(t);
  }
  // Steps time forward in `step` increments, like a loop waking repeatedly.
  void run_until(std::int64_t t, std::int64_t step) {
    while (now < t) advance_to(std::min(t, now + step));
  }
  // Advances exactly to each next_fire_ns(), like the executor does.
  void run_by_next_fire(std::int64_t limit) {
    for (int guard = 0; guard < 100000 && !wheel.empty(); ++guard) {
      std::int64_t next = wheel.next_fire_ns();
      if (next > limit) break;
      advance_to(std::max(now, next));
    }
  }
};

TEST(TimerWheel, FiresAtTheEndOfTheDeadlineTickNeverBefore) {
  WheelHarness h;
  Probe* p = h.add(5 * kUs + 3);
  EXPECT_EQ(h.wheel.size(), 1u);
  EXPECT_EQ(h.advance_to(5 * kUs), 0u);
  EXPECT_EQ(h.advance_to(5 * kUs + 3), 0u);  // same tick: not yet
  std::int64_t tick_end = ((5 * kUs + 3) / kTick + 1) * kTick;
  EXPECT_EQ(h.advance_to(tick_end - 1), 0u);
  EXPECT_EQ(h.advance_to(tick_end), 1u);
  EXPECT_EQ(p->fired_at, tick_end);
  EXPECT_TRUE(h.wheel.empty());
}

TEST(TimerWheel, NextFireIsExactForShortAndLongTimers) {
  for (std::int64_t d : {3 * kUs, 700 * kUs, 1 * kMs, 250 * kMs, 3 * kSec, 5 * 60 * kSec}) {
    WheelHarness h(12345 * kUs);
    std::int64_t deadline = h.now + d;
    h.add(deadline);
    std::int64_t next = h.wheel.next_fire_ns();
    EXPECT_GE(next, h.now) << d;
    EXPECT_LE(next, (deadline / kTick + 1) * kTick) << d;
    h.run_by_next_fire(deadline + kSec);
    ASSERT_EQ(h.log.size(), 1u) << d;
    EXPECT_GE(h.probes[0]->fired_at, deadline);
    EXPECT_LT(h.probes[0]->fired_at, deadline + kTick);
  }
}

TEST(TimerWheel, EqualDeadlinesFireInInsertionOrder) {
  WheelHarness h;
  for (int i = 0; i < 10; ++i) h.add(3 * kMs);
  h.advance_to(4 * kMs);
  EXPECT_EQ(h.log, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(TimerWheel, EqualDeadlinesKeepInsertionOrderAcrossCascades) {
  // A is inserted far from the deadline (high level), B close to it (level 0,
  // directly): A must still fire first.
  WheelHarness h;
  std::int64_t deadline = 10 * kSec + 123 * kUs;
  h.add(deadline);                  // 0: placed in a high level
  h.run_until(deadline - 30 * kUs, 7 * kMs);
  h.add(deadline);                  // 1: placed directly in level 0 or 1
  h.add(deadline - 1);              // 2: earlier deadline, inserted last
  h.advance_to(deadline + kMs);
  EXPECT_EQ(h.log, (std::vector<int>{2, 0, 1}));
}

TEST(TimerWheel, TimersOnEveryLevelFireOnTime) {
  // Deadlines just below, at, and above each level's span, and far beyond the
  // wheel (9+ years).
  WheelHarness h(777 * kMs);
  std::vector<std::int64_t> offsets;
  for (int level = 0; level < TimerWheel::kLevels; ++level) {
    std::int64_t span = kTick << (TimerWheel::kLevelBits * (level + 1));
    offsets.push_back(span - kTick);
    offsets.push_back(span);
    offsets.push_back(span + 5 * kTick);
  }
  offsets.push_back(std::int64_t{20} * 365 * 24 * 3600 * kSec);  // 20 years
  std::vector<std::int64_t> deadlines;
  for (std::int64_t off : offsets) deadlines.push_back(h.now + off);
  for (std::int64_t d : deadlines) h.add(d);
  h.run_by_next_fire(INT64_MAX / 2);
  ASSERT_EQ(h.log.size(), deadlines.size());
  for (std::size_t i = 0; i < deadlines.size(); ++i) {
    EXPECT_GE(h.probes[i]->fired_at, deadlines[i]) << "timer " << i;
    EXPECT_LT(h.probes[i]->fired_at, deadlines[i] + kTick) << "timer " << i;
  }
  EXPECT_TRUE(std::is_sorted(h.log.begin(), h.log.end()));
}

TEST(TimerWheel, BigJumpsFireEverythingInDeadlineOrder) {
  WheelHarness h;
  std::mt19937_64 rng(7);
  std::vector<std::pair<std::int64_t, int>> expected;
  for (int i = 0; i < 2000; ++i) {
    std::int64_t d = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(3600 * kSec));
    h.add(d);
    expected.push_back({d, i});
  }
  h.advance_to(3601 * kSec);  // one jump across every level
  std::stable_sort(expected.begin(), expected.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ASSERT_EQ(h.log.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(h.log[i], expected[i].second) << i;
}

TEST(TimerWheel, CancelIsImmediateAndClearsTheSlot) {
  WheelHarness h;
  Probe* a = h.add(2 * kMs);
  Probe* b = h.add(2 * kSec);
  std::int64_t before = h.wheel.next_fire_ns();
  h.wheel.remove(a);
  EXPECT_FALSE(a->linked());
  EXPECT_EQ(h.wheel.size(), 1u);
  EXPECT_GT(h.wheel.next_fire_ns(), before);  // the slot's bit was cleared
  h.wheel.remove(b);
  EXPECT_EQ(h.wheel.next_fire_ns(), TimerWheel::kNever);
  h.advance_to(10 * kSec);
  EXPECT_TRUE(h.log.empty());
}

TEST(TimerWheel, CancellingAnEntryOfTheSlotThatIsFiring) {
  WheelHarness h;
  Probe* a = h.add(1 * kMs);
  Probe* b = h.add(1 * kMs);
  Probe* c = h.add(1 * kMs);
  a->cancel_on_fire = {b};  // b is in the same slot, already moved to firing
  h.advance_to(2 * kMs);
  EXPECT_EQ(h.log, (std::vector<int>{0, 2}));
  EXPECT_EQ(b->fired_at, -1);
  EXPECT_FALSE(b->linked());
  EXPECT_EQ(c->fired_at, 2 * kMs);
  EXPECT_TRUE(h.wheel.empty());
}

TEST(TimerWheel, TimersInsertedByAFiringTimerWaitForTheNextAdvance) {
  WheelHarness h;
  Probe* a = h.add(1 * kMs);
  auto late = std::make_unique<Probe>(99, 0, &h.log, &h.now);  // already due
  late->wheel = &h.wheel;
  a->insert_on_fire = {late.get()};
  EXPECT_EQ(h.advance_to(2 * kMs), 1u);
  EXPECT_EQ(h.log, (std::vector<int>{0}));
  EXPECT_EQ(h.wheel.next_fire_ns(), 0);
  EXPECT_EQ(h.advance_to(2 * kMs), 1u);
  EXPECT_EQ(h.log, (std::vector<int>{0, 99}));
}

TEST(TimerWheel, PastDeadlinesFireFirstOnTheNextAdvance) {
  WheelHarness h(10 * kMs);
  h.add(11 * kMs);
  h.add(3 * kMs);  // in the past
  h.add(1 * kMs);  // further in the past
  h.advance_to(12 * kMs);
  EXPECT_EQ(h.log, (std::vector<int>{2, 1, 0}));
}

TEST(TimerWheel, DetachAllUnlinksEverythingWithoutFiring) {
  WheelHarness h;
  for (std::int64_t d : {0 * kMs, 1 * kMs, 1 * kSec, 1000 * kSec}) h.add(d);
  h.wheel.detach_all();
  EXPECT_TRUE(h.wheel.empty());
  EXPECT_EQ(h.wheel.next_fire_ns(), TimerWheel::kNever);
  for (auto& p : h.probes) {
    EXPECT_FALSE(p->linked());
    EXPECT_EQ(p->detached, 1);
  }
  h.advance_to(2000 * kSec);
  EXPECT_TRUE(h.log.empty());
}

// Random inserts, cancels and advances, checked against a reference: an
// ordered map keyed by (deadline, insertion number).
TEST(TimerWheel, MatchesASortedReferenceModel) {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    std::mt19937_64 rng(seed);
    WheelHarness h(static_cast<std::int64_t>(rng() % (100 * kSec)));
    std::map<std::pair<std::int64_t, int>, Probe*> model;
    std::vector<int> expected;
    auto horizon = [&](std::uint64_t r) -> std::int64_t {
      switch (r % 16) {
        case 0: case 1: case 2: return static_cast<std::int64_t>(rng() % (50 * kUs));
        case 3: case 4: case 5: return static_cast<std::int64_t>(rng() % (5 * kMs));
        case 6: case 7: case 8: return static_cast<std::int64_t>(rng() % (500 * kMs));
        case 9: case 10: case 11: return static_cast<std::int64_t>(rng() % (60 * kSec));
        case 12: case 13: return static_cast<std::int64_t>(rng() % (7 * 24 * 3600 * kSec));
        default: return static_cast<std::int64_t>(rng() % (40 * kYear));  // past the wheel's span
      }
    };
    for (int step = 0; step < 20000; ++step) {
      std::uint64_t r = rng();
      if (r % 10 < 6) {
        std::int64_t d = h.now + horizon(rng()) - (r % 7 == 0 ? 10 * kUs : 0);
        Probe* p = h.add(d);
        model[{d, p->id}] = p;
      } else if (r % 10 < 8 && !model.empty()) {
        auto it = model.begin();
        std::advance(it, static_cast<long>(rng() % model.size()));
        h.wheel.remove(it->second);
        model.erase(it);
      } else {
        // Mostly short steps; now and then a jump of years (bounded, so that
        // time stays far from the int64 limit over the whole run).
        std::int64_t step = static_cast<std::int64_t>(rng() % (60 * kSec));
        if (rng() % 50 == 0 && h.now < 100 * kYear) step = static_cast<std::int64_t>(rng() % (15 * kYear));
        std::int64_t to = h.now + step;
        std::int64_t limit_tick_end = to / kTick;  // ticks strictly below fire
        while (!model.empty() && model.begin()->first.first / kTick < limit_tick_end) {
          expected.push_back(model.begin()->second->id);
          model.erase(model.begin());
        }
        h.advance_to(to);
        ASSERT_EQ(h.log, expected) << "seed " << seed << " step " << step;
      }
      ASSERT_EQ(h.wheel.size(), model.size());
      std::int64_t next = h.wheel.next_fire_ns();
      if (model.empty()) {
        ASSERT_EQ(next, TimerWheel::kNever);
      } else {
        // Never later than the true next firing (end of the earliest tick).
        ASSERT_LE(next, (model.begin()->first.first / kTick + 1) * kTick) << "seed " << seed;
      }
    }
  }
}

}  // namespace
