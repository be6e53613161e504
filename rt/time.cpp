#include "time.h"

namespace prt {
namespace detail {

Error time_refused() noexcept {
  if (!tls_context.current) return Error(ErrorKind::Runtime, "timer awaited outside a prt task");
  return Error(ErrorKind::Runtime, "time driver disabled (RuntimeConfig::enable_time)");
}

TimeoutScope::TimeoutScope(std::int64_t deadline_ns) noexcept {
  Context& ctx = tls_context;
  if (!ctx.current || !ctx.scheduler->time_enabled()) {
    refused_ = time_refused();
    return;
  }
  task_ = ctx.current;
  cancels_at_entry_ = task_->cancel_count.load(std::memory_order_relaxed);
  fn = &on_event;
  this->deadline_ns = deadline_ns;
  ctx.scheduler->add_timer(this);
}

TimeoutScope::~TimeoutScope() {
  // finish() disarmed it; only a frame destroyed mid-scope gets here linked,
  // and only a shutdown does that, after detaching every timer.
  if (linked()) tls_context.scheduler->remove_timer(this);
}

void TimeoutScope::disarm() noexcept {
  if (task_) tls_context.scheduler->remove_timer(this);  // no-op if not linked
}

bool TimeoutScope::withdraw() noexcept { return withdraw_cancel(task_, cancels_at_entry_); }

bool TimeoutScope::on_event(WaitNode* node, WaitOp op) noexcept {
  auto* self = static_cast<TimeoutScope*>(static_cast<TimerEntry*>(node));
  if (op == WaitOp::Fire) {
    self->fired_.store(true, std::memory_order_release);
    tls_context.scheduler->request_cancel(self->task_);
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
