// prt::oneshot<T>() — a single value from one task (or thread) to another.
//
//   auto [tx, rx] = prt::oneshot<int>();
//   prt::spawn(producer(std::move(tx)));       // tx.send(42)
//   prt::Result<int> v = co_await rx;          // 42, or ChannelClosed if tx
//                                              // went away without sending
//
// send() never blocks and works from any thread. Errors, all values:
//   send when the receiver is gone          ChannelClosed, the value back
//                                           (SendResult, rt/send_result.h)
//   send a second time (sender used up)     ChannelClosed, the value back
//   await once the sender went unsent       ChannelClosed
//   await after the value was received      ChannelClosed
//   await while another task awaits it      Runtime (a receiver has one
//                                           reader; two tasks racing on
//                                           one from two threads is a bug
//                                           this check may miss)
//   await outside a prt task                Runtime
//   a cancelled await                       Cancelled; a value that arrives
//                                           later stays for the next await
// On a single-threaded runtime a task waiting here does not count as a
// deadlock, since another thread may be the one to send.
//
// ---- The protocol -------------------------------------------------------------
// No lock: one atomic word, `state`, which each side changes with one or two
// read-modify-writes (bits below). The common cases cost one RMW per side
// plus the allocation; a sender that finds the receiver parked needs a
// second RMW, after its wake, to say it is done with the state.
//  1. Receiver parks: it writes waiter_task / waiter_scheduler, then sets
//     kParked (release, publishing them). If kTxGone was already set the
//     sender finished first: it does not park and takes the outcome now.
//  2. Sender finishes (send or drop): it sets kTxGone, with kValue if it sent
//     (release, publishing the value). If kParked was clear it also sets
//     kTxDone in the same CAS and is done. If kParked was set it has
//     committed to the wake: it reads the waiter fields, wakes the task, and
//     only then sets kTxDone (invariant O below keeps the state alive until).
//  3. A cancel of the parked receiver clears kParked. If kTxGone was clear
//     the sender will now never look at the waiter: the hook returns true
//     and the task is woken Cancelled. If kTxGone was set the wake is in
//     flight: the hook calls cancel_on_wake() and returns false, the task
//     stays parked, and that wake resumes it into Cancelled (rt/task.h,
//     contract step 3). The value stays for the next await.
//  4. A shutdown's Detach clears kParked likewise, and when the sender has
//     committed it waits for kTxDone: the task's frame is about to go, and
//     the sender must be done touching the task and the scheduler.
//  5. Each side drops: the receiver sets kRxGone; the sender's last RMW sets
//     kTxDone. Invariant O: whichever side finds the other's bit already set
//     frees the state, destroying the value if kValue is set. A sender that
//     finds kRxGone before publishing keeps its value (send hands it back)
//     and frees the state itself, never setting kTxDone.
// kParked means something only while kTxGone is clear; it may stay set after.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <new>
#include <utility>

#include "memory.h"
#include "platform.h"
#include "result.h"
#include "scheduler.h"
#include "send_result.h"
#include "task.h"

namespace prt {

template <class T>
class OneshotSender;
template <class T>
class OneshotReceiver;

namespace detail {

// OneshotState::state bits.
enum OneshotBit : std::uint32_t {
  kOneshotValue = 1u << 0,   // sender: the value slot holds a value (set with kOneshotTxGone)
  kOneshotTxGone = 1u << 1,  // sender: sent or dropped; it will not publish anything more
  kOneshotTxDone = 1u << 2,  // sender: it will not touch the state again (O)
  kOneshotRxGone = 1u << 3,  // receiver: dropped (O)
  kOneshotParked = 1u << 4,  // receiver: a task waits; waiter fields are set (step 1)
};

template <class T>
struct OneshotState {
  // Every bit above. Each side's RMWs are acq_rel: release so the value and
  // the waiter fields are published with the bit that announces them,
  // acquire so whoever sees a bit sees what it announces, and, for the RMW
  // that finds both sides done, so the freeing side sees every write of the
  // other before destroying (invariant O).
  std::atomic<std::uint32_t> state{0};
  // Receiver-owned; published by kOneshotParked, read by the sender only
  // when it saw that bit set (steps 1-2).
  TaskHeader* waiter_task = nullptr;
  Scheduler* waiter_scheduler = nullptr;
  // Receiver-owned: the value was moved out (it stays constructed, moved-from,
  // until the state is freed).
  bool value_taken = false;
  union {
    T value;
  };

