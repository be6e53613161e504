#include "event.h"

namespace prt {

using detail::SyncCore;

bool Event::wait_slow(WaitAwaiter* a, std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) {
    a->refused_ = Error(ErrorKind::Runtime, "Event::wait awaited outside a prt task");
    return false;
  }
  SyncCore::Guard g(site_.core, ctx.scheduler);
  if (auto bound = site_.core.bind(ctx.scheduler, site_.waiters.empty(), "Event::wait outside a runtime"); !bound) {
    a->refused_ = bound.error();
    return false;
  }
  if (set_) {
    a->passed_ = true;
    return false;
  }
  if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
  detail::park_on(site_, a, leaf);
  return true;
}

// Woken by set(), or cancelled (before or after the wake-up: asyncio raises
// CancelledError either way, and a set() wake-up is not a resource to pass on).
Result<void> Event::wait_resumed(WaitAwaiter* a) noexcept {
  detail::Context& ctx = detail::tls_context;
  SyncCore::Guard g(site_.core, ctx.scheduler);
  site_.waiters.remove(a);
  if (detail::consume_cancel(ctx.current)) return Error::cancelled();
  return {};
}

void Event::set() noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  if (site_.core.owned_plainly(s) && site_.waiters.empty()) {
    set_ = true;
    return;
  }
  SyncCore::Guard g(site_.core, s);
  if (set_) return;
  set_ = true;
  site_.waiters.wake_all();
}

void Event::clear() noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  SyncCore::Guard g(site_.core, s);
  set_ = false;
}

}  // namespace prt
