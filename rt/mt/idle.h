// Coordination of idle workers (internal): how many search for work, which
// sleep, and whom to wake when work appears.
//
// State word (32 bits, `state_`): high 16 bits the workers not parked
// ("unparked"), low 16 bits those searching. Sleeping workers' indices live
// in `sleepers_`, guarded by `lock_`; every change of the unparked count
// happens under that lock, searching counts change without it.
//
// The rules, which keep a sleeping worker from missing work:
//  R1. A worker parks only after it searched (or others search, which caps
//      searchers at half the workers so they do not all spin).
//  R2. Whoever makes work available calls worker_to_notify(): if nobody
//      searches and someone sleeps, it wakes one, which starts out searching.
//      Searchers that find work stop searching; the last one to stop wakes
//      another sleeper (work was found, so there may be more).
//  R3. The last searcher to park re-checks every queue after it is counted as
//      parked and wakes a sleeper (possibly itself) if it finds work.
// R2's read of the state and R3's decrement are sequentially consistent, and
// the work is published before R2's read (a fence in worker_to_notify), so a
// notifier that sees a searcher is ordered before that searcher's final
// re-check, which then sees the work.
//  R2'. A worker that pushed to its own queue may first read the state
//      relaxed (may_need_wake) and skip R2 when nobody sleeps or somebody
//      searches. A stale read can only delay a wake-up, never lose work: a
//      worker's queue is pushed to by its owner alone, the owner is awake
//      and runs what it pushed, and its next push reads the state again.
//      This keeps the seq_cst fence off the yield and wake paths of a busy
//      runtime; pushes from other threads (the injection queue) always use
//      R2.
#pragma once

#include <atomic>
#include <cstdint>

#include "../memory.h"
#include "../threading/mutex.h"

namespace prt::detail::mt {

class Idle {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  explicit Idle(std::uint32_t workers) noexcept : workers_(workers), state_(workers << 16) {}
  ~Idle() {
    if (sleepers_) PRT_FREE(static_cast<void*>(sleepers_), sizeof(std::uint32_t) * workers_);
  }
  bool init() noexcept {
    sleepers_ = static_cast<std::uint32_t*>(PRT_ALLOC(sizeof(std::uint32_t) * workers_));
    return sleepers_ != nullptr;
  }

  // R2. The worker to unpark (it now counts as unparked and searching), or kNone.
  std::uint32_t worker_to_notify() noexcept {
    // The work the caller published must be visible to any worker that reads
    // the state after us (pairs with the seq_cst RMW in to_parked).
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (!should_wake(state_.load(std::memory_order_seq_cst))) return kNone;
    threading::MutexGuard g(lock_);
    if (!should_wake(state_.load(std::memory_order_seq_cst)) || nsleepers_ == 0) return kNone;
    std::uint32_t w = sleepers_[--nsleepers_];
    state_.fetch_add((1u << 16) | 1u, std::memory_order_seq_cst);
    return w;
  }

  // R2'. Cheap pre-check for a worker's push to its own queue: false when R2
  // would (most likely) not wake anyone.
  bool may_need_wake() const noexcept { return should_wake(state_.load(std::memory_order_relaxed)); }

  // R1. Starts searching unless half the workers already do.
  bool to_searching() noexcept {
    std::uint32_t s = state_.load(std::memory_order_seq_cst);
    if (2 * searching(s) >= workers_) return false;
    state_.fetch_add(1, std::memory_order_seq_cst);
    return true;
  }

  // Stops searching; true when this was the last searcher (R2).
  bool from_searching() noexcept { return searching(state_.fetch_sub(1, std::memory_order_seq_cst)) == 1; }

  // Goes to sleep; true when this was the last searcher (R3: re-check).
  bool to_parked(std::uint32_t worker, bool was_searching) noexcept {
    threading::MutexGuard g(lock_);
    std::uint32_t dec = (1u << 16) | (was_searching ? 1u : 0u);
    std::uint32_t prev = state_.fetch_sub(dec, std::memory_order_seq_cst);
    sleepers_[nsleepers_++] = worker;
    return was_searching && searching(prev) == 1;
  }

  // A worker woke up by itself (timer, I/O, shutdown): takes it out of the
  // sleepers. False when a notifier already did (it is searching then).
  bool unpark_self(std::uint32_t worker) noexcept {
    threading::MutexGuard g(lock_);
    for (std::uint32_t i = 0; i < nsleepers_; ++i) {
      if (sleepers_[i] == worker) {
        sleepers_[i] = sleepers_[--nsleepers_];
        state_.fetch_add(1u << 16, std::memory_order_seq_cst);
        return true;
      }
    }
    return false;
  }

  std::uint32_t searching_now() const noexcept { return searching(state_.load(std::memory_order_relaxed)); }

 private:
  static std::uint32_t searching(std::uint32_t s) noexcept { return s & 0xffffu; }
  static std::uint32_t unparked(std::uint32_t s) noexcept { return s >> 16; }
  bool should_wake(std::uint32_t s) const noexcept { return searching(s) == 0 && unparked(s) < workers_; }

  const std::uint32_t workers_;
  std::atomic<std::uint32_t> state_;
  threading::Mutex lock_;
  std::uint32_t* sleepers_ = nullptr;  // guarded by lock_
  std::uint32_t nsleepers_ = 0;        // guarded by lock_
};

// Where a worker sleeps. EMPTY -> PARKED when it sleeps; unpark() swaps in
// NOTIFIED and wakes it (on its futex word, or through the poller when it
// sleeps in the driver); park() consumes NOTIFIED and returns at once.
struct Parker {
  static constexpr std::uint32_t kEmpty = 0, kParked = 1, kNotified = 2;
  // Written by the worker (EMPTY/PARKED) and by unparkers (NOTIFIED);
  // seq_cst exchanges: an unparker that sees PARKED also sees in_driver.
  std::atomic<std::uint32_t> state{kEmpty};
  // Set by the worker before it parks (ordered by the PARKED store).
  std::atomic<bool> in_driver{false};
};

}  // namespace prt::detail::mt
