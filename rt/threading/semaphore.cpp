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
  {
    MutexGuard g(queue_lock_);
    if (!detail::granted_after_timeout(&me)) {
      queue_.remove(&me);
      if (queue_.empty()) state_.fetch_and(~kQueued, std::memory_order_relaxed);
      return false;
    }
  }
  return detail::wait_granted(&me, -1);  // granted as the timeout struck
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
  detail::Waiter* claimed = nullptr;
  Result<void> result;
  {
    MutexGuard g(queue_lock_);
    // Threads wait, so no permit is free (the invariant above): hand permits
    // to the longest waiters first, keep the rest.
    while (n != 0 && !queue_.empty()) {
      detail::claim(queue_, queue_.front(), &claimed);  // the permit goes straight to it
      --n;
    }
    s = state_.load(std::memory_order_relaxed);
    for (;;) {
      const std::uint32_t permits = s & ~kQueued;
      const bool too_many = n > max_ || permits > max_ - n;
      // Even when refusing the surplus, reopen the fast path if the queue emptied.
      const std::uint32_t next = (permits + (too_many ? 0 : n)) | (queue_.empty() ? 0 : kQueued);
      if (state_.compare_exchange_weak(s, next, std::memory_order_release, std::memory_order_relaxed)) {
        if (too_many) result = Error(ErrorKind::Other, "Semaphore released too many times");
        break;
      }
    }
  }
  detail::grant_all(claimed);  // the semaphore itself is not touched from here on
  return result;
}

}  // namespace prt::threading
