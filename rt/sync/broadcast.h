// prt::broadcast<T>(capacity) — every value from any number of senders to
// every receiver, for tasks (tokio::sync::broadcast).
//
//   auto [tx, rx] = prt::broadcast<int>(16);
//   prt::BroadcastReceiver<int> late = tx.subscribe();  // sees later values only
//   prt::Result<std::size_t> n = tx.send(1);             // never waits; n receivers will see it
//   prt::Result<int> v = co_await rx.recv();             // suspends while nothing is new
//   if (!v && v.error().is(prt::ErrorKind::Lagged)) ...  // code(): values missed; recv again
//
// The buffer is `capacity` slots (0 is taken as 1), allocated once. Each
// value sent gets the next sequence number and lands in slot seq % capacity,
// overwriting the value sent `capacity` sends earlier: send() never waits, a
// slow receiver does not hold the senders back, it falls behind instead.
// Every receiver gets its own copy of each value (T must be copyable; the
// copies are made under the channel's internal lock, so a large T is best
// sent as a shared_ptr).
//
// Receivers remember the sequence number of the next value they will read.
// One whose next value has been overwritten gets ErrorKind::Lagged, with
// Error::code() the number of values it missed (capped at INT32_MAX), and
// moves on to the oldest value still held: its next recv() returns that.
//
// Order: every receiver sees the values in one order, the order in which the
// sends happened (so each sender's values in the order it sent them). A
// receiver waits only once it has read everything; send() then hands a copy
// straight to every waiting receiver and wakes them, in the order they began
// to wait, before it returns. So a receiver that waited gets the first value
// sent after it began to wait even if later sends overwrite that value before
// its task runs, and when several tasks await the same Receiver object (they
// share its position) each value goes to one of them while the others keep
// waiting. (A wake-everyone-and-let-them-read scheme would have to wake a
// task for nothing there, and an awaiter cannot wait again.)
//
// Slot lifetime: a slot holds its value and the number of receivers that
// still have to read it (the receivers there were when it was sent, plus
// copies made since from receivers that had not read it). Reading counts
// down; a receiver that goes counts down every value it had not read. The
// value is destroyed as soon as the count reaches zero (the last reader takes
// it by move) or when a newer value overwrites the slot, whichever is first.
// (The slots are one fixed array rather than ring.h's growable Ring: a
// receiver reads in the middle of the buffer, by sequence number.)
//
// Cancellation: a receiver cancelled while waiting takes nothing: its
// position is unchanged, and the value it was waiting for is there for its
// next recv() (or, if it was overwritten meanwhile, Lagged reports it). One
// that was already handed a value when the cancel came completes normally and
// the cancel request is delivered at the task's next await, as with
// prt::channel: no value is lost or duplicated either way.
//
// Handles: senders are copied (each copy counts); sender.subscribe() makes a
// receiver that starts after the last value sent. Receivers are copied too: a
// copy starts at the same position and reads on independently. A Receiver
// object must stay in place (not moved, assigned or destroyed) while a recv()
// on it waits: the awaiter refers to it. Senders given to a task: move them
// into a local (`auto tx = std::move(tx_param);`), as with prt::channel, so
// that the channel can close as soon as the task returns.
//
// Closing: when every sender is gone, recv() returns what is still held for
// the receiver and then reports ChannelClosed. When every receiver is gone,
// send() reports ChannelClosed and drops the value (Result<std::size_t>
// cannot carry it back); a later subscribe() opens it again.
// Errors, all values:
//   send with no receiver left                    ChannelClosed (value dropped)
//   send from another runtime while receivers     Runtime (value dropped)
//     of the first one wait
//   recv / try_recv behind overwritten values     Lagged, code() = values missed;
//                                                 the next recv continues
//   recv / try_recv with nothing left to read     ChannelClosed
//     and every sender gone
//   try_recv with nothing new, a sender left      Timeout ("would block")
//   a wait cancelled                              Cancelled (nothing taken)
//   a recv under prt::timeout that expires        Timeout (nothing taken)
//   recv outside a task, or from another runtime  Runtime
//     while receivers of the first one wait
//   any operation on an empty (moved-from) handle ChannelClosed
#pragma once

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

