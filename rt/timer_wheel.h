// Hierarchical timer wheel (internal): O(1) insert and cancel, deadlines kept
// to the nanosecond, fired at most one tick (1.024 us) after they pass.
//
// Time is counted in ticks of 2^10 ns. Eight levels of 64 slots each; a
// level-L slot spans 64^L ticks and the whole level 64^(L+1):
//
//   level   slot width   level span    holds timers due within
//     0      1.024 us      65.5 us     the current 65.5 us block
//     1      65.5  us      4.19 ms     the current 4.19 ms block
//     2      4.19  ms       268 ms     ...
//     3       268  ms      17.2 s
//     4      17.2  s       18.3 min
//     5      18.3  min     19.5 h
//     6      19.5  h       52.1 days
//     7      52.1  days    9.13 years  (later deadlines wait in level 7 and
//                                       are re-placed each time they come up)
//
// Placement: a timer due at tick `t` goes to the level of the highest bit in
// which `t` differs from `elapsed` (the wheel's current tick), in the slot
// given by t's bits of that level. Each slot is a FIFO list; a bitmap per
// level says which slots are occupied, so the next occupied slot is a
// count-trailing-zeros away.
//
// Cascade: when `elapsed` reaches the start of an occupied slot of level
// L >= 1, that slot's timers are placed again, relative to the new
// `elapsed`, into lower levels. A level-0 slot (one tick) fires once
// `elapsed` has passed its tick, i.e. at the end of the tick.
//
// Order: timers that fire in one advance() fire by deadline, and timers with
// equal deadlines in insertion order. Why the FIFO slots keep insertion order
// across cascades: a timer placed directly into a slot of level L was inserted
// after `elapsed` entered the enclosing level-(L+1) slot, that is, after that
// enclosing slot was cascaded; so every timer cascaded into a slot precedes
// every timer inserted into it directly, and cascading preserves list order.
// Within one tick, deadlines can still differ by under a microsecond, so a
// firing slot is stably sorted by deadline (a no-op when already sorted).
//
// Insert-time deadlines already in the past go to an `expired` list that the
// next advance() fires first. Timers inserted by a fire callback never fire
// in the same advance() as the callback when they are already due.
#pragma once

#include <cstdint>

#include "intrusive_list.h"
#include "task.h"

namespace prt::detail {

struct TimerEntry : WaitNode, ListNode {
  std::int64_t deadline_ns = 0;
};

class TimerWheel {
 public:
  static constexpr int kTickShift = 10;
  static constexpr int kLevelBits = 6;
  static constexpr int kSlots = 1 << kLevelBits;
  static constexpr int kLevels = 8;
  static constexpr std::int64_t kNever = INT64_MAX;

  explicit TimerWheel(std::int64_t now_ns = 0) noexcept;
  TimerWheel(const TimerWheel&) = delete;
  TimerWheel& operator=(const TimerWheel&) = delete;

  // Links `e` (its deadline_ns set, its fn set) into the wheel. O(1).
  void insert(TimerEntry* e) noexcept;
  // Unlinks a linked entry without firing it. O(1). Safe from a fire callback,
  // for any entry, including ones due in the same advance().
  void remove(TimerEntry* e) noexcept;

  // Fires, in order, every timer whose tick ended at or before now_ns: each is
  // unlinked, then e->fn(e, WaitOp::Fire) runs. Returns how many fired.
  std::size_t advance(std::int64_t now_ns) noexcept;

  // Earliest time at which advance() would fire something (kNever when the
  // wheel is empty; possibly in the past). Never later than the true time.
  std::int64_t next_fire_ns() const noexcept;

  // Unlinks every entry and calls fn(e, WaitOp::Detach) on it (shutdown).
  void detach_all() noexcept;

  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  // Moves `elapsed` up to now_ns when the wheel is empty, so that the next
  // timer lands on a low level and needs few cascades.
  void catch_up(std::int64_t now_ns) noexcept;

 private:
  struct SlotRef {
    int level;
    int slot;
    std::uint64_t start;  // first tick of the slot
    std::uint64_t due;    // tick at which advance() must process it
  };
  bool next_slot(int level, SlotRef& out) const noexcept;
  bool earliest_slot(SlotRef& out) const noexcept;
  void place(TimerEntry* e) noexcept;
  void fire_list(List& list, std::size_t& fired) noexcept;
  int slot_index_of(const ListNode* sentinel) const noexcept;
  ListNode& slot(int level, int index) noexcept { return slots_[level * kSlots + index]; }
  const ListNode& slot(int level, int index) const noexcept { return slots_[level * kSlots + index]; }

  std::uint64_t elapsed_ = 0;
  std::size_t count_ = 0;
  bool advancing_ = false;        // inside advance(): fire callbacks may insert
  std::uint64_t advance_to_ = 0;  // the tick advance() is moving to
  std::uint64_t occupied_[kLevels] = {};
  ListNode slots_[kLevels * kSlots];
  List expired_;
  List firing_;
};

}  // namespace prt::detail
