#include "wait_queue.h"

#include "../platform.h"

namespace prt::threading::detail {

void grant(Waiter* w) noexcept {
  w->granted.store(1, std::memory_order_release);
  sys::unpark_one(&w->granted);
}

bool wait_granted(Waiter* w, std::int64_t deadline_ns) noexcept {
  for (;;) {
    if (w->granted.load(std::memory_order_acquire)) return true;
    std::int64_t left = -1;
    if (deadline_ns >= 0) {
      left = deadline_ns - sys::monotonic_ns();
      if (left <= 0) return false;
    }
    sys::park(&w->granted, 0, left);
  }
}

std::int64_t deadline_after(std::int64_t timeout_ns) noexcept {
  return timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
}

}  // namespace prt::threading::detail
