// prt::watch<T>(initial) — one sender publishes the latest value, any number
// of receivers watch it change, for tasks (tokio::sync::watch).
//
//   auto [tx, rx] = prt::watch<Config>(Config{});
//   tx.send(next);                                // replaces the value, wakes the watchers
//   prt::Result<void> c = co_await rx.changed();   // suspends until a value newer than seen
//   Config now = rx.borrow_and_update();           // the latest value, marked seen
//
// The channel keeps only the latest value (T must be copyable and
// assignable) and a version number that every send bumps. Each receiver
// remembers the version it last saw (a new one has seen the value current
// when it was made): changed() returns at once when the channel's version is
// newer, otherwise it waits for the next send; either way it marks the
// current version seen. Several sends before the receiver looks coalesce
// into one change: a receiver sees the latest value, not every value (use
// prt::broadcast for that).
//
// Writing: send(v) replaces the value; send_modify(f) calls f(T&) on it in
// place. Both bump the version and wake every waiting changed(). Tasks may
// share one sender by pointer: each send takes the internal lock.
// Reading: borrow() returns a copy of the current value without marking it
// seen; borrow_and_update() returns a copy and marks it seen; mark_seen()
// marks it without reading; has_changed() tells whether a newer value than
// the one seen is there (true or false even once the sender is gone;
// is_closed() tells that). The copies are made under the channel's internal
// lock (a large T is best held as a shared_ptr).
//
// Order: send() wakes every waiting changed() in the order they began to
// wait. A woken receiver reads the version when its task runs, so it marks
// seen whatever was sent by then.
//
// Cancellation: a changed() cancelled while waiting (or after a send woke it
// but before its task ran) returns Cancelled and leaves the receiver's seen
// version unchanged, so the change is still reported by the next changed().
// A wake-up is not a resource here (every waiter gets one), so none is passed
// on.
//
// Handles: the sender is one object (moved, not copied); sender.subscribe()
// makes a receiver that has seen the current value. Receivers are copied: a
// copy has seen what the original had seen, and goes on on its own. A
// Receiver object must stay in place (not moved, assigned or destroyed) while
// a changed() on it waits: the awaiter refers to it. A sender given to a task:
// move it into a local, as with prt::channel, so that the receivers see the
// channel close as soon as the task returns.
//
// Closing: when the sender goes, waiting changed() calls wake; a change not
// yet seen is still reported once, then changed() reports ChannelClosed. The
// value stays readable through borrow(). When every receiver is gone, send()
// still stores the value (as tokio's send_replace: a later subscribe() sees
// it) and reports ChannelClosed so the caller knows nobody watches.
// Errors, all values:
//   send / send_modify with no receiver left       ChannelClosed (value stored)
//   send from another runtime while receivers      Runtime (value not stored)
//     of the first one wait
//   changed with nothing new and the sender gone   ChannelClosed
//   a wait cancelled                               Cancelled (seen version unchanged)
//   a changed under prt::timeout that expires      Timeout (seen version unchanged)
//   changed outside a task, or from another        Runtime
//     runtime while receivers of the first wait
//   send or changed on an empty (moved-from) handle  ChannelClosed
// borrow() and borrow_and_update() on an empty handle abort (there is no
// value to return); the other queries report an empty handle as closed.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "../config.h"
#include "../memory.h"
#include "wait_list.h"

namespace prt {

template <class T>
class WatchSender;
template <class T>
class WatchReceiver;

namespace detail {

template <class T>
struct WatchState {
  static_assert(std::is_copy_constructible_v<T>, "watched values must be copyable: receivers read copies");
  static_assert(std::is_move_assignable_v<T>, "watched values must be assignable: send() replaces the value");
  static_assert(std::is_nothrow_move_constructible_v<T>, "watched values must be nothrow movable");

  explicit WatchState(T&& initial) noexcept : value(std::move(initial)) {}

  // Handles (the sender and every receiver). A copy or subscribe() adds one,
  // relaxed: the handle it is made from keeps the state alive meanwhile. Each
  // handle's release subtracts one, acq_rel, so that the last one, which
  // frees the state, sees every other handle's last writes.
  std::atomic<std::uint32_t> refs{2};
  WaitSite site;  // site.waiters: changed() calls waiting for a newer version
  // Everything below and the receivers' seen versions change only under
  // site.core's lock (or on the owning thread of a single-threaded binding),
  // and every decision reads them there. `receivers` and `closed` are
  // Relaxed (wait_list.h) only because receiver_count() and is_closed() read
  // them unlocked for a snapshot, which orders nothing: relaxed is enough.
  T value;
  std::uint64_t version = 0;  // bumped by every send
  Relaxed<std::uint32_t> receivers{1};
  RelaxedFlag closed;  // the sender is gone

