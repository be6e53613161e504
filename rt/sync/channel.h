// prt::channel<T>(capacity) / prt::unbounded_channel<T>() — values from any
// number of senders to one receiver, for tasks.
//
//   auto [tx, rx] = prt::channel<int>(16);
//   prt::SendResult<int> s = co_await tx.send(1);   // suspends while full
//   prt::Result<int> v = co_await rx.recv();        // suspends while empty
//
// Senders are copied (each copy counts); the receiver is one object, which
// several tasks may await in turn or at once (first come, first served).
//
// Order: values arrive in the order their sends completed; waiting senders
// get room, and waiting receivers get values, in the order they began to
// wait. Both are hand-offs: a value reaches a waiting receiver directly, and
// a waiting sender's value moves into the buffer as soon as there is room,
// before either task runs again, so a newcomer never overtakes a waiter.
//
// Cancellation: a sender cancelled while its value waits gets Cancelled and
// its value back; a receiver cancelled while waiting gets Cancelled and takes
// nothing. An operation that was already completed by the other side when
// the cancel came (the value was handed over) completes normally, and the
// cancel request is delivered at the task's next await instead: no value is
// lost or duplicated either way. (asyncio.Queue would raise CancelledError
// there and keep the value queued; the hand-off is what lets prt keep FIFO
// order without retries.)
//
// Senders given to a task: a coroutine's parameters live as long as its
// frame, which a joinable task keeps until it is joined. Move the Sender into
// a local (`auto tx = std::move(tx_param);`) so that it goes, and the channel
// can close, as soon as the task returns.
//
// Closing: the receiver's close() (or its destruction) closes the channel:
// sends fail with ChannelClosed and give their value back (waiting senders
// too), while values already buffered can still be received. When every
// sender is gone, recv() drains the buffer and then reports ChannelClosed.
// Errors, all values (SendResult carries the unsent value):
//   send / try_send on a closed channel          ChannelClosed, value back
//   try_send on a full channel                   Timeout ("would block"), value back
//   recv / try_recv once empty with no sender    ChannelClosed
//   try_recv on an empty open channel            Timeout
//   a wait cancelled                             Cancelled (value back for send)
//   a send under prt::timeout that expires       Result<SendResult<T>> holding
//                                                Timeout and the value
//   outside a task, or another runtime while busy  Runtime
//   the unbounded buffer cannot grow             Other ("out of memory"), value back
// The queue façade pieces: size(), capacity(), empty(), full(), is_closed();
// join()/task_done() counting is an Event plus a counter (see the Queue
// test in tests/rt/channel_test.cpp).
#pragma once

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "../memory.h"
#include "../send_result.h"
#include "ring.h"
#include "wait_list.h"

namespace prt {

template <class T>
class Sender;
template <class T>
class Receiver;

namespace detail {

inline constexpr std::size_t kUnboundedCapacity = SIZE_MAX;

// SyncWaiter::want of a woken sender.
inline constexpr std::uint32_t kSendTaken = 1;   // its value moved into the buffer
inline constexpr std::uint32_t kSendClosed = 2;  // the channel closed; it keeps its value

template <class T>
struct ChannelState {
  explicit ChannelState(std::size_t cap) noexcept : capacity(cap == 0 ? 1 : cap) {}

  // A waiting receive: the value lands in `slot` (hand-off).
  struct RecvWaiter : SyncWaiter {
    std::optional<T> slot;
  };
  // A waiting send: its value waits in `value` until there is room.
  struct SendWaiter : SyncWaiter {
    std::optional<T> value;
  };

  // Handles (every Sender and the Receiver). The last one to go frees the
  // state; acq_rel so that it sees every other handle's last writes.
  std::atomic<std::uint32_t> refs{2};
  WaitSite site;                 // site.waiters: receiving tasks
  SyncWaitList senders_waiting;  // sending tasks whose value waits for room
  Ring<T> buffer;
  const std::size_t capacity;
  Relaxed<std::uint32_t> senders{1};
  RelaxedFlag closed;  // by the receiver

