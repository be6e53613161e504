// prt::Event — asyncio.Event for tasks: a flag tasks can wait to see set.
//
//   prt::Event ready;
//   ... co_await ready.wait();   // Result<void>: ok once set, or Cancelled
//   ready.set();                 // wakes every waiter; later waits pass at once
//
// Order, as asyncio.Event in CPython 3.11: set() wakes every waiter in the
// order they began waiting; wait() on a set event does not suspend. clear()
// does not take back a wake-up already given: a waiter woken by set() returns
// ok even if the event was cleared before its task ran. A cancelled waiter
// leaves the line; it never consumes anything, so nothing is lost.
// Errors: wait() outside a task, or from another runtime while tasks of the
// first still wait: ErrorKind::Runtime; cancelled while waiting: Cancelled.
// set(), clear() and is_set() work from any task of the runtime. The event
// must outlive its waiters.
#pragma once

#include <coroutine>

#include "wait_list.h"

namespace prt {

class Event {
 public:
  class WaitAwaiter : public detail::SyncWaiter {
   public:
    explicit WaitAwaiter(Event* e) noexcept : e_(e) {}
    WaitAwaiter(WaitAwaiter&& o) noexcept : e_(o.e_) { PRT_DEBUG_ASSERT(!o.linked()); }
    WaitAwaiter& operator=(WaitAwaiter&&) = delete;
    ~WaitAwaiter() { detail::leave_site(this); }

    bool await_ready() noexcept {
      passed_ = e_->site_.core.owned_plainly(detail::tls_context.scheduler) && e_->set_;
      return passed_;
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept { return e_->wait_slow(this, leaf); }
    Result<void> await_resume() noexcept {
      if (refused_.has_error()) return refused_.error();
      if (passed_) return {};
      return e_->wait_resumed(this);
    }

   private:
    friend class Event;
    Event* e_;
    bool passed_ = false;  // the event was set: no wait
    ErrorSlot refused_;
  };

  Event() noexcept = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  WaitAwaiter wait() noexcept { return WaitAwaiter(this); }
  void set() noexcept;
  void clear() noexcept;
  bool is_set() const noexcept { return set_; }

 private:
  bool wait_slow(WaitAwaiter* a, std::coroutine_handle<> leaf) noexcept;
  Result<void> wait_resumed(WaitAwaiter* a) noexcept;

  detail::WaitSite site_;
  detail::RelaxedFlag set_;
};

}  // namespace prt
