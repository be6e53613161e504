#include "notify.h"

namespace prt {

using detail::SyncCore;
using detail::SyncWaiter;
using detail::SyncWaiterState;

bool Notify::wait_slow(WaitAwaiter* a, std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) {
    a->refused_ = Error(ErrorKind::Runtime, "Notify::notified awaited outside a prt task");
    return false;
  }
  SyncCore::Guard g(site_.core, ctx.scheduler);
  if (auto bound = site_.core.bind(ctx.scheduler, site_.waiters.empty(), "Notify::notified outside a runtime");
      !bound) {
    a->refused_ = bound.error();
    return false;
  }
  if (permit_) {
    permit_ = false;
    a->passed_ = true;
    return false;
  }
  if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
  a->want = 0;
  detail::park_on(site_, a, leaf);
  return true;
}

Result<void> Notify::wait_resumed(WaitAwaiter* a) noexcept {
  detail::Context& ctx = detail::tls_context;
  SyncCore::Guard g(site_.core, ctx.scheduler);
  site_.waiters.remove(a);
  if (detail::consume_cancel(ctx.current)) {
    if (a->state == SyncWaiterState::Woken && a->want == kOne) notify_one_locked();  // pass it on
    return Error::cancelled();
  }
  return {};
}

void Notify::notify_one() noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  if (site_.core.owned_plainly(s) && site_.waiters.empty()) {
    permit_ = true;
    return;
  }
  SyncCore::Guard g(site_.core, s);
  notify_one_locked();
}

void Notify::notify_one_locked() noexcept {
  if (SyncWaiter* w = site_.waiters.next_waiting()) {
    w->want = kOne;
    site_.waiters.wake(w);
  } else {
    permit_ = true;
  }
}

void Notify::notify_waiters() noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  if (site_.core.owned_plainly(s) && site_.waiters.empty()) return;
  SyncCore::Guard g(site_.core, s);
  site_.waiters.wake_all();
}

}  // namespace prt
