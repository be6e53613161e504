#include "io.h"

namespace prt {

Result<void> IoSource::attach(sys::RawFd fd, std::uint32_t interest) noexcept {
  detail::Executor* e = detail::tls_context.executor;
  if (!e) return Error(ErrorKind::Runtime, "IoSource::attach outside a runtime");
  if (executor_) return Error(ErrorKind::Runtime, "IoSource::attach: already attached");
  PRT_TRY(e->add_io(this, fd, interest));
  executor_ = e;
  fd_ = fd;
  ready_ = 0;
  return {};
}

void IoSource::detach() noexcept {
  if (!executor_) return;
  executor_->remove_io(this, fd_);
  // The waiters may resume after this source is gone: tell them in their
  // own memory.
  wake_waiter(reader_, true);
  wake_waiter(writer_, true);
  executor_ = nullptr;
}

void IoSource::wake_waiter(ReadyAwaiter*& slot, bool detaching) noexcept {
  if (ReadyAwaiter* w = slot) {
    slot = nullptr;
    w->detached_ = detaching;
    executor_->wake(w->task_);
  }
}

void IoSource::dispatch(std::uint32_t readiness) noexcept {
  ready_ |= readiness;
  if (ready_ & sys::kReadable) wake_waiter(reader_, false);
  if (ready_ & sys::kWritable) wake_waiter(writer_, false);
}

bool IoSource::ReadyAwaiter::await_ready() const noexcept {
  return !source_->attached() || (source_->ready_ & want_);
}

bool IoSource::ReadyAwaiter::await_suspend(std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) {
    refused_ = Error(ErrorKind::Runtime, "IoSource awaited outside a prt task");
    return false;
  }
  if (source_->executor_ != ctx.executor) {
    refused_ = Error(ErrorKind::Runtime, "IoSource awaited from another runtime than it is attached to");
    return false;
  }
  if (slot()) {
    refused_ = Error(ErrorKind::Runtime, "IoSource: another task already waits in this direction");
    return false;
  }
  task_ = ctx.current;
  if (task_->flags & detail::kCancelPending) return false;
  fn = &on_event;
  slot() = this;
  ctx.executor->park_current(this, leaf);
  return true;
}

Result<void> IoSource::ReadyAwaiter::await_resume() noexcept {
  if (refused_.has_error()) return refused_.error();
  if (task_ && detail::consume_cancel(task_)) return Error::cancelled();
  if (detached_) return Error(ErrorKind::Io, "IoSource detached while awaited");
  if (!source_->attached()) return Error(ErrorKind::Io, "IoSource is not attached");
  return {};
}

bool IoSource::ReadyAwaiter::on_event(detail::WaitNode* node, detail::WaitOp) noexcept {
  auto* self = static_cast<ReadyAwaiter*>(node);
  if (self->slot() == self) self->slot() = nullptr;
  return true;
}

}  // namespace prt
