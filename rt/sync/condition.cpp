#include "condition.h"

namespace prt {

using detail::SyncCore;
using detail::SyncWaiter;
using detail::SyncWaiterState;

Task<> Condition::wait() {
  if (!m_->is_locked()) co_return Error(ErrorKind::Runtime, "Condition::wait: cannot wait on un-acquired lock");
  // Register before unlocking, so a notify() from whoever takes the mutex
  // next (it runs only after we suspend on a single-threaded runtime, but may
  // run at once on a multi-threaded one) cannot slip between the two.
  WaitAwaiter waiter(this);
  Result<void> waited = co_await waiter;
  if (!waited && !waited.error().is(ErrorKind::Cancelled)) co_return waited.error();  // refused: still held
  // Must hold the mutex again whatever happened (asyncio's `finally:` loop):
  // a cancel that arrives while queued for it is remembered and retried.
  bool cancelled = !waited;
  for (;;) {
    auto g = co_await m_->lock();
    if (g) {
      (void)g->release();  // the caller's guard owns it again
      break;
    }
    if (!g.error().is(ErrorKind::Cancelled)) co_return g.error();  // cannot happen with a bound mutex
    cancelled = true;
  }
  if (cancelled) co_return Error::cancelled();
  co_return waited;
}

// Parks the waiter, then unlocks the mutex (asyncio: release, then wait).
bool Condition::park(WaitAwaiter* a, std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  {
    SyncCore::Guard g(site_.core, ctx.scheduler);
    if (auto bound = site_.core.bind(ctx.scheduler, site_.waiters.empty(), "Condition::wait outside a runtime");
        !bound) {
      a->refused_ = bound.error();  // the mutex was not released
      return false;
    }
    if (detail::cancel_pending(ctx.current)) {
      (void)m_->unlock();  // asyncio released before awaiting; the re-lock follows
      return false;
    }
    detail::park_on(site_, a, leaf);
  }
  // Parked: from here the task may be woken (and, on a worker pool, run) at
  // any moment; touch nothing of the frame after the unlock.
  (void)m_->unlock();
  return true;
}

Result<void> Condition::resumed(WaitAwaiter* a) noexcept {
  detail::Context& ctx = detail::tls_context;
  SyncCore::Guard g(site_.core, ctx.scheduler);
  site_.waiters.remove(a);
  if (detail::consume_cancel(ctx.current)) {
    if (a->state == SyncWaiterState::Woken) notify_locked(1);  // pass the notification on
    return Error::cancelled();
  }
  return {};
}

Result<void> Condition::notify(std::uint32_t n) noexcept {
  if (!m_->is_locked()) return Error(ErrorKind::Runtime, "Condition::notify: cannot notify on un-acquired lock");
  SyncCore::Guard g(site_.core, detail::tls_context.scheduler);
  notify_locked(n);
  return {};
}

void Condition::notify_locked(std::uint32_t n) noexcept {
  for (SyncWaiter* w = site_.waiters.next_waiting(); w != nullptr && n > 0; --n) {
    SyncWaiter* next = site_.waiters.next_waiting(w);
    site_.waiters.wake(w);
    w = next;
  }
}

}  // namespace prt
