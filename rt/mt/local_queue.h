// A worker's local run queue (internal): a bounded ring the owner pushes to
// and pops from in FIFO order, and other workers steal half of.
//
// Positions are unbounded u32 counters (the ring index is pos % kCapacity);
// every distance is taken modulo 2^32.
//
//   tail_         next position the owner writes. Written by the owner with
//                 release after filling the slot; thieves read it (acquire).
//   head_         two positions packed in 64 bits, changed by CAS only:
//                   real  (low)   the first position nobody has claimed yet
//                   steal (high)  the first position a thief may still be
//                                 copying; == real when no steal is going on
//   pos_, limit_  the owner's private window [pos_, limit_) of positions it
//                 claimed and has not popped yet.
//
// Owner push: if the slots from the oldest occupied position (the start of a
// non-empty window, or steal) to tail_ leave room, store the task and
// publish tail_ + 1. No read-modify-write.
// Owner pop: take the next position of its window with plain loads. When the
// window is empty, claim a new one with one CAS that moves `real` forward by
// up to half of what is there (at most kMaxWindow): the CAS is paid once per
// window, not per pop, and thieves can still take the other half.
// Steal (a thief, into its own queue): when no other steal is going on,
// claim half of [real, tail_) by moving `real` alone (steal stays: "copy in
// progress"), copy the tasks into its own ring, then set steal = real. Until
// then the owner treats the claimed slots as occupied and never overwrites
// them.
#pragma once

#include <atomic>
#include <cstdint>

#include "../task.h"

namespace prt::detail::mt {

class LocalQueue {
 public:
  static constexpr std::uint32_t kCapacity = 256;
  static constexpr std::uint32_t kMaxWindow = 32;

  LocalQueue() noexcept {
    for (auto& s : slots_) s.store(nullptr, std::memory_order_relaxed);
  }
  LocalQueue(const LocalQueue&) = delete;
  LocalQueue& operator=(const LocalQueue&) = delete;

  // Owner. False when full: the caller sends the task elsewhere.
  bool push(TaskHeader* t) noexcept {
    const std::uint32_t tail = tail_.load(std::memory_order_relaxed);
    // acquire: a finished steal (steal index moved on) means the thief no
    // longer reads the slots it copied.
    const std::uint32_t steal = steal_of(head_.load(std::memory_order_acquire));
    // The oldest occupied slot is the start of the owner's window while it
    // holds tasks, or the steal index (everything from there on is queued
    // or being copied by a thief). An exhausted window holds nothing, even
    // though pos_ still points at its end.
    const std::uint32_t used_own = pos_ == limit_ ? 0 : tail - pos_;
    const std::uint32_t used_steal = tail - steal;
    if ((used_own > used_steal ? used_own : used_steal) >= kCapacity) return false;
    slots_[tail % kCapacity].store(t, std::memory_order_relaxed);
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }

  // Owner. The oldest task, or nullptr when empty.
  TaskHeader* pop() noexcept {
    if (pos_ == limit_ && !claim_window()) return nullptr;
    return slots_[pos_++ % kCapacity].load(std::memory_order_relaxed);
  }

  // Any thread; approximate. Tasks thieves could take (the owner's private
  // window is not counted).
  bool has_stealable() const noexcept {
    const std::uint32_t tail = tail_.load(std::memory_order_acquire);
    return tail != real_of(head_.load(std::memory_order_acquire));
  }

  // Owner; approximate. Tasks still queued, the window included.
  std::uint32_t len() const noexcept { return tail_.load(std::memory_order_relaxed) - pos_; }

  // A thief, into its own queue `dst`, which must be empty. Moves up to half
  // of the stealable tasks; returns one of them to run now, or nullptr.
  TaskHeader* steal_into(LocalQueue& dst) noexcept;

 private:
  static std::uint64_t pack(std::uint32_t steal, std::uint32_t real) noexcept {
    return (std::uint64_t{steal} << 32) | real;
  }
  static std::uint32_t steal_of(std::uint64_t h) noexcept { return static_cast<std::uint32_t>(h >> 32); }
  static std::uint32_t real_of(std::uint64_t h) noexcept { return static_cast<std::uint32_t>(h); }

  bool claim_window() noexcept {
    std::uint64_t h = head_.load(std::memory_order_acquire);
    for (;;) {
      const std::uint32_t steal = steal_of(h), real = real_of(h);
      const std::uint32_t avail = tail_.load(std::memory_order_relaxed) - real;
      if (avail == 0) return false;
      std::uint32_t n = avail <= 2 ? avail : avail / 2;
      if (n > kMaxWindow) n = kMaxWindow;
      const std::uint32_t next = real + n;
      // A claim with no steal in progress moves both positions; otherwise
      // the thief's steal index stays until it finishes.
      const std::uint64_t nh = steal == real ? pack(next, next) : pack(steal, next);
      if (head_.compare_exchange_weak(h, nh, std::memory_order_acq_rel, std::memory_order_acquire)) {
        pos_ = real;
        limit_ = next;
        return true;
      }
    }
  }

  alignas(64) std::atomic<std::uint64_t> head_{0};
  alignas(64) std::atomic<std::uint32_t> tail_{0};
  // The owner's window: written and read by the owner only.
  std::uint32_t pos_ = 0;
  std::uint32_t limit_ = 0;
  // Written by the owner (push) and by the owner's own steals into this
  // queue; read by thieves in their copy. Relaxed: tail_ (release/acquire)
  // orders every slot write before the reads that need it.
  std::atomic<TaskHeader*> slots_[kCapacity];
};

inline TaskHeader* LocalQueue::steal_into(LocalQueue& dst) noexcept {
  std::uint64_t h = head_.load(std::memory_order_acquire);
  std::uint32_t real, n;
  for (;;) {
    const std::uint32_t steal = steal_of(h);
    real = real_of(h);
    if (steal != real) return nullptr;  // another thief is copying
    const std::uint32_t avail = tail_.load(std::memory_order_acquire) - real;
    n = avail - avail / 2;
    if (n == 0) return nullptr;
    if (n > kCapacity / 2) n = kCapacity / 2;
    if (head_.compare_exchange_weak(h, pack(steal, real + n), std::memory_order_acq_rel, std::memory_order_acquire)) {
      break;
    }
  }
  const std::uint32_t dst_tail = dst.tail_.load(std::memory_order_relaxed);
  for (std::uint32_t i = 0; i < n; ++i) {
    TaskHeader* t = slots_[(real + i) % kCapacity].load(std::memory_order_relaxed);
    dst.slots_[(dst_tail + i) % kCapacity].store(t, std::memory_order_relaxed);
  }
  // Done copying: let the owner reuse those slots (steal = real).
  h = head_.load(std::memory_order_acquire);
  while (!head_.compare_exchange_weak(h, pack(real_of(h), real_of(h)), std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
  }
  // Keep the last one to run now; publish the rest in dst.
  TaskHeader* run_now = dst.slots_[(dst_tail + n - 1) % kCapacity].load(std::memory_order_relaxed);
  if (n > 1) dst.tail_.store(dst_tail + n - 1, std::memory_order_release);
  return run_now;
}

}  // namespace prt::detail::mt