#include "../config.h"
#include "../memory.h"
#include "wait_list.h"

namespace prt {

template <class T>
class BroadcastSender;
template <class T>
class BroadcastReceiver;

namespace detail {

inline Error lagged_error(std::uint64_t missed, const char* what) noexcept {
  constexpr std::uint64_t kMax = static_cast<std::uint64_t>(INT32_MAX);
  return Error(ErrorKind::Lagged, what, static_cast<std::int32_t>(missed > kMax ? kMax : missed));
}

template <class T>
struct BroadcastState {
  static_assert(std::is_copy_constructible_v<T>, "broadcast values must be copyable: each receiver gets a copy");
  static_assert(std::is_nothrow_move_constructible_v<T>, "broadcast values must be nothrow movable");

  struct Slot {
    std::uint64_t seq = 0;     // the sequence number of the value last written here
    std::uint32_t unread = 0;  // receivers that still have to read it
    std::optional<T> value;    // gone once read by all of them, or overwritten
  };

  // A waiting receive: send() copies the value into `slot` and moves the
  // receiver's position past it (hand-off).
  struct RecvWaiter : SyncWaiter {
    std::uint64_t* pos = nullptr;  // the awaited receiver's position
    std::optional<T> slot;
  };

  // The state and its slots, or nullptr when out of memory.
  static BroadcastState* create(std::size_t capacity) noexcept {
    const std::size_t cap = capacity == 0 ? 1 : capacity;
    if (cap > SIZE_MAX / sizeof(Slot)) return nullptr;
    auto* slots = static_cast<Slot*>(PRT_ALLOC(cap * sizeof(Slot)));
    if (!slots) return nullptr;
    for (std::size_t i = 0; i < cap; ++i) ::new (static_cast<void*>(slots + i)) Slot();
    auto* s = new_object<BroadcastState>(slots, cap);
    if (!s) destroy_slots(slots, cap);
    return s;
  }
  BroadcastState(Slot* s, std::size_t cap) noexcept : slots(s), capacity(cap) {}
  BroadcastState(const BroadcastState&) = delete;
  BroadcastState& operator=(const BroadcastState&) = delete;
  ~BroadcastState() { destroy_slots(slots, capacity); }

  // Handles (every sender and receiver). A copy or subscribe() adds one,
  // relaxed: the handle it is made from keeps the state alive meanwhile. Each
  // handle's release subtracts one, acq_rel, so that the last one, which
  // frees the state, sees every other handle's last writes.
  std::atomic<std::uint32_t> refs{2};
  WaitSite site;  // site.waiters: receiving tasks, each having read everything
  Slot* const slots;
  const std::size_t capacity;
  // Everything below, the slots and the receivers' positions change only
  // under site.core's lock (or on the owning thread of a single-threaded
  // binding), and every decision reads them there. The two counts are
  // Relaxed (wait_list.h) only because is_closed() and receiver_count() read
  // them unlocked for a snapshot, which orders nothing: relaxed is enough.
  std::uint64_t tail = 0;  // the sequence number of the next value sent
  Relaxed<std::uint32_t> senders{1};
  Relaxed<std::uint32_t> receivers{1};

  void release() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete_object(this);
  }
  bool idle() const noexcept { return site.waiters.empty(); }
  // The sequence number of the oldest value not overwritten.
  std::uint64_t oldest() const noexcept { return tail > capacity ? tail - capacity : 0; }
  Slot& slot_of(std::uint64_t seq) noexcept { return slots[seq % capacity]; }

