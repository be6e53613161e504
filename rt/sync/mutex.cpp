#include "mutex.h"

namespace prt {

using detail::SyncCore;
using detail::SyncWaiter;
using detail::SyncWaiterState;

// asyncio.Lock.acquire, from "not free": queue and park (contract step 2),
// unless the mutex turned out free after all.
bool Mutex::lock_slow(LockAwaiter* a, std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) {
    a->refused_ = Error(ErrorKind::Runtime, "Mutex::lock awaited outside a prt task");
    return false;
  }
  SyncCore::Guard g(site_.core, ctx.scheduler);
  if (auto bound = site_.core.bind(ctx.scheduler, !locked_ && site_.waiters.empty(), "Mutex::lock outside a runtime"); !bound) {
    a->refused_ = bound.error();
    return false;
  }
  if (!locked_ && site_.waiters.live() == 0) {
    locked_ = true;
    a->acquired_ = true;
    return false;
  }
  if (detail::cancel_pending(ctx.current)) return false;  // contract step 1: await_resume reports it
  detail::park_on(site_, a, leaf);
  return true;
}

// The task runs again: it was woken, or cancelled (before or after a wake).
Result<Mutex::Guard> Mutex::lock_resumed(LockAwaiter* a) noexcept {
  detail::Context& ctx = detail::tls_context;
  SyncCore::Guard g(site_.core, ctx.scheduler);
  site_.waiters.remove(a);
  if (detail::consume_cancel(ctx.current)) {
    // asyncio: `except CancelledError: if not self._locked: self._wake_up_first()`.
    if (!locked_) wake_first();
    return Error::cancelled();
  }
  PRT_DEBUG_ASSERT(!locked_);  // nobody barges past a live waiter
  locked_ = true;
  return Guard(this);
}

Result<Mutex::Guard> Mutex::try_lock() noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  SyncCore::Guard g(site_.core, s);
  if (s) {
    if (auto bound = site_.core.bind(s, !locked_ && site_.waiters.empty(), ""); !bound) return bound.error();
  }
  if (locked_ || site_.waiters.live() != 0) return Error(ErrorKind::Timeout, "Mutex::try_lock: the mutex is held");
  locked_ = true;
  return Guard(this);
}

Result<void> Mutex::unlock() noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  if (site_.core.owned_plainly(s) && locked_ && site_.waiters.empty()) {  // the uncontended case
    locked_ = false;
    return {};
  }
  SyncCore::Guard g(site_.core, s);
  if (!locked_) return Error(ErrorKind::Runtime, "Mutex::unlock: the mutex is not locked");
  locked_ = false;
  wake_first();
  return {};
}

// asyncio.Lock._wake_up_first: only the first waiter is looked at; if it is
// already woken or cancelled, its task will pass the wake-up on when it runs.
void Mutex::wake_first() noexcept {
  SyncWaiter* first = site_.waiters.front();
  if (first && first->state == SyncWaiterState::Waiting) site_.waiters.wake(first);
}

}  // namespace prt
