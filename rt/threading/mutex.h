// prt::threading::Mutex — a 4-byte blocking mutex for threads (not tasks):
// one compare-and-swap to lock and one to unlock when uncontended; under
// contention a thread spins briefly, then parks on the word (futex,
// Atomics.wait) through the platform contract.
//
// Word layout (32 bits):
//   bit 0      LOCKED    held by some thread
//   bit 1      HANDOFF   the lock is being handed to a waiter: it stays
//                        LOCKED, and only a registered waiter may take it
//   bits 2-31  waiters   threads registered to park (not spinning barging
//                        threads); up to 2^30 - 1
//
// Fairness (eventual, no starvation): unlock normally releases the lock and
// wakes one waiter, and a running thread may take the lock first (barging:
// fast under contention). But when the unlocking thread last handed the lock
// over more than kFairnessInterval ago and waiters exist, it hands the lock
// directly to a waiter (HANDOFF), which the kernel picks in arrival order.
// A waiter therefore waits at most about one interval per waiter ahead of it.
//
// Why unlock is a compare-and-swap rather than a store: a store followed by a
// read of the waiter count (with the fence on the waiters' side, via a
// process-wide barrier) measured 5.2 ns per lock+unlock against 9.0 ns here,
// but that read comes after the release, when another thread may already
// have locked, unlocked and freed the mutex. Like std::mutex and POSIX
// mutexes, this one may be destroyed as soon as it is unlocked: the CAS reads
// the waiter count in the instruction that releases, and afterwards only the
// wake-up system call names the address.
//
// Misuse: unlocking a mutex that is not locked fails a debug assertion with
// a message. The word has no room for an owner, so unlocking a mutex that
// another thread holds is not detected.
#pragma once

#include <atomic>
#include <cstdint>

#include "../config.h"

namespace prt::threading {

class Mutex {
 public:
  static constexpr std::int64_t kFairnessInterval = 500'000;  // ns

  constexpr Mutex() noexcept = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() noexcept {
    std::uint32_t expected = 0;
    // acquire: pairs with the release in unlock(); the previous holder's
    // writes are visible to the new one. relaxed on failure: the slow path
    // re-reads.
    if (PRT_LIKELY(word_.compare_exchange_weak(expected, kLocked, std::memory_order_acquire,
                                               std::memory_order_relaxed))) {
      return;
    }
    lock_slow(-1);
  }

  bool try_lock() noexcept {
    std::uint32_t w = word_.load(std::memory_order_relaxed);
    // Only an unlocked word with no hand-off in progress may be taken.
    return (w & (kLocked | kHandoff)) == 0 &&
           word_.compare_exchange_strong(w, w | kLocked, std::memory_order_acquire, std::memory_order_relaxed);
  }

  // Waits at most `timeout_ns` (negative: no limit). True when locked.
  bool try_lock_for(std::int64_t timeout_ns) noexcept {
    return try_lock() || lock_slow(timeout_ns);
  }

  void unlock() noexcept {
    std::uint32_t expected = kLocked;
    // release: publishes the critical section to the next holder.
    if (PRT_LIKELY(word_.compare_exchange_strong(expected, 0, std::memory_order_release,
                                                 std::memory_order_relaxed))) {
      return;
    }
    unlock_slow();
  }

  // For tests and diagnostics only: the word is racy by nature.
  bool is_locked() const noexcept { return word_.load(std::memory_order_relaxed) & kLocked; }

 private:
  static constexpr std::uint32_t kLocked = 1u << 0;
  static constexpr std::uint32_t kHandoff = 1u << 1;
  static constexpr std::uint32_t kWaiter = 1u << 2;  // one registered waiter

  bool lock_slow(std::int64_t timeout_ns) noexcept;
  void unlock_slow() noexcept;

  // The lock word; see the layout above. Every thread reads and writes it
  // with CAS/RMW; acquire on taking the lock, release on giving it up.
  std::atomic<std::uint32_t> word_{0};
};

static_assert(sizeof(Mutex) == 4, "Mutex must stay 4 bytes");

// Scoped lock: std::lock_guard works too; this one can also be released early.
class MutexGuard {
 public:
  explicit MutexGuard(Mutex& m) noexcept : m_(&m) { m.lock(); }
  MutexGuard(const MutexGuard&) = delete;
  MutexGuard& operator=(const MutexGuard&) = delete;
  ~MutexGuard() { unlock(); }
  void unlock() noexcept {
    if (m_) {
      m_->unlock();
      m_ = nullptr;
    }
  }

 private:
  Mutex* m_;
};

}  // namespace prt::threading
