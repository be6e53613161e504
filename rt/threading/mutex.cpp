#include "mutex.h"

#include "../platform.h"

namespace prt::threading {
namespace {

constexpr int kSpins = 100;

// Per thread: when this thread last handed a mutex to a waiter. Plain
// thread-local data, written only by its own thread.
constinit thread_local std::int64_t tls_last_handoff_ns = 0;

bool fairness_due() noexcept {
  std::int64_t now = sys::monotonic_ns();
  if (now - tls_last_handoff_ns < Mutex::kFairnessInterval) return false;
  tls_last_handoff_ns = now;
  return true;
}

std::int64_t deadline_for(std::int64_t timeout_ns) noexcept {
  return timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
}

}  // namespace

bool Mutex::lock_slow(std::int64_t timeout_ns) noexcept {
  const std::int64_t deadline = deadline_for(timeout_ns);
  // 1. Spin while nobody is parked: short critical sections end before a
  //    park/unpark round trip would.
  for (int i = 0; i < kSpins; ++i) {
    std::uint32_t w = word_.load(std::memory_order_relaxed);
    if ((w & (kLocked | kHandoff)) == 0) {
      if (word_.compare_exchange_weak(w, w | kLocked, std::memory_order_acquire, std::memory_order_relaxed)) {
        return true;
      }
      continue;
    }
    if (w >= kWaiter) break;  // others are already parked: queue behind them
    PRT_CPU_RELAX();
  }
  // 2. Register as a waiter, then take the lock when it is free or handed to
  //    us, parking in between. The registration itself publishes nothing.
  std::uint32_t w = word_.fetch_add(kWaiter, std::memory_order_relaxed) + kWaiter;
  for (;;) {
    if (w & kHandoff) {
      // LOCKED stays set: the unlocker gave the lock to a waiter, us.
      if (word_.compare_exchange_weak(w, (w & ~kHandoff) - kWaiter, std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
        return true;
      }
      continue;
    }
    if (!(w & kLocked)) {
      if (word_.compare_exchange_weak(w, (w | kLocked) - kWaiter, std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
        return true;
      }
      continue;
    }
    std::int64_t remaining = -1;
    if (deadline >= 0) {
      remaining = deadline - sys::monotonic_ns();
      if (remaining <= 0) break;
    }
    sys::park(&word_, w, remaining);  // returns at once if the word moved on
    w = word_.load(std::memory_order_relaxed);
  }
  // 3. Timed out. Leave, unless a hand-off is under way: with us gone it
  //    might have no taker, so take it instead (a late but valid success).
  for (;;) {
    if (w & kHandoff) {
      if (word_.compare_exchange_weak(w, (w & ~kHandoff) - kWaiter, std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
        return true;
      }
    } else if (!(w & kLocked)) {
      if (word_.compare_exchange_weak(w, (w | kLocked) - kWaiter, std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
        return true;
      }
    } else if (word_.compare_exchange_weak(w, w - kWaiter, std::memory_order_relaxed,
                                           std::memory_order_relaxed)) {
      return false;
    }
  }
}

void Mutex::unlock_slow() noexcept {
  std::uint32_t w = word_.load(std::memory_order_relaxed);
  PRT_DEBUG_ASSERT_MSG((w & kLocked) && !(w & kHandoff),
                       "prt::threading::Mutex::unlock: the mutex is not locked");
  if (!(w & kLocked) || (w & kHandoff)) return;  // misuse in a release build: leave the word alone
  const bool handoff = w >= kWaiter && fairness_due();
  for (;;) {
    std::uint32_t next = w >= kWaiter ? (handoff ? (w | kHandoff) : (w & ~kLocked)) : (w & ~kLocked);
    // release: the next holder (taking it by CAS with acquire) sees our writes.
    if (word_.compare_exchange_weak(w, next, std::memory_order_release, std::memory_order_relaxed)) {
      if (w >= kWaiter) sys::unpark_one(&word_);
      return;
    }
    // The word changed (a waiter came or left): recompute. If every waiter
    // left, the lock is released plainly; a hand-off would strand it.
  }
}

}  // namespace prt::threading
