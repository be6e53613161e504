// prt::threading::Condvar — a condition variable for threads, used with
// threading::Mutex. A wait may end spuriously: wait in a loop on the
// condition, or use the predicate overloads.
//
// Protocol: `seq` counts notifications. A waiter reads it before unlocking
// the mutex and parks only while it is unchanged, so a notification that
// comes between the unlock and the park is not lost. `waiters` lets notify
// skip the system call when nobody waits; the increments/loads of `waiters`
// and `seq` are sequentially consistent so that a notifier that sees no
// waiter is ordered before the waiter's read of `seq` (which then sees the
// new value and does not park).
#pragma once

#include <atomic>
#include <cstdint>

#include "mutex.h"

namespace prt::threading {

class Condvar {
 public:
  constexpr Condvar() noexcept = default;
  Condvar(const Condvar&) = delete;
  Condvar& operator=(const Condvar&) = delete;

  // `m` must be locked by the caller; it is unlocked while waiting and locked
  // again before returning.
  void wait(Mutex& m) noexcept { (void)wait_for(m, -1); }

  // False when `timeout_ns` passed (negative: no limit); true on a
  // notification or a spurious wake-up.
  bool wait_for(Mutex& m, std::int64_t timeout_ns) noexcept;

  template <class Pred>
  void wait(Mutex& m, Pred pred) {
    while (!pred()) wait(m);
  }

  // Waits until pred() holds or the timeout passes; returns pred().
  template <class Pred>
  bool wait_for(Mutex& m, std::int64_t timeout_ns, Pred pred);

  void notify_one() noexcept;
  void notify_all() noexcept;

 private:
  // Notification count: bumped by notifiers, compared by parked waiters.
  std::atomic<std::uint32_t> seq_{0};
  // Threads between registering and returning from wait; see the protocol.
  std::atomic<std::uint32_t> waiters_{0};
};

std::int64_t monotonic_now_ns() noexcept;  // sys::monotonic_ns, for the templates

template <class Pred>
bool Condvar::wait_for(Mutex& m, std::int64_t timeout_ns, Pred pred) {
  if (timeout_ns < 0) {
    wait(m, pred);
    return true;
  }
  const std::int64_t deadline = monotonic_now_ns() + timeout_ns;
  while (!pred()) {
    std::int64_t left = deadline - monotonic_now_ns();
    if (left <= 0) return pred();
    (void)wait_for(m, left);
  }
  return true;
}

}  // namespace prt::threading
