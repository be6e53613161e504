#include "task_group.h"

namespace prt {

using detail::SyncCore;

detail::SetBoard<void>* TaskGroup::board() noexcept { return set_.ensure_board(); }

Result<void> TaskGroup::enter() noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) return Error(ErrorKind::Runtime, "TaskGroup::run outside a prt task");
  detail::SetBoard<void>* b = board();
  if (!b) return Error(ErrorKind::Other, "TaskGroup::run: out of memory");
  SyncCore::Guard g(b->site.core, ctx.scheduler);
  if (phase_ != Phase::New) return Error(ErrorKind::Runtime, "TaskGroup has already been entered");
  PRT_TRY(b->site.core.bind(ctx.scheduler, true, "TaskGroup::run outside a runtime"));
  b->on_post = &on_post;
  b->hook_ctx = this;
  parent_ = ctx.current;
  scheduler_ = ctx.scheduler;
  parent_cancels_at_entry_ = parent_->cancel_count.load(std::memory_order_relaxed);
  phase_ = Phase::Open;
  return {};
}

// Step numbers: the protocol at the top of task_group.h.
Result<void> TaskGroup::admit() const noexcept {
  switch (phase_) {
    case Phase::New: return Error(ErrorKind::Runtime, "TaskGroup has not been entered");
    case Phase::Finished: return Error(ErrorKind::Runtime, "TaskGroup is finished");
    case Phase::Open:
    case Phase::Exiting: break;
  }
  if (aborting_) return Error(ErrorKind::Runtime, "TaskGroup is shutting down");
  return {};
}

// Lock held.
void TaskGroup::abort_locked() noexcept {
  if (aborting_) return;
  aborting_ = true;
  board()->abort_all_locked();
}

// Step 2, from the member's task, lock held.
void TaskGroup::on_post(void* ctx, detail::SetBoard<void>&, const Joined<void>& outcome) noexcept {
  auto* self = static_cast<TaskGroup*>(ctx);
  if (outcome.result.ok() || outcome.result.error().is(ErrorKind::Cancelled)) return;
  self->errors_.push_back(outcome.result.error());
  if (self->aborting_) return;
  self->abort_locked();
  if (self->phase_ == Phase::Open && !self->parent_cancel_requested_) {
    self->parent_cancel_requested_ = true;
    detail::ContextGuard guard(self->scheduler_);
    self->scheduler_->request_cancel(self->parent_);
  }
}

Task<void> TaskGroup::finish(Result<void> body_result) {
  detail::SetBoard<void>* b = board();
  bool propagate_cancel = !body_result && body_result.error().is(ErrorKind::Cancelled);
  {
    // Step 3.
    SyncCore::Guard g(b->site.core, scheduler_);
    phase_ = Phase::Exiting;
    if (!body_result.ok() && !body_result.error().is(ErrorKind::Cancelled)) abort_locked();
    if (propagate_cancel && !aborting_) abort_locked();  // the body was cancelled from outside
    if (parent_cancel_requested_ && detail::withdraw_cancel(parent_, parent_cancels_at_entry_)) {
      propagate_cancel = false;  // the only cancel was ours
    }
  }
  // Step 4.
  while (!set_.empty()) {
    auto j = co_await set_.join_next();
    if (j) continue;  // errors were recorded as members posted
    SyncCore::Guard g(b->site.core, scheduler_);
    if (!aborting_) {
      propagate_cancel = true;
      abort_locked();
    }
  }
  // Step 5.
  {
    SyncCore::Guard g(b->site.core, scheduler_);
    phase_ = Phase::Finished;
    if (!body_result.ok() && !body_result.error().is(ErrorKind::Cancelled)) errors_.push_back(body_result.error());
  }
  if (!errors_.empty()) co_return errors_.front();
  if (propagate_cancel) co_return Error::cancelled();
  co_return Result<void>{};
}

}  // namespace prt
