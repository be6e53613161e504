#include "io.h"

#include "memory.h"

namespace prt {
namespace detail {
namespace {

IoWaiter*& slot_for(IoShared* sh, std::uint32_t want) noexcept {
  return want == sys::kReadable ? sh->reader : sh->writer;
}

}  // namespace

void IoShared::release() noexcept {
  if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete_object(this);
}

void IoShared::dispatch(std::uint32_t readiness) noexcept {
  threading::MutexGuard g(lock);
  if (!scheduler) return;  // detached while the event was in flight
  ready |= readiness;
  // Wake under the lock: a task's wait-node hook takes the lock too, so the
  // task cannot be cancelled, resumed and gone while we wake it.
  if ((ready & sys::kReadable) && reader) {
    scheduler->wake(std::exchange(reader, nullptr)->task);
  }
  if ((ready & sys::kWritable) && writer) {
    scheduler->wake(std::exchange(writer, nullptr)->task);
  }
}

void IoShared::orphan(sys::Poller* poller) noexcept {
  {
    threading::MutexGuard g(lock);
    (void)sys::poller_deregister(poller, fd);
    scheduler = nullptr;
  }
  release();  // the registration's reference
}

}  // namespace detail

Result<void> IoSource::attach(sys::RawFd fd, std::uint32_t interest) noexcept {
  detail::Scheduler* s = detail::tls_context.scheduler;
  if (!s) return Error(ErrorKind::Runtime, "IoSource::attach outside a runtime");
  if (shared_) return Error(ErrorKind::Runtime, "IoSource::attach: already attached");
  auto* sh = detail::new_object<detail::IoShared>();
  if (!sh) return Error(ErrorKind::Other, "out of memory: IoSource");
  sh->scheduler = s;
  sh->fd = fd;
  sh->add_ref();  // the registration's
  if (auto r = s->add_io(sh, fd, interest); !r) {
    sh->release();
    sh->release();
    return r.error();
  }
  shared_ = sh;
  fd_ = fd;
  return {};
}

void IoSource::detach() noexcept {
  if (!shared_) return;
  detail::IoShared* sh = std::exchange(shared_, nullptr);
  detail::Scheduler* s;
  {
    threading::MutexGuard g(sh->lock);
    s = std::exchange(sh->scheduler, nullptr);
    for (detail::IoWaiter** slot : {&sh->reader, &sh->writer}) {
      if (detail::IoWaiter* w = std::exchange(*slot, nullptr)) {
        w->detached = true;
        s->wake(w->task);
      }
    }
  }
  if (s) s->remove_io(sh);  // deregisters; drops the registration's reference
  sh->release();
}

bool IoSource::attached() noexcept {
  if (!shared_) return false;
  threading::MutexGuard g(shared_->lock);
  return shared_->scheduler != nullptr;
}

std::uint32_t IoSource::readiness() noexcept {
  if (!shared_) return 0;
  threading::MutexGuard g(shared_->lock);
  return shared_->ready;
}

void IoSource::clear(std::uint32_t bits) noexcept {
  if (!shared_) return;
  threading::MutexGuard g(shared_->lock);
  shared_->ready &= ~bits;
  if (shared_->scheduler) shared_->scheduler->rearm_io(shared_, bits);
}

IoSource::ReadyAwaiter::~ReadyAwaiter() {
  // Destroyed without resuming (a shutdown destroyed the task mid-wait; its
  // hook was detached): let go of the shared state.
  if (node_.shared) node_.shared->release();
}

bool IoSource::ReadyAwaiter::await_suspend(std::coroutine_handle<> leaf) noexcept {
  detail::Context& ctx = detail::tls_context;
  if (!ctx.current) {
    refused_ = Error(ErrorKind::Runtime, "IoSource awaited outside a prt task");
    return false;
  }
  detail::IoShared* sh = source_shared_;
  if (!sh) {
    refused_ = Error(ErrorKind::Io, "IoSource is not attached");
    return false;
  }
  threading::MutexGuard g(sh->lock);
  if (!sh->scheduler) {
    refused_ = Error(ErrorKind::Io, "IoSource is not attached");
    return false;
  }
  if (sh->scheduler != ctx.scheduler) {
    refused_ = Error(ErrorKind::Runtime, "IoSource awaited from another runtime than it is attached to");
    return false;
  }
  if (sh->ready & node_.want) {  // ready now: go on, within the cooperative budget
    if (detail::coop_spend()) return false;
    ctx.scheduler->yield_current(leaf);
    return true;
  }
  detail::IoWaiter*& slot = detail::slot_for(sh, node_.want);
  if (slot) {
    refused_ = Error(ErrorKind::Runtime, "IoSource: another task already waits in this direction");
    return false;
  }
  node_.task = ctx.current;
  if (detail::cancel_pending(node_.task)) return false;  // contract step 1
  node_.fn = &on_event;
  node_.shared = sh;
  sh->add_ref();  // held until await_resume (or this awaiter's destruction)
  slot = &node_;
  detail::park_current(&node_, leaf);
  return true;
}

Result<void> IoSource::ReadyAwaiter::await_resume() noexcept {
  if (refused_.has_error()) return refused_.error();
  if (detail::IoShared* sh = std::exchange(node_.shared, nullptr)) sh->release();
  if (node_.task && detail::consume_cancel(node_.task)) return Error::cancelled();
  if (node_.detached) return Error(ErrorKind::Io, "IoSource detached while awaited");
  return {};
}

bool IoSource::ReadyAwaiter::on_event(detail::WaitNode* node, detail::WaitOp) noexcept {
  auto* w = static_cast<detail::IoWaiter*>(node);
  detail::IoShared* sh = w->shared;  // our reference keeps it alive
  threading::MutexGuard g(sh->lock);
  detail::IoWaiter*& slot = detail::slot_for(sh, w->want);
  if (slot == w) slot = nullptr;
  return true;
}

}  // namespace prt