  OneshotState() noexcept {}
  ~OneshotState() {}

  // Invariant O: called once, by the side that finds the other one done;
  // `final` is the last word seen (its kOneshotValue says a value is there).
  static void destroy(OneshotState* s, std::uint32_t final) noexcept {
    if (final & kOneshotValue) s->value.~T();
    delete_object(s);
  }

  // Step 2, after the sender has committed to the wake.
  void wake_waiter() noexcept {
    TaskHeader* t = waiter_task;
    Scheduler* s = waiter_scheduler;
    if (tls_context.scheduler == s) s->wake(t);
    else s->wake_from_any_thread(t);
  }

  // Steps 2 and 5 for the sender: sets kTxGone plus `publish`, wakes a parked
  // receiver, sets kTxDone, frees the state if the receiver went meanwhile.
  // Returns false when the receiver was gone before anything was published:
  // then nothing is woken and the state, with the value still in the slot if
  // `publish` has kOneshotValue, is the caller's to free (the receiver's
  // drop found no kTxDone, so it left the state to us, O).
  bool finish_sender(std::uint32_t publish) noexcept {
    std::uint32_t cur = state.load(std::memory_order_acquire);
    for (;;) {
      if (cur & kOneshotRxGone) return false;
      if (cur & kOneshotParked) break;
      if (state.compare_exchange_weak(cur, cur | publish | kOneshotTxGone | kOneshotTxDone, std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
        return true;
      }
    }
    // Parked: the wake is ours from the moment kTxGone is set, unless a
    // cancel or a Detach cleared kParked first (steps 3-4).
    const std::uint32_t seen = state.fetch_or(publish | kOneshotTxGone, std::memory_order_acq_rel);
    if (seen & kOneshotRxGone) return false;  // detached and dropped meanwhile
    if (seen & kOneshotParked) wake_waiter();
    const std::uint32_t last = state.fetch_or(kOneshotTxDone, std::memory_order_acq_rel);
    if (last & kOneshotRxGone) destroy(this, last);  // O: the receiver went while we woke it
    return true;
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

  // Sends the value (once: the sender is used up either way). When the
  // receiver is gone the value comes back in the result.
  SendResult<T> send(T value) noexcept {
    if (!s_) return {Error(ErrorKind::ChannelClosed, "oneshot: sender already used"), std::move(value)};
    detail::OneshotState<T>* s = std::exchange(s_, nullptr);
    ::new (static_cast<void*>(&s->value)) T(std::move(value));  // ours until published
    if (s->finish_sender(detail::kOneshotValue)) return {};
    SendResult<T> back(Error(ErrorKind::ChannelClosed, "oneshot: receiver dropped"), std::move(s->value));
    detail::OneshotState<T>::destroy(s, detail::kOneshotValue);
    return back;
  }

  // True once the receiver is gone (or this sender is used up).
  bool is_closed() const noexcept {
    // acquire: pairs with the receiver's drop, like any reader of the bits.
    return !s_ || (s_->state.load(std::memory_order_acquire) & detail::kOneshotRxGone);
  }

 private:
  void reset() noexcept {
    if (!s_) return;
    detail::OneshotState<T>* s = std::exchange(s_, nullptr);
    if (!s->finish_sender(0)) detail::OneshotState<T>::destroy(s, 0);  // a parked receiver learns it closed
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
      std::uint32_t cur = s_->state.load(std::memory_order_acquire);
      if (cur & detail::kOneshotTxGone) {
        if (detail::coop_spend()) return false;
        ctx.scheduler->yield_current(leaf);  // the budget is spent: take it after a turn
        return true;
      }
      if (cur & detail::kOneshotParked) {
        busy_ = true;  // another task waits on this receiver
        return false;
      }
      task_ = ctx.current;
      if (detail::cancel_pending(task_)) return false;  // contract step 1
      s_->waiter_task = task_;
      s_->waiter_scheduler = ctx.scheduler;
      cur = s_->state.fetch_or(detail::kOneshotParked, std::memory_order_acq_rel);  // step 1
      if (cur & detail::kOneshotTxGone) return false;  // the sender finished first
      fn = &on_event;
      ctx.scheduler->expect_external_wake();  // the sender may be another thread
      detail::park_current(this, leaf);
      return true;
    }
    Result<T> await_resume() noexcept {
      if (!s_) return Error(ErrorKind::ChannelClosed, "oneshot: empty receiver");
      if (!detail::tls_context.current) return Error(ErrorKind::Runtime, "oneshot awaited outside a prt task");
      if (busy_) return Error(ErrorKind::Runtime, "oneshot: another task is already waiting on this receiver");
      if (task_ && detail::consume_cancel(task_)) return Error::cancelled();  // a value stays
      // acquire: pairs with the sender's publish (step 2), so the value is seen.
      const std::uint32_t cur = s_->state.load(std::memory_order_acquire);
      if (!(cur & detail::kOneshotValue)) return Error(ErrorKind::ChannelClosed, "oneshot: sender dropped");
      if (s_->value_taken) return Error(ErrorKind::ChannelClosed, "oneshot: value already received");
      s_->value_taken = true;
      return Result<T>(std::move(s_->value));
    }

   private:
    // Steps 3 and 4. Runs with the task held exclusively (not running).
    static bool on_event(detail::WaitNode* node, detail::WaitOp op) noexcept {
      auto* self = static_cast<Awaiter*>(node);
      detail::OneshotState<T>* s = self->s_;
      // acq_rel: ordered against the sender's kTxGone RMW on this one word,
      // which decides who owns the wake; acquire so a Detach that waits
      // below sees what the sender did before kTxDone.
      const std::uint32_t seen = s->state.fetch_and(~std::uint32_t{detail::kOneshotParked}, std::memory_order_acq_rel);
      const bool committed = (seen & detail::kOneshotTxGone) && (seen & detail::kOneshotParked);
      if (!committed) return true;  // the sender will never look at the waiter
      if (op == detail::WaitOp::Cancel) {
        detail::cancel_on_wake();  // step 3: its wake delivers the cancel
        return false;
      }
      // Step 4. The sender is between two RMWs with only its wake call in
      // between, so this wait is short; sleeping in 50 µs steps keeps it
      // polite if the sender's thread is descheduled. acquire pairs with the
      // sender's kTxDone RMW (acq_rel).
      for (;;) {
        const std::uint32_t now = s->state.load(std::memory_order_acquire);
        if (now & detail::kOneshotTxDone) return false;
        (void)sys::park(&s->state, now, 50'000);
      }
    }
    detail::OneshotState<T>* s_;
    detail::TaskHeader* task_ = nullptr;
    bool busy_ = false;
  };

  Awaiter operator co_await() noexcept { return Awaiter(s_); }

 private:
  void reset() noexcept {
    if (!s_) return;
    detail::OneshotState<T>* s = std::exchange(s_, nullptr);
    const std::uint32_t seen = s->state.fetch_or(detail::kOneshotRxGone, std::memory_order_acq_rel);  // step 5
    if (seen & detail::kOneshotTxDone) detail::OneshotState<T>::destroy(s, seen | detail::kOneshotRxGone);  // O
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
