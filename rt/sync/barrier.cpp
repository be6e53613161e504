#include "barrier.h"

namespace prt {

using detail::SyncCore;
using detail::SyncWaiter;
using detail::SyncWaiterState;

// SyncWaiter::want holds the arrival index.
bool Barrier::arrive(WaitAwaiter* a, std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) {
    a->refused_ = Error(ErrorKind::Runtime, "Barrier::wait awaited outside a prt task");
    return false;
  }
  SyncCore::Guard g(site_.core, ctx.scheduler);
  if (auto bound = site_.core.bind(ctx.scheduler, site_.waiters.empty(), "Barrier::wait outside a runtime"); !bound) {
    a->refused_ = bound.error();
    return false;
  }
  if (detail::cancel_pending(ctx.current)) return false;  // contract step 1: not counted
  a->want = arrived_;
  if (arrived_ + 1 == parties_) {  // the last one: release the round
    arrived_ = 0;
    a->leader_ = true;
    site_.waiters.wake_all();
    return false;
  }
  ++arrived_;
  detail::park_on(site_, a, leaf, &on_event);
  return true;
}

Result<std::size_t> Barrier::resumed(WaitAwaiter* a) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (a->leader_) return static_cast<std::size_t>(a->want);
  SyncCore::Guard g(site_.core, ctx.scheduler);
  site_.waiters.remove(a);
  if (detail::consume_cancel(ctx.current)) return Error::cancelled();
  return static_cast<std::size_t>(a->want);
}

// A waiter cancelled before its round completed stops counting at once, so
// the round is not released one task short.
bool Barrier::on_event(detail::WaitNode* node, detail::WaitOp op) noexcept {
  auto* a = static_cast<WaitAwaiter*>(static_cast<SyncWaiter*>(node));
  Barrier* b = a->b_;
  SyncCore::Guard g(b->site_.core, a->scheduler);
  if (a->state == SyncWaiterState::Waiting) --b->arrived_;
  if (op == detail::WaitOp::Detach) {
    b->site_.waiters.remove(a);
  } else {
    b->site_.waiters.mark_cancelled(a);
  }
  return true;
}

}  // namespace prt
