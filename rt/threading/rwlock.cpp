#include "rwlock.h"

namespace prt::threading {

bool RwLock::lock_slow(std::uint32_t want, std::int64_t timeout_ns) noexcept {
  const std::int64_t deadline = detail::deadline_after(timeout_ns);
  detail::Waiter me;
  me.want = want;
  {
    MutexGuard g(queue_lock_);
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    for (;;) {
      bool free_now = want == kRead ? (s & (kWriter | kQueued)) == 0 && (s & kReaders) < kReaders
                                    : s == 0;
      if (free_now) {
        std::uint32_t next = want == kRead ? s + 1 : (s | kWriter);
        if (state_.compare_exchange_weak(s, next, std::memory_order_acquire, std::memory_order_relaxed)) return true;
        continue;
      }
      // Close the fast paths, then queue (both under queue_lock_).
      if (state_.compare_exchange_weak(s, s | kQueued, std::memory_order_relaxed, std::memory_order_relaxed)) break;
    }
    queue_.push_back(&me);
  }
  if (detail::wait_granted(&me, deadline)) return true;
  detail::Waiter* claimed = nullptr;
  bool granted;
  {
    MutexGuard g(queue_lock_);
    granted = detail::granted_after_timeout(&me);  // granted as the timeout struck
    if (!granted) {
      queue_.remove(&me);
      claim_grantable_locked(&claimed);  // those queued behind us may be grantable now
    }
  }
  if (granted) return detail::wait_granted(&me, -1);
  detail::grant_all(claimed);
  return false;
}

void RwLock::claim_grantable_locked(detail::Waiter** claimed) noexcept {
  std::uint32_t s = state_.load(std::memory_order_relaxed);
  for (;;) {
    detail::Waiter* w = queue_.front();
    if (!w) {
      // Queue empty: reopen the fast paths.
      if (state_.compare_exchange_weak(s, s & ~kQueued, std::memory_order_relaxed, std::memory_order_relaxed)) return;
      continue;
    }
    if (w->want == kWrite) {
      if ((s & (kReaders | kWriter)) != 0) return;  // holders left: their unlock grants
      // release: the writer acquires through `granted`; the state's own
      // acquire/release chain passes through this CAS.
      if (!state_.compare_exchange_weak(s, s | kWriter, std::memory_order_acq_rel, std::memory_order_relaxed)) continue;
      detail::claim(queue_, w, claimed);
    } else {
      if (s & kWriter) return;
      // Every reader up to the next writer enters together.
      std::uint32_t n = 0;
      for (detail::Waiter* r = w; r && r->want == kRead; r = r->next) ++n;
      if (!state_.compare_exchange_weak(s, s + n, std::memory_order_acq_rel, std::memory_order_relaxed)) continue;
      for (std::uint32_t i = 0; i < n; ++i) detail::claim(queue_, queue_.front(), claimed);
    }
    s = state_.load(std::memory_order_relaxed);
  }
}

void RwLock::unlock_shared() noexcept {
  // release: our reads happen before the next writer's acquire.
  std::uint32_t s = state_.fetch_sub(1, std::memory_order_release);
  PRT_DEBUG_ASSERT_MSG((s & kReaders) != 0, "prt::threading::RwLock::unlock_shared: not read-locked");
  if ((s & kReaders) == 1 && (s & kQueued)) grant_queued();
}

void RwLock::unlock() noexcept {
  std::uint32_t s = state_.fetch_and(~kWriter, std::memory_order_release);
  PRT_DEBUG_ASSERT_MSG(s & kWriter, "prt::threading::RwLock::unlock: not write-locked");
  if (s & kQueued) grant_queued();
}

void RwLock::grant_queued() noexcept {
  detail::Waiter* claimed = nullptr;
  {
    MutexGuard g(queue_lock_);
    claim_grantable_locked(&claimed);
  }
  detail::grant_all(claimed);  // the lock itself is not touched from here on
}

}  // namespace prt::threading
