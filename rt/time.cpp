#include "time.h"

namespace prt {
namespace detail {

Error time_refused() noexcept {
  if (!tls_context.current) return Error(ErrorKind::Runtime, "timer awaited outside a prt task");
  return Error(ErrorKind::Runtime, "time driver disabled (RuntimeConfig::enable_time)");
}

TimeoutScope::TimeoutScope(std::int64_t deadline_ns) noexcept {
  Context& ctx = tls_context;
  if (!ctx.current || !ctx.executor->time_enabled()) {
    refused_ = time_refused();
    return;
  }
  task_ = ctx.current;
  cancels_at_entry_ = task_->cancel_count;
  fn = &on_event;
  this->deadline_ns = deadline_ns;
  ctx.executor->add_timer(this);
}

TimeoutScope::~TimeoutScope() { disarm(); }

void TimeoutScope::disarm() noexcept {
  if (linked()) tls_context.executor->remove_timer(this);
}

bool TimeoutScope::withdraw() noexcept {
  --task_->cancel_count;
  if (task_->cancel_count > cancels_at_entry_) return false;
  // Our request may never have reached an await point (the operation finished
  // first); with no other request outstanding it must not reach the next one.
  task_->flags &= ~kCancelPending;
  return true;
}

bool TimeoutScope::on_event(WaitNode* node, WaitOp op) noexcept {
  auto* self = static_cast<TimeoutScope*>(static_cast<TimerEntry*>(node));
  if (op == WaitOp::Fire) {
    self->fired_ = true;
    tls_context.executor->request_cancel(self->task_);
  }
  return true;  // a scope is never a task's wait node: Cancel does not reach it
}

}  // namespace detail

Instant Interval::advance() noexcept {
  Instant fired = next_;
  switch (behavior_) {
    case MissedTickBehavior::Burst:
      next_ = detail::saturating_add(next_, period_);
      break;
    case MissedTickBehavior::Delay:
      next_ = detail::saturating_add(Clock::now(), period_);
      break;
    case MissedTickBehavior::Skip: {
      Instant now = Clock::now();
      next_ = detail::saturating_add(next_, period_);
      if (next_ <= now) {
        // Whole periods missed, then one more: the first schedule point after now.
        auto missed = (now - next_) / period_ + 1;
        next_ = missed > Instant::max().time_since_epoch() / period_
                    ? Instant::max()
                    : detail::saturating_add(next_, period_ * missed);
      }
      break;
    }
  }
  return fired;
}

}  // namespace prt
