#include "semaphore.h"

#include <optional>

namespace prt {

using detail::SyncCore;
using detail::SyncWaiter;
using detail::SyncWaiterState;

bool Semaphore::acquire_slow(AcquireAwaiter* a, std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) {
    a->refused_ = Error(ErrorKind::Runtime, "Semaphore::acquire awaited outside a prt task");
    return false;
  }
  SyncCore::Guard g(site_.core, ctx.scheduler);
  if (auto bound = site_.core.bind(ctx.scheduler, site_.waiters.empty(), "Semaphore::acquire outside a runtime");
      !bound) {
    a->refused_ = bound.error();
    return false;
  }
  if (!locked_now()) {
    --value_;
    a->acquired_ = true;
    return false;
  }
  if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
  detail::park_on(site_, a, leaf);
  return true;
}

// The task runs again. Woken means the permit was handed over (release()
// already took it from value_); Cancelled or Waiting means it was not.
Result<Semaphore::Permit> Semaphore::acquire_resumed(AcquireAwaiter* a) noexcept {
  detail::Context& ctx = detail::tls_context;
  SyncCore::Guard g(site_.core, ctx.scheduler);
  site_.waiters.remove(a);
  const bool handed_over = a->state == SyncWaiterState::Woken;
  if (detail::consume_cancel(ctx.current)) {
    if (handed_over) {  // asyncio: `if not fut.cancelled(): value += 1; wake_up_next()`
      ++value_;
      wake_next();
    }
    return Error::cancelled();
  }
  PRT_DEBUG_ASSERT(handed_over);
  if (value_ > 0) wake_next();  // asyncio's chained wake-up
  return Permit(this);
}

Result<Semaphore::Permit> Semaphore::try_acquire() noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  SyncCore::Guard g(site_.core, s);
  if (s) {
    if (auto bound = site_.core.bind(s, site_.waiters.empty(), ""); !bound) return bound.error();
  }
  if (locked_now()) return Error(ErrorKind::Timeout, "Semaphore::try_acquire: no permit is free");
  --value_;
  return Permit(this);
}

Result<void> Semaphore::release() noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  const bool plain = site_.core.owned_plainly(s) && site_.waiters.empty();
  std::optional<SyncCore::Guard> g;
  if (!plain) g.emplace(site_.core, s);
  if (bounded_ && value_ >= bound_) {
    return Error(ErrorKind::Runtime, "BoundedSemaphore released too many times");
  }
  ++value_;
  if (!plain) wake_next();
  return {};
}

// asyncio's _wake_up_next: the permit goes to the first waiter still waiting.
void Semaphore::wake_next() noexcept {
  if (SyncWaiter* w = site_.waiters.next_waiting()) {
    --value_;
    site_.waiters.wake(w);
  }
}

}  // namespace prt