  // Lock held (or plain). Invariant W: a receive waits only while its
  // receiver's position is `tail` (it has read everything).
  Result<std::size_t> publish(T& v) noexcept {
    if (receivers == 0) return Error(ErrorKind::ChannelClosed, "BroadcastSender::send: every receiver is gone");
    const std::uint64_t seq = tail;
    Slot& s = slot_of(seq);
    s.value.reset();  // the value `capacity` sends older: whoever had not read it lags now
    s.value.emplace(std::move(v));
    s.seq = seq;
    s.unread = receivers;
    tail = seq + 1;
    for (SyncWaiter* w = site.waiters.next_waiting(); w != nullptr && s.unread != 0;
         w = site.waiters.next_waiting(w)) {
      auto* r = static_cast<RecvWaiter*>(w);
      // W: its position is seq, unless another task awaiting the same
      // receiver was just served; that one waits for the next value.
      if (*r->pos != seq) continue;
      if (--s.unread == 0) {
        r->slot.emplace(std::move(*s.value));  // every receiver has it now
        s.value.reset();
      } else {
        r->slot.emplace(*s.value);
      }
      *r->pos = seq + 1;
      site.waiters.wake(w);
    }
    return static_cast<std::size_t>(receivers);
  }

  // Lock held (or plain): the next value for a receiver at `pos`.
  enum class Take : std::uint8_t { Value, Lagged, Empty, Closed };
  Take take(std::uint64_t& pos, std::optional<T>& out, std::uint64_t& missed) noexcept {
    const std::uint64_t first = oldest();
    if (pos < first) {
      missed = first - pos;
      pos = first;
      return Take::Lagged;
    }
    if (pos == tail) return senders == 0 ? Take::Closed : Take::Empty;
    Slot& s = slot_of(pos);
    PRT_DEBUG_ASSERT(s.seq == pos && s.value && s.unread != 0);
    if (--s.unread == 0) {
      out.emplace(std::move(*s.value));  // the last reader takes it
      s.value.reset();
    } else {
      out.emplace(*s.value);
    }
    ++pos;
    return Take::Value;
  }

  // Lock held (or plain): a receiver at `pos` is copied (+1) or goes (-1):
  // the values it has still to read count it, or no longer do.
  void adopt(std::uint64_t pos) noexcept {
    for (std::uint64_t seq = pos < oldest() ? oldest() : pos; seq < tail; ++seq) ++slot_of(seq).unread;
  }
  void forget(std::uint64_t pos) noexcept {
    for (std::uint64_t seq = pos < oldest() ? oldest() : pos; seq < tail; ++seq) {
      Slot& s = slot_of(seq);
      PRT_DEBUG_ASSERT(s.unread != 0);
      if (--s.unread == 0) s.value.reset();
    }
  }

 private:
  static void destroy_slots(Slot* slots, std::size_t cap) noexcept {
    for (std::size_t i = 0; i < cap; ++i) slots[i].~Slot();
    PRT_FREE(static_cast<void*>(slots), cap * sizeof(Slot));
  }
};

}  // namespace detail

template <class T>
class BroadcastReceiver {
  using State = detail::BroadcastState<T>;

 public:
  class [[nodiscard]] RecvAwaiter : public State::RecvWaiter {
   public:
    explicit RecvAwaiter(BroadcastReceiver* rx) noexcept : rx_(rx) {}
    RecvAwaiter(RecvAwaiter&& o) noexcept : rx_(o.rx_) { PRT_DEBUG_ASSERT(!o.linked()); }
    RecvAwaiter& operator=(RecvAwaiter&&) = delete;
    ~RecvAwaiter() { detail::leave_site(this); }

