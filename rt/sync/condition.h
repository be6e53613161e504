// prt::Condition — asyncio.Condition for tasks: wait for a state, guarded
// by a prt::Mutex, to change.
//
//   prt::Condition cv;                     // its own mutex; or Condition(m)
//   auto g = co_await cv.lock();           // Result<Mutex::Guard>
//   if (!g) co_return g.error();
//   PRT_CO_TRY(co_await cv.wait_for([&] { return !items.empty(); }));
//   ...                                    // still holding the mutex
//
// wait() unlocks the mutex, waits for notify(), then locks it again before
// returning, whatever happened, cancellation included: when wait() returns,
// the caller holds the mutex, as in asyncio (so the caller's guard stays
// right). notify(n) wakes up to n waiters in the order they began waiting;
// notify_all() wakes every one. A woken waiter takes its place in the mutex's
// line when its task runs.
//
// One deliberate difference from CPython 3.11: a waiter cancelled after a
// notify() reached it passes the notification on to the next waiter, as
// CPython 3.13 does (gh-112202); 3.11 lets it vanish. Waiters cancelled
// before any notify simply leave.
// Errors: wait() or notify() while the mutex is not locked: ErrorKind::Runtime
// ("cannot wait on un-acquired lock", asyncio's RuntimeError) — like asyncio
// this checks that the mutex is locked, not who locked it; cancelled while
// waiting: Cancelled (the mutex is held again all the same). The condition
// must outlive its waiters.
#pragma once

#include <coroutine>
#include <cstdint>

#include "../task.h"
#include "mutex.h"
#include "wait_list.h"

namespace prt {

class Condition {
 public:
  // With its own mutex.
  Condition() noexcept : m_(&own_) {}
  // Sharing `m`, which must outlive the condition.
  explicit Condition(Mutex& m) noexcept : m_(&m) {}
  Condition(const Condition&) = delete;
  Condition& operator=(const Condition&) = delete;

  Mutex& mutex() noexcept { return *m_; }
  Mutex::LockAwaiter lock() noexcept { return m_->lock(); }
  bool locked() const noexcept { return m_->is_locked(); }

  // Caller holds the mutex; holds it again when this returns.
  Task<> wait();
  // Waits until pred() is true (checked with the mutex held, first before
  // any wait). Errors from wait() end the loop.
  template <class Pred>
  Task<> wait_for(Pred pred) {
    while (!pred()) {
      Result<void> r = co_await wait();
      if (!r) co_return r.error();
    }
    co_return ok();
  }
  Result<void> notify(std::uint32_t n = 1) noexcept;
  Result<void> notify_all() noexcept { return notify(UINT32_MAX); }

 private:
  class WaitAwaiter : public detail::SyncWaiter {
   public:
    explicit WaitAwaiter(Condition* c) noexcept : c_(c) {}
    WaitAwaiter(const WaitAwaiter&) = delete;
    WaitAwaiter& operator=(const WaitAwaiter&) = delete;
    ~WaitAwaiter() { detail::leave_site(this); }
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept { return c_->park(this, leaf); }
    Result<void> await_resume() noexcept {
      if (refused_.has_error()) return refused_.error();
      return c_->resumed(this);
    }

   private:
    friend class Condition;
    Condition* c_;
    ErrorSlot refused_;
  };

  bool park(WaitAwaiter* a, std::coroutine_handle<> leaf) noexcept;
  Result<void> resumed(WaitAwaiter* a) noexcept;
  void notify_locked(std::uint32_t n) noexcept;

  Mutex own_;
  Mutex* m_;
  detail::WaitSite site_;
};

}  // namespace prt
