#include "semaphore.h"

namespace prt::threading {

bool Semaphore::acquire_slow(std::int64_t timeout_ns) noexcept {
  const std::int64_t deadline = detail::deadline_after(timeout_ns);
  detail::Waiter me;
  {
    MutexGuard g(queue_lock_);
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    for (;;) {
      if (!(s & kQueued) && s != 0) {
        if (state_.compare_exchange_weak(s, s - 1, std::memory_order_acquire, std::memory_order_relaxed)) return true;
        continue;
      }
      if (state_.compare_exchange_weak(s, s | kQueued, std::memory_order_relaxed, std::memory_order_relaxed)) break;
    }
    queue_.push_back(&me);
  }
  if (detail::wait_granted(&me, deadline)) return true;
  MutexGuard g(queue_lock_);
  if (me.granted.load(std::memory_order_acquire)) return true;
  queue_.remove(&me);
  if (queue_.empty()) state_.fetch_and(~kQueued, std::memory_order_relaxed);
  return false;
}

Result<void> Semaphore::release(std::uint32_t n) noexcept {
  if (n == 0) return {};
  if (n > max_) return Error(ErrorKind::Other, "Semaphore released too many times");
  std::uint32_t s = state_.load(std::memory_order_relaxed);
  while (!(s & kQueued)) {
    if (n > max_ || s > max_ - n) return Error(ErrorKind::Other, "Semaphore released too many times");
    // release: pairs with the acquire of whoever takes the permit.
    if (state_.compare_exchange_weak(s, s + n, std::memory_order_release, std::memory_order_relaxed)) return {};
  }
  MutexGuard g(queue_lock_);
  // Threads wait, so no permit is free (the invariant above): hand permits
  // to the longest waiters first, keep the rest.
  while (n != 0 && !queue_.empty()) {
    detail::Waiter* w = queue_.front();
    queue_.remove(w);
    detail::grant(w);  // the permit goes straight to the waiter
    --n;
  }
  s = state_.load(std::memory_order_relaxed);
  for (;;) {
    std::uint32_t permits = s & ~kQueued;
    if (n > max_ || permits > max_ - n) return Error(ErrorKind::Other, "Semaphore released too many times");
    std::uint32_t next = (permits + n) | (queue_.empty() ? 0 : kQueued);
    if (state_.compare_exchange_weak(s, next, std::memory_order_release, std::memory_order_relaxed)) return {};
  }
}

}  // namespace prt::threading
