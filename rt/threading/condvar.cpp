#include "condvar.h"

#include "../platform.h"

namespace prt::threading {

std::int64_t monotonic_now_ns() noexcept { return sys::monotonic_ns(); }

bool Condvar::wait_for(Mutex& m, std::int64_t timeout_ns) noexcept {
  waiters_.fetch_add(1, std::memory_order_seq_cst);
  const std::uint32_t seq = seq_.load(std::memory_order_seq_cst);
  m.unlock();
  bool woken = sys::park(&seq_, seq, timeout_ns);
  waiters_.fetch_sub(1, std::memory_order_relaxed);
  m.lock();
  return woken;
}

void Condvar::notify_one() noexcept {
  seq_.fetch_add(1, std::memory_order_seq_cst);
  if (waiters_.load(std::memory_order_seq_cst) != 0) sys::unpark_one(&seq_);
}

void Condvar::notify_all() noexcept {
  seq_.fetch_add(1, std::memory_order_seq_cst);
  if (waiters_.load(std::memory_order_seq_cst) != 0) sys::unpark_all(&seq_);
}

}  // namespace prt::threading