    bool await_ready() noexcept {
      if (!rx_->s_) {
        outcome_ = Error(ErrorKind::ChannelClosed, "BroadcastReceiver::recv on an empty receiver");
        return true;
      }
      if (!rx_->s_->site.core.owned_plainly(detail::tls_context.scheduler)) return false;
      return settle();
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept {
      detail::Context& ctx = detail::tls_context;
      if (!ctx.current) {
        outcome_ = Error(ErrorKind::Runtime, "BroadcastReceiver::recv awaited outside a prt task");
        return false;
      }
      State* s = rx_->s_;
      detail::SyncCore::Guard g(s->site.core, ctx.scheduler);
      if (auto b = s->site.core.bind(ctx.scheduler, s->idle(), "BroadcastReceiver::recv outside a runtime"); !b) {
        outcome_ = b.error();
        return false;
      }
      if (settle()) return false;
      if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
      this->pos = &rx_->pos_;
      parked_ = true;
      detail::park_on(s->site, this, leaf);
      return true;
    }
    Result<T> await_resume() noexcept {
      // Parked, or refused to park on a pending cancel. A waiter handed a
      // value is still in line too: it leaves under the lock, since other
      // threads relink its neighbours meanwhile.
      if (parked_ || (!this->slot && !outcome_.has_error())) {
        detail::SyncCore::Guard g(rx_->s_->site.core, detail::tls_context.scheduler);
        rx_->s_->site.waiters.remove(this);
        if (!this->slot) {
          // Cancelled before a send reached it: nothing taken, position unchanged.
          if (detail::consume_cancel(detail::tls_context.current)) return Error::cancelled();
          // Woken without a value: the last sender went away; look again.
          // (Nothing else wakes a receive, so settle() finds Closed here.)
          if (!settle()) return Error::cancelled();
        }
      }
      if (outcome_.has_error()) return outcome_.error();
      // Received; a cancel that came after the hand-off waits for the next await.
      return Result<T>(std::move(*this->slot));
    }

   private:
    // True when the receive is over (a value, Lagged or Closed) without waiting.
    bool settle() noexcept {
      std::uint64_t missed = 0;
      switch (rx_->s_->take(rx_->pos_, this->slot, missed)) {
        case State::Take::Value: return true;
        case State::Take::Lagged:
          outcome_ = detail::lagged_error(missed, "BroadcastReceiver::recv: values were overwritten before they were read");
          return true;
        case State::Take::Closed:
          outcome_ = Error(ErrorKind::ChannelClosed, "BroadcastReceiver::recv: every sender is gone");
          return true;
        case State::Take::Empty: return false;
      }
      return false;
    }

    BroadcastReceiver* rx_;
    bool parked_ = false;
    ErrorSlot outcome_;
  };

  BroadcastReceiver() noexcept = default;
  BroadcastReceiver(State* s, std::uint64_t pos) noexcept : s_(s), pos_(pos) {}
  BroadcastReceiver(const BroadcastReceiver& o) noexcept : s_(o.s_) {
    if (!s_) return;
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    pos_ = o.pos_;  // under the lock: a send may be moving it for a waiting recv
    s_->adopt(pos_);
    ++s_->receivers;
    s_->refs.fetch_add(1, std::memory_order_relaxed);  // the copied handle keeps it alive meanwhile
  }
  BroadcastReceiver(BroadcastReceiver&& o) noexcept : s_(std::exchange(o.s_, nullptr)), pos_(o.pos_) {}
  BroadcastReceiver& operator=(BroadcastReceiver o) noexcept {
    std::swap(s_, o.s_);
    std::swap(pos_, o.pos_);
    return *this;
  }
  ~BroadcastReceiver() { reset(); }

  // The next value, Lagged, or ChannelClosed (see the top of the file).
  RecvAwaiter recv() noexcept { return RecvAwaiter(this); }

  Result<T> try_recv() noexcept {
    if (!s_) return Error(ErrorKind::ChannelClosed, "BroadcastReceiver::try_recv on an empty receiver");
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    std::optional<T> v;
    std::uint64_t missed = 0;
    switch (s_->take(pos_, v, missed)) {
      case State::Take::Value: return Result<T>(std::move(*v));
      case State::Take::Lagged:
        return detail::lagged_error(missed, "BroadcastReceiver::try_recv: values were overwritten before they were read");
      case State::Take::Closed: return Error(ErrorKind::ChannelClosed, "BroadcastReceiver::try_recv: every sender is gone");
      case State::Take::Empty: break;
    }
    return Error(ErrorKind::Timeout, "BroadcastReceiver::try_recv: nothing new");
  }

