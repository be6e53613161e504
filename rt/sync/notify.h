// prt::Notify — wakes tasks without carrying data (tokio's Notify; asyncio
// has none, so its order is the one every primitive here keeps: FIFO).
//
//   prt::Notify changed;
//   co_await changed.notified();   // Result<void>
//   changed.notify_one();          // wakes the first waiter, or leaves a permit
//   changed.notify_waiters();      // wakes everyone waiting now, leaves nothing
//
// notify_one() with nobody waiting stores one permit (at most one): the next
// notified() consumes it without suspending, so a notification sent just
// before the receiver starts waiting is not lost. notify_waiters() (alias
// notify_all()) wakes only the tasks already waiting and stores no permit.
// Cancellation: a waiter cancelled before its wake-up leaves the line; one
// cancelled after a notify_one() reached it passes that notification on to
// the next waiter (or back into the permit), so none is lost.
// Errors: notified() outside a task, or from another runtime while tasks of
// the first still wait: ErrorKind::Runtime; cancelled: Cancelled. The Notify
// must outlive its waiters.
#pragma once

#include <coroutine>

#include "wait_list.h"

namespace prt {

class Notify {
 public:
  class WaitAwaiter : public detail::SyncWaiter {
   public:
    explicit WaitAwaiter(Notify* n) noexcept : n_(n) {}
    WaitAwaiter(WaitAwaiter&& o) noexcept : n_(o.n_) { PRT_DEBUG_ASSERT(!o.linked()); }
    WaitAwaiter& operator=(WaitAwaiter&&) = delete;
    ~WaitAwaiter() { detail::leave_site(this); }

    bool await_ready() noexcept {
      if (n_->site_.core.owned_plainly(detail::tls_context.scheduler) && n_->permit_) {
        n_->permit_ = false;
        passed_ = true;
      }
      return passed_;
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept { return n_->wait_slow(this, leaf); }
    Result<void> await_resume() noexcept {
      if (refused_.has_error()) return refused_.error();
      if (passed_) return {};
      return n_->wait_resumed(this);
    }

   private:
    friend class Notify;
    Notify* n_;
    bool passed_ = false;  // took the stored permit: no wait
    ErrorSlot refused_;
  };

  Notify() noexcept = default;
  Notify(const Notify&) = delete;
  Notify& operator=(const Notify&) = delete;

  WaitAwaiter notified() noexcept { return WaitAwaiter(this); }
  void notify_one() noexcept;
  void notify_waiters() noexcept;
  void notify_all() noexcept { notify_waiters(); }

 private:
  // SyncWaiter::want for a waiter woken by notify_one(): its wake-up is a
  // notification to pass on if it turns out cancelled.
  static constexpr std::uint32_t kOne = 1;

  bool wait_slow(WaitAwaiter* a, std::coroutine_handle<> leaf) noexcept;
  Result<void> wait_resumed(WaitAwaiter* a) noexcept;
  void notify_one_locked() noexcept;

  detail::WaitSite site_;
  detail::RelaxedFlag permit_;
};

}  // namespace prt
