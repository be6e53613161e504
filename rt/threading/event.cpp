#include "event.h"

#include "../platform.h"

namespace prt::threading {

void Event::set() noexcept {
  // release: pairs with the waiters' acquire loads of the flag. After this
  // RMW the event may be gone: only its address goes to the system call.
  const std::uint32_t before = word_.fetch_or(kSet, std::memory_order_release);
  if (!(before & kSet) && before >= kWaiter) sys::unpark_all(&word_);
}

bool Event::wait_for(std::int64_t timeout_ns) noexcept {
  if (word_.load(std::memory_order_acquire) & kSet) return true;
  if (timeout_ns == 0) return false;
  const std::int64_t deadline = timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
  // acquire: if the registration finds the flag raised, the setter's writes
  // are visible. Ordered with set()'s RMW by the word's modification order.
  std::uint32_t w = word_.fetch_add(kWaiter, std::memory_order_acquire) + kWaiter;
  bool set = false;
  for (;;) {
    if (w & kSet) {
      set = true;
      break;
    }
    std::int64_t left = -1;
    if (deadline >= 0) {
      left = deadline - sys::monotonic_ns();
      if (left <= 0) break;
    }
    sys::park(&word_, w, left);  // returns at once if the word moved on
    w = word_.load(std::memory_order_acquire);
  }
  word_.fetch_sub(kWaiter, std::memory_order_relaxed);
  return set;
}

}  // namespace prt::threading
