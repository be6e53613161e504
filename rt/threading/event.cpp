#include "event.h"

#include "../platform.h"

namespace prt::threading {

void Event::set() noexcept {
  flag_.store(1, std::memory_order_seq_cst);
  if (waiters_.load(std::memory_order_seq_cst) != 0) sys::unpark_all(&flag_);
}

bool Event::wait_for(std::int64_t timeout_ns) noexcept {
  if (flag_.load(std::memory_order_acquire)) return true;
  if (timeout_ns == 0) return false;
  const std::int64_t deadline = timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
  waiters_.fetch_add(1, std::memory_order_seq_cst);
  bool set = false;
  for (;;) {
    if (flag_.load(std::memory_order_seq_cst)) {
      set = true;
      break;
    }
    std::int64_t left = -1;
    if (deadline >= 0) {
      left = deadline - sys::monotonic_ns();
      if (left <= 0) break;
    }
    sys::park(&flag_, 0, left);
  }
  waiters_.fetch_sub(1, std::memory_order_relaxed);
  return set;
}

}  // namespace prt::threading
