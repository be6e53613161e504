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
  // Waiters learn of the detach from await_resume (attached() is false).
  wake_waiter(reader_);
  wake_waiter(writer_);
  executor_ = nullptr;
}

void IoSource::wake_waiter(ReadyAwaiter*& slot) noexcept {
  if (ReadyAwaiter* w = slot) {
    slot = nullptr;
    executor_->wake(w->task_);
  }
}

void IoSource::dispatch(std::uint32_t readiness) noexcept {
  ready_ |= readiness;
  if (ready_ & sys::kReadable) wake_waiter(reader_);
  if (ready_ & sys::kWritable) wake_waiter(writer_);
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
  if (!source_->attached()) return Error(ErrorKind::Io, "IoSource is not attached");
  return {};
}

bool IoSource::ReadyAwaiter::on_event(detail::WaitNode* node, detail::WaitOp) noexcept {
  auto* self = static_cast<ReadyAwaiter*>(node);
  if (self->slot() == self) self->slot() = nullptr;
  return true;
}

}  // namespace prt
