// prt::oneshot<T>() — a single value from one task (or thread) to another.
//
//   auto [tx, rx] = prt::oneshot<int>();
//   prt::spawn(producer(std::move(tx)));       // tx.send(42)
//   prt::Result<int> v = co_await rx;          // 42, or ChannelClosed if tx
//                                              // went away without sending
//
// send() never blocks and works from any thread; it reports
// ErrorKind::ChannelClosed when the receiver is gone (the value is dropped).
// Awaiting the receiver follows the await-point contract: a cancelled await
// yields Cancelled and leaves a value that arrives later for the next await.
// On a single-threaded runtime a task waiting here does not count as a
// deadlock, since another thread may be the one to send.
#pragma once

#include <atomic>
#include <coroutine>
#include <new>
#include <utility>

#include "memory.h"
#include "result.h"
#include "scheduler.h"
#include "task.h"
#include "threading/mutex.h"

namespace prt {

template <class T>
class OneshotSender;
template <class T>
class OneshotReceiver;

namespace detail {

template <class T>
struct OneshotState {
  // Two owners (sender, receiver); acq_rel so the last sees the other's writes.
  std::atomic<std::uint32_t> refs{2};
  // Guards the rest. The receiver's waiter is woken under it, so a cancel
  // hook (which takes it too) cannot race the wake.
  threading::Mutex lock;
  bool has_value = false;
  bool sender_gone = false;
  bool receiver_gone = false;
  WaitNode* waiter = nullptr;  // the receiving awaiter, while parked
  TaskHeader* waiter_task = nullptr;
  Scheduler* waiter_scheduler = nullptr;
  union {
    T value;
  };

  OneshotState() noexcept {}
  ~OneshotState() {
    if (has_value) value.~T();
  }
  void release() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete_object(this);
  }
  // Under `lock`: wakes the parked receiver, if any.
  void wake_receiver_locked() noexcept {
    if (!waiter) return;
    waiter = nullptr;
    Scheduler* s = waiter_scheduler;
    if (tls_context.scheduler == s) s->wake(waiter_task);
    else s->wake_from_any_thread(waiter_task);
  }
};

}  // namespace detail

template <class T>
class OneshotSender {
 public:
  OneshotSender() noexcept = default;
  explicit OneshotSender(detail::OneshotState<T>* s) noexcept : s_(s) {}
  OneshotSender(OneshotSender&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  OneshotSender& operator=(OneshotSender&& o) noexcept {
    if (this != &o) {
      reset();
      s_ = std::exchange(o.s_, nullptr);
    }
    return *this;
  }
  OneshotSender(const OneshotSender&) = delete;
  OneshotSender& operator=(const OneshotSender&) = delete;
  ~OneshotSender() { reset(); }

  // Sends the value (once: the sender is used up either way).
  Result<void> send(T value) noexcept {
    if (!s_) return Error(ErrorKind::ChannelClosed, "oneshot: sender already used");
    detail::OneshotState<T>* s = std::exchange(s_, nullptr);
    Result<void> r;
    {
      threading::MutexGuard g(s->lock);
      if (s->receiver_gone) {
        r = Error(ErrorKind::ChannelClosed, "oneshot: receiver dropped");
      } else {
        ::new (static_cast<void*>(&s->value)) T(std::move(value));
        s->has_value = true;
        s->wake_receiver_locked();
      }
      s->sender_gone = true;
    }
    s->release();
    return r;
  }

  bool is_closed() noexcept {
    if (!s_) return true;
    threading::MutexGuard g(s_->lock);
    return s_->receiver_gone;
  }

 private:
  void reset() noexcept {
    if (!s_) return;
    detail::OneshotState<T>* s = std::exchange(s_, nullptr);
    {
      threading::MutexGuard g(s->lock);
      s->sender_gone = true;
      s->wake_receiver_locked();  // it learns the channel closed
    }
    s->release();
  }
  detail::OneshotState<T>* s_ = nullptr;
};

template <class T>
class OneshotReceiver {
 public:
  OneshotReceiver() noexcept = default;
  explicit OneshotReceiver(detail::OneshotState<T>* s) noexcept : s_(s) {}
  OneshotReceiver(OneshotReceiver&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  OneshotReceiver& operator=(OneshotReceiver&& o) noexcept {
    if (this != &o) {
      reset();
      s_ = std::exchange(o.s_, nullptr);
    }
    return *this;
  }
  OneshotReceiver(const OneshotReceiver&) = delete;
  OneshotReceiver& operator=(const OneshotReceiver&) = delete;
  ~OneshotReceiver() { reset(); }

  class Awaiter : public detail::WaitNode {
   public:
    explicit Awaiter(detail::OneshotState<T>* s) noexcept : s_(s) {}
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept {
      detail::Context& ctx = detail::tls_context;
      if (!s_ || !ctx.current) return false;  // await_resume reports it
      threading::MutexGuard g(s_->lock);
      if (s_->has_value || s_->sender_gone) {
        if (detail::coop_spend()) return false;
        ctx.scheduler->yield_current(leaf);  // the budget is spent: take it after a turn
        return true;
      }
      task_ = ctx.current;
      if (detail::cancel_pending(task_)) return false;  // contract step 1
      fn = &on_event;
      s_->waiter = this;
      s_->waiter_task = task_;
      s_->waiter_scheduler = ctx.scheduler;
      ctx.scheduler->expect_external_wake();  // the sender may be another thread
      detail::park_current(this, leaf);
      return true;
    }
    Result<T> await_resume() noexcept {
      if (!s_) return Error(ErrorKind::ChannelClosed, "oneshot: empty receiver");
      if (!detail::tls_context.current) return Error(ErrorKind::Runtime, "oneshot awaited outside a prt task");
      if (task_ && detail::consume_cancel(task_)) return Error::cancelled();  // a value stays
      threading::MutexGuard g(s_->lock);
      if (!s_->has_value) return Error(ErrorKind::ChannelClosed, "oneshot: sender dropped");
      s_->has_value = false;
      Result<T> r(std::move(s_->value));
      s_->value.~T();
      return r;
    }

   private:
    static bool on_event(detail::WaitNode* node, detail::WaitOp) noexcept {
      auto* self = static_cast<Awaiter*>(node);
      threading::MutexGuard g(self->s_->lock);
      if (self->s_->waiter == self) self->s_->waiter = nullptr;
      return true;
    }
    detail::OneshotState<T>* s_;
    detail::TaskHeader* task_ = nullptr;
  };

  Awaiter operator co_await() noexcept { return Awaiter(s_); }

 private:
  void reset() noexcept {
    if (!s_) return;
    detail::OneshotState<T>* s = std::exchange(s_, nullptr);
    {
      threading::MutexGuard g(s->lock);
      s->receiver_gone = true;
    }
    s->release();
  }
  detail::OneshotState<T>* s_ = nullptr;
};

// A connected pair. Aborts only when out of memory for the shared state.
template <class T>
std::pair<OneshotSender<T>, OneshotReceiver<T>> oneshot() noexcept {
  auto* s = detail::new_object<detail::OneshotState<T>>();
  if (!s) PRT_ABORT("prt::oneshot: out of memory");
  return {OneshotSender<T>(s), OneshotReceiver<T>(s)};
}

}  // namespace prt
