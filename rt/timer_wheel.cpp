#include "timer_wheel.h"

#include <bit>

namespace prt::detail {
namespace {

constexpr std::uint64_t kMaxTicks = (std::uint64_t{1} << (TimerWheel::kLevelBits * TimerWheel::kLevels)) - 1;

std::uint64_t tick_of(std::int64_t ns) { return ns <= 0 ? 0 : static_cast<std::uint64_t>(ns) >> TimerWheel::kTickShift; }

int level_for(std::uint64_t elapsed, std::uint64_t when) {
  std::uint64_t masked = (elapsed ^ when) | (TimerWheel::kSlots - 1);
  if (masked >= kMaxTicks) masked = kMaxTicks - 1;  // beyond the wheel: wait in the top level
  int significant = 63 - std::countl_zero(masked);
  return significant / TimerWheel::kLevelBits;
}

void list_init(ListNode& head) {
  head.prev = head.next = &head;
}
void list_push_back(ListNode& head, ListNode* n) {
  n->prev = head.prev;
  n->next = &head;
  head.prev->next = n;
  head.prev = n;
}
// Moves every node of the sentinel list `from` to the back of `to`.
void list_move_all(ListNode& from, List& to) {
  while (from.next != &from) {
    ListNode* n = from.next;
    n->unlink();
    to.push_back(n);
  }
}

TimerEntry* entry(ListNode* n) { return static_cast<TimerEntry*>(n); }

// Stable merge sort of a null-terminated chain linked through `next`.
ListNode* merge_sort(ListNode* head, std::size_t n) {
  if (n <= 1) {
    if (head) head->next = nullptr;
    return head;
  }
  std::size_t half = n / 2;
  ListNode* mid = head;
  for (std::size_t i = 0; i < half; ++i) mid = mid->next;
  ListNode* left = merge_sort(head, half);  // terminates the left run at `mid`
  ListNode* right = merge_sort(mid, n - half);
  ListNode out;
  ListNode* tail = &out;
  while (left && right) {
    // `<=` takes from the left run on ties: equal deadlines keep their order.
    if (entry(left)->deadline_ns <= entry(right)->deadline_ns) {
      tail->next = left;
      left = left->next;
    } else {
      tail->next = right;
      right = right->next;
    }
    tail = tail->next;
  }
  tail->next = left ? left : right;
  return out.next;
}

// Sorts a list by deadline, stably; a single walk when it is already sorted.
void sort_by_deadline(List& list) {
  const ListNode* end = list.sentinel();
  bool sorted = true;
  for (ListNode* p = list.front(); p && p->next != end; p = p->next) {
    if (entry(p->next)->deadline_ns < entry(p)->deadline_ns) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  ListNode* chain = nullptr;
  ListNode** tail = &chain;
  std::size_t n = 0;
  while (ListNode* p = list.pop_front()) {
    *tail = p;
    tail = &p->next;
    ++n;
  }
  for (ListNode* p = merge_sort(chain, n); p;) {
    ListNode* next = p->next;
    p->next = nullptr;
    list.push_back(p);
    p = next;
  }
}

}  // namespace

TimerWheel::TimerWheel(std::int64_t now_ns) noexcept : elapsed_(tick_of(now_ns)) {
  for (ListNode& s : slots_) list_init(s);
}

void TimerWheel::catch_up(std::int64_t now_ns) noexcept {
  if (count_ == 0 && tick_of(now_ns) > elapsed_) elapsed_ = tick_of(now_ns);
}

void TimerWheel::place(TimerEntry* e) noexcept {
  std::uint64_t when = tick_of(e->deadline_ns);
  if (when < elapsed_) {
    expired_.push_back(e);
    return;
  }
  int level = level_for(elapsed_, when);
  int index = static_cast<int>((when >> (level * kLevelBits)) & (kSlots - 1));
  list_push_back(slot(level, index), e);
  occupied_[level] |= std::uint64_t{1} << index;
}

void TimerWheel::insert(TimerEntry* e) noexcept {
  PRT_DEBUG_ASSERT(!e->linked());
  ++count_;
  if (advancing_ && tick_of(e->deadline_ns) < advance_to_) {
    expired_.push_back(e);  // already due: the next advance() fires it
    return;
  }
  place(e);
}

int TimerWheel::slot_index_of(const ListNode* sentinel) const noexcept {
  auto p = reinterpret_cast<std::uintptr_t>(sentinel);
  auto base = reinterpret_cast<std::uintptr_t>(&slots_[0]);
  if (p < base || p >= base + sizeof slots_) return -1;
  return static_cast<int>((p - base) / sizeof(ListNode));
}

void TimerWheel::remove(TimerEntry* e) noexcept {
  PRT_DEBUG_ASSERT(e->linked());
  ListNode* before = e->prev;
  bool was_last = before == e->next;  // then `before` is the list's sentinel
  e->unlink();
  --count_;
  if (was_last) {
    int index = slot_index_of(before);
    if (index >= 0) occupied_[index / kSlots] &= ~(std::uint64_t{1} << (index % kSlots));
  }
}

bool TimerWheel::next_slot(int level, SlotRef& out) const noexcept {
  std::uint64_t occ = occupied_[level];
  if (occ == 0) return false;
  int shift = level * kLevelBits;
  int pos = static_cast<int>((elapsed_ >> shift) & (kSlots - 1));
  // Every slot of level >= 1 at or behind `elapsed` was cascaded when
  // `elapsed` reached it, except in the top level, where deadlines beyond the
  // wheel's span wrap around: there, slots at or behind `pos` belong to the
  // level's next turn, so the search starts after `pos`.
  bool top = level == kLevels - 1;
  int from = top ? (pos + 1) & (kSlots - 1) : pos;
  int index = (from + std::countr_zero(std::rotr(occ, from))) & (kSlots - 1);
  std::uint64_t slot_range = std::uint64_t{1} << shift;
  std::uint64_t level_range = slot_range << kLevelBits;
  std::uint64_t start = (elapsed_ & ~(level_range - 1)) + static_cast<std::uint64_t>(index) * slot_range;
  if (top && index <= pos) start += level_range;
  out.level = level;
  out.slot = index;
  out.start = start;
  out.due = level == 0 ? start + 1 : start;
  return true;
}

bool TimerWheel::earliest_slot(SlotRef& out) const noexcept {
  bool found = false;
  for (int level = 0; level < kLevels; ++level) {
    SlotRef s;
    if (next_slot(level, s) && (!found || s.due < out.due)) {
      out = s;
      found = true;
    }
  }
  return found;
}

void TimerWheel::fire_list(List& list, std::size_t& fired) noexcept {
  sort_by_deadline(list);
  while (ListNode* n = list.pop_front()) {
    TimerEntry* e = entry(n);
    --count_;
    ++fired;
    e->fn(e, WaitOp::Fire);  // may remove other entries of `list`, or insert new ones
  }
}

std::size_t TimerWheel::advance(std::int64_t now_ns) noexcept {
  std::uint64_t now = tick_of(now_ns);
  std::size_t fired = 0;
  advancing_ = true;
  advance_to_ = now;
  if (!expired_.empty()) {
    firing_.splice_back(expired_);
    fire_list(firing_, fired);
  }
  SlotRef s;
  while (count_ != 0 && earliest_slot(s) && s.due <= now) {
    ListNode& head = slot(s.level, s.slot);
    occupied_[s.level] &= ~(std::uint64_t{1} << s.slot);
    if (s.level == 0) {
      elapsed_ = s.start;
      list_move_all(head, firing_);
      elapsed_ = s.start + 1;
      fire_list(firing_, fired);
    } else {
      elapsed_ = s.start;
      List cascading;
      list_move_all(head, cascading);
      while (ListNode* n = cascading.pop_front()) place(entry(n));
    }
  }
  if (elapsed_ < now) elapsed_ = now;
  advancing_ = false;
  return fired;
}

std::int64_t TimerWheel::next_fire_ns() const noexcept {
  if (!expired_.empty() || !firing_.empty()) return 0;
  std::uint64_t best = UINT64_MAX;
  for (int level = 0; level < kLevels; ++level) {
    SlotRef s;
    if (!next_slot(level, s)) continue;
    std::uint64_t when = s.due;
    if (level > 0 && level < kLevels - 1) {
      // A cascade is bookkeeping, not a firing: when the slot is short, wake
      // at the end of its earliest timer's tick instead of at the slot start.
      // (Not in the top level: a wrapped-around slot later in its rotation
      // may hold earlier deadlines than the first occupied one.)
      const ListNode& head = slot(level, s.slot);
      constexpr int kScan = 16;
      int scanned = 0;
      std::uint64_t earliest = UINT64_MAX;
      const ListNode* p = head.next;
      for (; p != &head && scanned < kScan; p = p->next, ++scanned) {
        std::uint64_t t = tick_of(static_cast<const TimerEntry*>(p)->deadline_ns);
        if (t < earliest) earliest = t;
      }
      if (p == &head && earliest != UINT64_MAX && earliest + 1 > when) when = earliest + 1;
    }
    if (when < best) best = when;
  }
  if (best == UINT64_MAX) return kNever;
  return static_cast<std::int64_t>(best << kTickShift);
}

void TimerWheel::detach_all() noexcept {
  List all;
  all.splice_back(expired_);
  all.splice_back(firing_);
  for (int level = 0; level < kLevels; ++level) {
    while (occupied_[level]) {
      int index = std::countr_zero(occupied_[level]);
      occupied_[level] &= occupied_[level] - 1;
      list_move_all(slot(level, index), all);
    }
  }
  while (ListNode* n = all.pop_front()) {
    --count_;
    entry(n)->fn(entry(n), WaitOp::Detach);
  }
}

}  // namespace prt::detail