  void release() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete_object(this);
  }
  bool idle() const noexcept { return site.waiters.empty() && senders_waiting.empty(); }
  bool drained_and_closed() const noexcept { return buffer.empty() && (closed || senders == 0); }

  // Lock held (or plain). Invariant Q: receivers wait only while the buffer
  // is empty, senders only while it is full; each hand-off below keeps it.
  enum class Offer : std::uint8_t { Delivered, MustWait, Closed, OutOfMemory };
  Offer offer(T& v) noexcept {
    if (closed) return Offer::Closed;
    if (SyncWaiter* w = site.waiters.next_waiting()) {  // Q: the buffer is empty
      static_cast<RecvWaiter*>(w)->slot.emplace(std::move(v));
      site.waiters.wake(w);
      return Offer::Delivered;
    }
    if (buffer.size() >= capacity || senders_waiting.waiting() != 0) return Offer::MustWait;
    return buffer.push_back(v) ? Offer::Delivered : Offer::OutOfMemory;
  }

  // Lock held (or plain): the next buffered value, letting the first waiting
  // sender's value in behind it.
  bool take(std::optional<T>& out) noexcept {
    if (buffer.empty()) return false;
    out.emplace(buffer.pop_front());
    if (SyncWaiter* w = senders_waiting.next_waiting()) {
      auto* s = static_cast<SendWaiter*>(w);
      (void)buffer.push_back(*s->value);  // cannot fail: a slot was just freed
      s->value.reset();
      s->want = kSendTaken;
      senders_waiting.wake(w);
    }
    return true;
  }

  void wake_all_senders_closed() noexcept {
    for (SyncWaiter* w = senders_waiting.next_waiting(); w != nullptr; w = senders_waiting.next_waiting(w)) {
      w->want = kSendClosed;
      senders_waiting.wake(w);
    }
  }
};

}  // namespace detail

template <class T>
class Sender {
  using State = detail::ChannelState<T>;

 public:
  class [[nodiscard]] SendAwaiter : public State::SendWaiter {
   public:
    SendAwaiter(State* s, T&& v) noexcept : s_(s) { this->value.emplace(std::move(v)); }
    SendAwaiter(SendAwaiter&& o) noexcept : s_(o.s_) {
      PRT_DEBUG_ASSERT(!o.linked());
      this->value = std::move(o.value);
    }
    SendAwaiter& operator=(SendAwaiter&&) = delete;
    ~SendAwaiter() { detail::leave_site(this); }

    bool await_ready() noexcept {
      if (!s_) {
        outcome_ = Error(ErrorKind::ChannelClosed, "Sender::send on an empty sender");
        return true;
      }
      if (!s_->site.core.owned_plainly(detail::tls_context.scheduler)) return false;
      return settle(s_->offer(*this->value));
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept {
      detail::Context& ctx = detail::tls_context;
      if (!ctx.current) {
        outcome_ = Error(ErrorKind::Runtime, "Sender::send awaited outside a prt task");
        return false;
      }
      detail::SyncCore::Guard g(s_->site.core, ctx.scheduler);
      if (auto b = s_->site.core.bind(ctx.scheduler, s_->idle(), "Sender::send outside a runtime"); !b) {
        outcome_ = b.error();
        return false;
      }
      if (settle(s_->offer(*this->value))) return false;
      if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
      this->want = 0;
      detail::park_in(s_->site, s_->senders_waiting, this, leaf);
      return true;
    }
    SendResult<T> await_resume() noexcept {
      if (outcome_.has_error()) return give_back(outcome_.error());
      if (done_) return {};
      detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
      s_->senders_waiting.remove(this);
      if (this->state == detail::SyncWaiterState::Woken && this->want == detail::kSendTaken) {
        return {};  // sent; a cancel that came later waits for the next await
      }
      if (detail::consume_cancel(detail::tls_context.current)) return give_back(Error::cancelled());
      return give_back(Error(ErrorKind::ChannelClosed, "Sender::send: the channel is closed"));
    }

   private:
    // True when the send is over (delivered or refused) without waiting.
    bool settle(typename State::Offer o) noexcept {
      switch (o) {
        case State::Offer::Delivered: done_ = true; return true;
        case State::Offer::Closed: outcome_ = Error(ErrorKind::ChannelClosed, "Sender::send: the channel is closed"); return true;
        case State::Offer::OutOfMemory: outcome_ = Error(ErrorKind::Other, "Sender::send: out of memory"); return true;
        case State::Offer::MustWait: return false;
      }
      return false;
    }
    SendResult<T> give_back(Error e) noexcept { return SendResult<T>(e, std::move(*this->value)); }

    State* s_;
    bool done_ = false;
    ErrorSlot outcome_;
  };

