#include "rwlock.h"

namespace prt {

using detail::SyncCore;
using detail::SyncWaiter;
using detail::SyncWaiterState;

bool RwLock::acquire_slow(AwaiterBase* a, bool write, std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) {
    a->refused_ = Error(ErrorKind::Runtime, "RwLock awaited outside a prt task");
    return false;
  }
  SyncCore::Guard g(site_.core, ctx.scheduler);
  const bool idle = readers_ == 0 && !writer_ && site_.waiters.empty();
  if (auto bound = site_.core.bind(ctx.scheduler, idle, "RwLock awaited outside a runtime"); !bound) {
    a->refused_ = bound.error();
    return false;
  }
  if (try_take(write)) {
    a->acquired_ = true;
    return false;
  }
  if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
  a->want = write ? kWantWrite : kWantRead;
  detail::park_on(site_, a, leaf);
  return true;
}

// Woken means the grant was handed over (hand_over() counted it).
Result<void> RwLock::acquire_resumed(AwaiterBase* a, bool write) noexcept {
  detail::Context& ctx = detail::tls_context;
  SyncCore::Guard g(site_.core, ctx.scheduler);
  site_.waiters.remove(a);
  const bool granted = a->state == SyncWaiterState::Woken;
  if (detail::consume_cancel(ctx.current)) {
    if (granted) release_locked(write);  // give it back: hands it on
    return Error::cancelled();
  }
  PRT_DEBUG_ASSERT(granted);
  return {};
}

Result<void> RwLock::try_acquire(bool write) noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  SyncCore::Guard g(site_.core, s);
  if (s) {
    const bool idle = readers_ == 0 && !writer_ && site_.waiters.empty();
    if (auto bound = site_.core.bind(s, idle, ""); !bound) return bound.error();
  }
  if (!try_take(write)) {
    return Error(ErrorKind::Timeout, write ? "RwLock::try_write: the lock is busy"
                                           : "RwLock::try_read: a writer holds or waits for the lock");
  }
  return {};
}

Result<RwLock::ReadGuard> RwLock::try_read() noexcept {
  if (auto r = try_acquire(false); !r) return r.error();
  return ReadGuard(this);
}

Result<RwLock::WriteGuard> RwLock::try_write() noexcept {
  if (auto r = try_acquire(true); !r) return r.error();
  return WriteGuard(this);
}

void RwLock::release(bool write) noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  if (site_.core.owned_plainly(s) && site_.waiters.empty()) {  // uncontended
    if (write) {
      writer_ = false;
    } else {
      --readers_;
    }
    return;
  }
  SyncCore::Guard g(site_.core, s);
  release_locked(write);
}

void RwLock::release_locked(bool write) noexcept {
  if (write) {
    PRT_DEBUG_ASSERT(writer_);
    writer_ = false;
  } else {
    PRT_DEBUG_ASSERT(readers_ > 0);
    --readers_;
  }
  hand_over();
}

// The front of the line gets the lock: a writer once it is entirely free;
// readers (each in turn up to the first waiting writer) unless a writer holds it.
void RwLock::hand_over() noexcept {
  for (SyncWaiter* w = site_.waiters.next_waiting(); w != nullptr;) {
    if (writer_) return;
    SyncWaiter* next = site_.waiters.next_waiting(w);
    if (w->want == kWantWrite) {
      if (readers_ != 0) return;
      writer_ = true;
    } else {
      ++readers_;
    }
    site_.waiters.wake(w);
    w = next;
  }
}

}  // namespace prt