  // Snapshot: every sender is gone (values may still be held for this receiver).
  bool is_closed() const noexcept { return !s_ || s_->senders == 0; }
  std::size_t capacity() const noexcept { return s_ ? s_->capacity : 0; }

 private:
  void reset() noexcept {
    State* s = std::exchange(s_, nullptr);
    if (!s) return;
    {
      detail::SyncCore::Guard g(s->site.core, detail::tls_context.scheduler);
      s->forget(pos_);
      --s->receivers;
    }
    s->release();
  }

  State* s_ = nullptr;
  std::uint64_t pos_ = 0;  // the next sequence number to read; under the lock, like the state
};

template <class T>
class BroadcastSender {
  using State = detail::BroadcastState<T>;

 public:
  BroadcastSender() noexcept = default;
  explicit BroadcastSender(State* s) noexcept : s_(s) {}
  BroadcastSender(const BroadcastSender& o) noexcept : s_(o.s_) {
    if (!s_) return;
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    ++s_->senders;
    s_->refs.fetch_add(1, std::memory_order_relaxed);  // the copied handle keeps it alive meanwhile
  }
  BroadcastSender(BroadcastSender&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  BroadcastSender& operator=(BroadcastSender o) noexcept {
    std::swap(s_, o.s_);
    return *this;
  }
  ~BroadcastSender() { reset(); }

  // Never waits. The number of receivers that will see the value (those
  // there now; one that lags too far may miss it), or ChannelClosed when
  // there is none, and then the value is dropped.
  Result<std::size_t> send(T value) noexcept {
    if (!s_) return Error(ErrorKind::ChannelClosed, "BroadcastSender::send on an empty sender");
    detail::Scheduler* sched = detail::tls_context.scheduler;
    detail::SyncCore::Guard g(s_->site.core, sched);
    if (sched) {
      if (auto b = s_->site.core.bind(sched, s_->idle(), ""); !b) return b.error();
    }
    return s_->publish(value);
  }

  // A receiver that sees only the values sent from now on.
  BroadcastReceiver<T> subscribe() noexcept {
    if (!s_) return {};
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    ++s_->receivers;
    s_->refs.fetch_add(1, std::memory_order_relaxed);  // this sender keeps it alive meanwhile
    return BroadcastReceiver<T>(s_, s_->tail);
  }

  // Snapshots; racy on a multi-threaded runtime.
  std::size_t receiver_count() const noexcept { return s_ ? s_->receivers : 0; }
  bool is_closed() const noexcept { return !s_ || s_->receivers == 0; }
  std::size_t capacity() const noexcept { return s_ ? s_->capacity : 0; }

 private:
  void reset() noexcept {
    State* s = std::exchange(s_, nullptr);
    if (!s) return;
    {
      detail::SyncCore::Guard g(s->site.core, detail::tls_context.scheduler);
      --s->senders;
      if (s->senders == 0) s->site.waiters.wake_all();  // they find nothing more and the channel closed
    }
    s->release();
  }
  State* s_ = nullptr;
};

// A broadcast channel holding the last `capacity` values (0 is taken as 1).
// Aborts only when out of memory for the shared state and its slots.
template <class T>
std::pair<BroadcastSender<T>, BroadcastReceiver<T>> broadcast(std::size_t capacity) noexcept {
  auto* s = detail::BroadcastState<T>::create(capacity);
  if (!s) PRT_ABORT("prt::broadcast: out of memory");
  return {BroadcastSender<T>(s), BroadcastReceiver<T>(s, 0)};
}

}  // namespace prt