  void release() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete_object(this);
  }
  bool idle() const noexcept { return site.waiters.empty(); }

  // Lock held (or plain): a new version is in place; every waiter looks.
  Result<void> published() noexcept {
    ++version;
    site.waiters.wake_all();
    if (receivers == 0) return Error(ErrorKind::ChannelClosed, "WatchSender::send: every receiver is gone (value stored)");
    return {};
  }
};

}  // namespace detail

template <class T>
class WatchReceiver {
  using State = detail::WatchState<T>;

 public:
  class [[nodiscard]] ChangedAwaiter : public detail::SyncWaiter {
   public:
    explicit ChangedAwaiter(WatchReceiver* rx) noexcept : rx_(rx) {}
    ChangedAwaiter(ChangedAwaiter&& o) noexcept : rx_(o.rx_) { PRT_DEBUG_ASSERT(!o.linked()); }
    ChangedAwaiter& operator=(ChangedAwaiter&&) = delete;
    ~ChangedAwaiter() { detail::leave_site(this); }

    bool await_ready() noexcept {
      if (!rx_->s_) {
        outcome_ = Error(ErrorKind::ChannelClosed, "WatchReceiver::changed on an empty receiver");
        return true;
      }
      if (!rx_->s_->site.core.owned_plainly(detail::tls_context.scheduler)) return false;
      return settle();
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept {
      detail::Context& ctx = detail::tls_context;
      if (!ctx.current) {
        outcome_ = Error(ErrorKind::Runtime, "WatchReceiver::changed awaited outside a prt task");
        return false;
      }
      State* s = rx_->s_;
      detail::SyncCore::Guard g(s->site.core, ctx.scheduler);
      if (auto b = s->site.core.bind(ctx.scheduler, s->idle(), "WatchReceiver::changed outside a runtime"); !b) {
        outcome_ = b.error();
        return false;
      }
      if (settle()) return false;
      if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
      detail::park_on(s->site, this, leaf);
      return true;
    }
    Result<void> await_resume() noexcept {
      if (done_) return {};
      if (outcome_.has_error()) return outcome_.error();
      // Parked (or refused to park on a pending cancel).
      detail::SyncCore::Guard g(rx_->s_->site.core, detail::tls_context.scheduler);
      rx_->s_->site.waiters.remove(this);
      if (detail::consume_cancel(detail::tls_context.current)) return Error::cancelled();  // nothing marked seen
      // Woken by a send or by the sender going: look again. (Nothing else
      // wakes a changed(), so settle() finds one of the two here.)
      if (!settle()) return Error::cancelled();
      if (outcome_.has_error()) return outcome_.error();
      return {};
    }

   private:
    // True when the wait is over (a newer version, now seen, or closed).
    bool settle() noexcept {
      State* s = rx_->s_;
      if (s->version != rx_->seen_) {
        rx_->seen_ = s->version;
        done_ = true;
        return true;
      }
      if (s->closed) {
        outcome_ = Error(ErrorKind::ChannelClosed, "WatchReceiver::changed: the sender is gone");
        return true;
      }
      return false;
    }

    WatchReceiver* rx_;
    bool done_ = false;
    ErrorSlot outcome_;
  };

  WatchReceiver() noexcept = default;
  WatchReceiver(State* s, std::uint64_t seen) noexcept : s_(s), seen_(seen) {}
  WatchReceiver(const WatchReceiver& o) noexcept : s_(o.s_) {
    if (!s_) return;
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    seen_ = o.seen_;  // under the lock: a changed() of o's may be marking it
    ++s_->receivers;
    s_->refs.fetch_add(1, std::memory_order_relaxed);  // the copied handle keeps it alive meanwhile
  }
  WatchReceiver(WatchReceiver&& o) noexcept : s_(std::exchange(o.s_, nullptr)), seen_(o.seen_) {}
  WatchReceiver& operator=(WatchReceiver o) noexcept {
    std::swap(s_, o.s_);
    std::swap(seen_, o.seen_);
    return *this;
  }
  ~WatchReceiver() { reset(); }

  // Waits for a version newer than the one seen and marks it seen; see the
  // top of the file.
  ChangedAwaiter changed() noexcept { return ChangedAwaiter(this); }