  Sender() noexcept = default;
  explicit Sender(State* s) noexcept : s_(s) {}
  Sender(const Sender& o) noexcept : s_(o.s_) {
    if (!s_) return;
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    ++s_->senders;
    s_->refs.fetch_add(1, std::memory_order_relaxed);  // the copied handle keeps it alive meanwhile
  }
  Sender(Sender&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  Sender& operator=(Sender o) noexcept {
    std::swap(s_, o.s_);
    return *this;
  }
  ~Sender() { reset(); }

  SendAwaiter send(T value) noexcept { return SendAwaiter(s_, std::move(value)); }

  SendResult<T> try_send(T value) noexcept {
    if (!s_) return SendResult<T>(Error(ErrorKind::ChannelClosed, "Sender::try_send on an empty sender"), std::move(value));
    detail::Scheduler* sched = detail::tls_context.scheduler;
    detail::SyncCore::Guard g(s_->site.core, sched);
    if (sched) {
      if (auto b = s_->site.core.bind(sched, s_->idle(), ""); !b) return SendResult<T>(b.error(), std::move(value));
    }
    switch (s_->offer(value)) {
      case State::Offer::Delivered: return {};
      case State::Offer::MustWait: return SendResult<T>(Error(ErrorKind::Timeout, "Sender::try_send: the channel is full"), std::move(value));
      case State::Offer::Closed: return SendResult<T>(Error(ErrorKind::ChannelClosed, "Sender::try_send: the channel is closed"), std::move(value));
      case State::Offer::OutOfMemory: break;
    }
    return SendResult<T>(Error(ErrorKind::Other, "Sender::try_send: out of memory"), std::move(value));
  }

  bool is_closed() const noexcept { return !s_ || s_->closed; }
  std::size_t capacity() const noexcept { return s_ ? s_->capacity : 0; }

 private:
  void reset() noexcept {
    State* s = std::exchange(s_, nullptr);
    if (!s) return;
    {
      detail::SyncCore::Guard g(s->site.core, detail::tls_context.scheduler);
      --s->senders;
      if (s->senders == 0) s->site.waiters.wake_all();  // they find it drained and closed
    }
    s->release();
  }
  State* s_ = nullptr;
};

template <class T>
class Receiver {
  using State = detail::ChannelState<T>;

 public:
  class [[nodiscard]] RecvAwaiter : public State::RecvWaiter {
   public:
    explicit RecvAwaiter(State* s) noexcept : s_(s) {}
    RecvAwaiter(RecvAwaiter&& o) noexcept : s_(o.s_) { PRT_DEBUG_ASSERT(!o.linked()); }
    RecvAwaiter& operator=(RecvAwaiter&&) = delete;
    ~RecvAwaiter() { detail::leave_site(this); }

