#include "wait_queue.h"

#include "../platform.h"

namespace prt::threading::detail {

void claim(WaitQueue& queue, Waiter* w, Waiter** claimed) noexcept {
  queue.remove(w);
  w->granted.store(kClaimed, std::memory_order_relaxed);
  w->next = *claimed;  // the order of grants does not matter: all hold now
  *claimed = w;
}

void grant_all(Waiter* claimed) noexcept {
  while (claimed) {
    Waiter* w = claimed;
    claimed = w->next;  // read before the grant: afterwards `w` may be gone
    w->granted.store(kGranted, std::memory_order_release);
    sys::unpark_one(&w->granted);
  }
}

bool wait_granted(Waiter* w, std::int64_t deadline_ns) noexcept {
  for (;;) {
    const std::uint32_t g = w->granted.load(std::memory_order_acquire);
    if (g == kGranted) return true;
    std::int64_t left = -1;
    if (deadline_ns >= 0) {
      left = deadline_ns - sys::monotonic_ns();
      if (left <= 0) return false;
    }
    sys::park(&w->granted, g, left);
  }
}

std::int64_t deadline_after(std::int64_t timeout_ns) noexcept {
  return timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
}

}  // namespace prt::threading::detail
