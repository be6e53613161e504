// prt::Semaphore / prt::BoundedSemaphore — asyncio.Semaphore and
// asyncio.BoundedSemaphore for tasks.
//
//   prt::Semaphore slots(3);
//   auto p = co_await slots.acquire();     // Result<Semaphore::Permit>
//   if (!p) co_return p.error();
//   ...                                    // the permit returns when p goes
//
// Order, as asyncio.Semaphore in CPython 3.11.7 (rt/sync/wait_list.h has the
// model):
// - acquire() takes a permit without suspending when one is free and no
//   waiter that is not cancelled is in line (asyncio's `locked()` test).
// - release() adds a permit and hands it to the first waiter still waiting:
//   the permit is that waiter's from then on, before its task runs.
// - A waiter that gets its permit and finds more free when it runs passes
//   one on to the next waiter (asyncio's chained wake-up).
// - A waiter cancelled after its permit was handed over gives it back and
//   passes it on; one cancelled before simply leaves. No permit is lost.
// Errors: acquire() outside a task, or from another runtime while the
// semaphore is busy: ErrorKind::Runtime; cancelled while waiting: Cancelled.
// try_acquire() when none is free: ErrorKind::Timeout ("would block").
// BoundedSemaphore::release() beyond the initial count: ErrorKind::Runtime,
// context "BoundedSemaphore released too many times" (asyncio's ValueError),
// and the count is unchanged.
// The semaphore must outlive its waiters and its permits.
#pragma once

#include <coroutine>
#include <cstdint>
#include <utility>

#include "wait_list.h"

namespace prt {

class Semaphore {
 public:
  // Returns its permit on destruction (or at release()).
  class [[nodiscard]] Permit {
   public:
    Permit() noexcept = default;
    explicit Permit(Semaphore* s) noexcept : s_(s) {}
    Permit(Permit&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
    Permit& operator=(Permit&& o) noexcept {
      if (this != &o) {
        release();
        s_ = std::exchange(o.s_, nullptr);
      }
      return *this;
    }
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() { release(); }
    void release() noexcept {
      if (s_) (void)std::exchange(s_, nullptr)->release();
    }
    // Keeps the permit taken; the caller calls Semaphore::release() itself
    // (asyncio's bare `await sem.acquire()` ... `sem.release()`).
    void forget() noexcept { s_ = nullptr; }
    bool holds() const noexcept { return s_ != nullptr; }

   private:
    Semaphore* s_ = nullptr;
  };

  class AcquireAwaiter : public detail::SyncWaiter {
   public:
    explicit AcquireAwaiter(Semaphore* s) noexcept : s_(s) {}
    AcquireAwaiter(AcquireAwaiter&& o) noexcept : s_(o.s_) { PRT_DEBUG_ASSERT(!o.linked()); }
    AcquireAwaiter& operator=(AcquireAwaiter&&) = delete;
    ~AcquireAwaiter() { detail::leave_site(this); }

    bool await_ready() noexcept {
      if (s_->site_.core.owned_plainly(detail::tls_context.scheduler) && !s_->locked_now()) {
        --s_->value_;
        acquired_ = true;
        return true;
      }
      return false;
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept { return s_->acquire_slow(this, leaf); }
    Result<Permit> await_resume() noexcept {
      if (refused_.has_error()) return refused_.error();
      if (acquired_) return Permit(s_);
      return s_->acquire_resumed(this);
    }

   private:
    friend class Semaphore;
    Semaphore* s_;
    bool acquired_ = false;
    ErrorSlot refused_;
  };

  explicit Semaphore(std::uint64_t permits = 1) noexcept : value_(permits) {}
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  AcquireAwaiter acquire() noexcept { return AcquireAwaiter(this); }
  Result<Permit> try_acquire() noexcept;
  Result<void> release() noexcept;
  // Free permits (asyncio's `_value`). Racy on a multi-threaded runtime.
  std::uint64_t available() const noexcept { return value_; }
  // asyncio's `locked()`: acquire() would suspend.
  bool locked() const noexcept { return locked_now(); }

 protected:
  Semaphore(std::uint64_t permits, bool bounded) noexcept : value_(permits), bound_(permits), bounded_(bounded) {}

 private:
  bool locked_now() const noexcept { return value_ == 0 || site_.waiters.live() != 0; }
  bool acquire_slow(AcquireAwaiter* a, std::coroutine_handle<> leaf) noexcept;
  Result<Permit> acquire_resumed(AcquireAwaiter* a) noexcept;
  void wake_next() noexcept;

  detail::WaitSite site_;
  detail::Relaxed<std::uint64_t> value_;
  std::uint64_t bound_ = 0;
  bool bounded_ = false;
};

// release() beyond the initial count is an error instead of a new permit.
class BoundedSemaphore : public Semaphore {
 public:
  explicit BoundedSemaphore(std::uint64_t permits = 1) noexcept : Semaphore(permits, true) {}
};

}  // namespace prt