    bool await_ready() noexcept {
      if (!s_) {
        outcome_ = Error(ErrorKind::ChannelClosed, "Receiver::recv on an empty receiver");
        return true;
      }
      if (!s_->site.core.owned_plainly(detail::tls_context.scheduler)) return false;
      return settle();
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept {
      detail::Context& ctx = detail::tls_context;
      if (!ctx.current) {
        outcome_ = Error(ErrorKind::Runtime, "Receiver::recv awaited outside a prt task");
        return false;
      }
      detail::SyncCore::Guard g(s_->site.core, ctx.scheduler);
      if (auto b = s_->site.core.bind(ctx.scheduler, s_->idle(), "Receiver::recv outside a runtime"); !b) {
        outcome_ = b.error();
        return false;
      }
      if (settle()) return false;
      if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
      parked_ = true;
      detail::park_in(s_->site, s_->site.waiters, this, leaf);
      return true;
    }
    Result<T> await_resume() noexcept {
      if (outcome_.has_error()) return outcome_.error();
      // A parked waiter leaves the line under the lock even when it was
      // handed a value: other threads relink its neighbours meanwhile.
      if (parked_ || !this->slot) {  // parked (or refused to park on a pending cancel)
        detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
        s_->site.waiters.remove(this);
        if (!this->slot) {
          if (detail::consume_cancel(detail::tls_context.current)) return Error::cancelled();
          // Woken without a value: the last sender went away (or a pending
          // cancel was consumed elsewhere); look again.
          if (!s_->take(this->slot)) {
            return Error(ErrorKind::ChannelClosed, "Receiver::recv: every sender is gone");
          }
        }
      }
      // Received; a cancel that came after the hand-off waits for the next await.
      return Result<T>(std::move(*this->slot));
    }

   private:
    bool settle() noexcept {
      if (s_->take(this->slot)) return true;
      if (s_->drained_and_closed()) {
        outcome_ = Error(ErrorKind::ChannelClosed, "Receiver::recv: every sender is gone");
        return true;
      }
      return false;
    }
    State* s_;
    ErrorSlot outcome_;
    bool parked_ = false;
  };

  Receiver() noexcept = default;
  explicit Receiver(State* s) noexcept : s_(s) {}
  Receiver(Receiver&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  Receiver& operator=(Receiver&& o) noexcept {
    if (this != &o) {
      reset();
      s_ = std::exchange(o.s_, nullptr);
    }
    return *this;
  }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;
  ~Receiver() { reset(); }

  RecvAwaiter recv() noexcept { return RecvAwaiter(s_); }

  Result<T> try_recv() noexcept {
    if (!s_) return Error(ErrorKind::ChannelClosed, "Receiver::try_recv on an empty receiver");
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    std::optional<T> v;
    if (s_->take(v)) return Result<T>(std::move(*v));
    if (s_->drained_and_closed()) return Error(ErrorKind::ChannelClosed, "Receiver::try_recv: every sender is gone");
    return Error(ErrorKind::Timeout, "Receiver::try_recv: the channel is empty");
  }

  // No more sends; what is buffered can still be received.
  void close() noexcept {
    if (!s_) return;
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    s_->closed = true;
    s_->wake_all_senders_closed();
    if (s_->buffer.empty()) s_->site.waiters.wake_all();  // Q: waiting receivers find it closed
  }

  // Snapshots; racy on a multi-threaded runtime.
  std::size_t size() const noexcept { return s_ ? s_->buffer.size() : 0; }
  std::size_t capacity() const noexcept { return s_ ? s_->capacity : 0; }
  bool empty() const noexcept { return size() == 0; }
  bool full() const noexcept { return s_ && s_->buffer.size() >= s_->capacity; }
  bool is_closed() const noexcept { return !s_ || s_->closed || s_->senders == 0; }

 private:
  void reset() noexcept {
    if (!s_) return;
    close();
    {
      detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
      s_->buffer.clear();  // nobody can receive them any more
    }
    std::exchange(s_, nullptr)->release();
  }
  State* s_ = nullptr;
};

// A channel holding at most `capacity` values (0 is taken as 1). Aborts only
// when out of memory for the shared state.
template <class T>
std::pair<Sender<T>, Receiver<T>> channel(std::size_t capacity) noexcept {
  auto* s = detail::new_object<detail::ChannelState<T>>(capacity);
  if (!s) PRT_ABORT("prt::channel: out of memory");
  return {Sender<T>(s), Receiver<T>(s)};
}

// A channel whose sends never wait (the buffer grows; running out of memory
// is reported by the send).
template <class T>
std::pair<Sender<T>, Receiver<T>> unbounded_channel() noexcept {
  return channel<T>(detail::kUnboundedCapacity);
}

}  // namespace prt