  // A copy of the current value; does not mark it seen.
  T borrow() const noexcept {
    PRT_ASSERT(s_ != nullptr);
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    return s_->value;
  }
  // A copy of the current value, marked seen.
  T borrow_and_update() noexcept {
    PRT_ASSERT(s_ != nullptr);
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    seen_ = s_->version;
    return s_->value;
  }
  // Whether a value newer than the one seen is there (the sender may be gone).
  bool has_changed() const noexcept {
    if (!s_) return false;
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    return s_->version != seen_;
  }
  // Marks the current value seen without reading it.
  void mark_seen() noexcept {
    if (!s_) return;
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    seen_ = s_->version;
  }

  // Snapshot: the sender is gone.
  bool is_closed() const noexcept { return !s_ || s_->closed; }

 private:
  void reset() noexcept {
    State* s = std::exchange(s_, nullptr);
    if (!s) return;
    {
      detail::SyncCore::Guard g(s->site.core, detail::tls_context.scheduler);
      --s->receivers;
    }
    s->release();
  }

  State* s_ = nullptr;
  std::uint64_t seen_ = 0;  // the version last seen; under the lock, like the state
};

template <class T>
class WatchSender {
  using State = detail::WatchState<T>;

 public:
  WatchSender() noexcept = default;
  explicit WatchSender(State* s) noexcept : s_(s) {}
  WatchSender(WatchSender&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  WatchSender& operator=(WatchSender&& o) noexcept {
    if (this != &o) {
      reset();
      s_ = std::exchange(o.s_, nullptr);
    }
    return *this;
  }
  WatchSender(const WatchSender&) = delete;
  WatchSender& operator=(const WatchSender&) = delete;
  ~WatchSender() { reset(); }

  // Replaces the value and wakes every waiting changed(). ChannelClosed when
  // no receiver is left (the value is stored all the same).
  Result<void> send(T value) noexcept {
    return update("WatchSender::send on an empty sender", [&value](T& v) { v = std::move(value); });
  }

  // Calls f(T&) on the value in place, under the channel's internal lock (f
  // must not await or touch this channel), then wakes the watchers as send()
  // does. Same errors as send(); with no receiver the change is still made.
  template <class F>
  Result<void> send_modify(F&& f) noexcept {
    return update("WatchSender::send_modify on an empty sender", static_cast<F&&>(f));
  }

  // A copy of the current value.
  T borrow() const noexcept {
    PRT_ASSERT(s_ != nullptr);
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    return s_->value;
  }

  // A receiver that has seen the current value.
  WatchReceiver<T> subscribe() noexcept {
    if (!s_) return {};
    detail::SyncCore::Guard g(s_->site.core, detail::tls_context.scheduler);
    ++s_->receivers;
    s_->refs.fetch_add(1, std::memory_order_relaxed);  // this sender keeps it alive meanwhile
    return WatchReceiver<T>(s_, s_->version);
  }

  // Snapshots; racy on a multi-threaded runtime.
  std::size_t receiver_count() const noexcept { return s_ ? s_->receivers : 0; }
  bool is_closed() const noexcept { return !s_ || s_->receivers == 0; }

 private:
  template <class F>
  Result<void> update(const char* empty, F&& f) noexcept {
    if (!s_) return Error(ErrorKind::ChannelClosed, empty);
    detail::Scheduler* sched = detail::tls_context.scheduler;
    detail::SyncCore::Guard g(s_->site.core, sched);
    if (sched) {
      if (auto b = s_->site.core.bind(sched, s_->idle(), ""); !b) return b.error();
    }
    static_cast<F&&>(f)(s_->value);
    return s_->published();
  }

  void reset() noexcept {
    State* s = std::exchange(s_, nullptr);
    if (!s) return;
    {
      detail::SyncCore::Guard g(s->site.core, detail::tls_context.scheduler);
      s->closed = true;
      s->site.waiters.wake_all();  // they report a last change, or ChannelClosed
    }
    s->release();
  }
  State* s_ = nullptr;
};

// A watch channel whose value starts as `initial`. Aborts only when out of
// memory for the shared state.
template <class T>
std::pair<WatchSender<T>, WatchReceiver<T>> watch(T initial) noexcept {
  auto* s = detail::new_object<detail::WatchState<T>>(std::move(initial));
  if (!s) PRT_ABORT("prt::watch: out of memory");
  return {WatchSender<T>(s), WatchReceiver<T>(s, 0)};
}

}  // namespace prt
