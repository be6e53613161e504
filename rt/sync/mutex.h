// prt::Mutex — asyncio.Lock for tasks: held across awaits, waiters served in
// arrival order.
//
//   prt::Mutex m;
//   {
//     auto g = co_await m.lock();          // Result<Mutex::Guard>
//     if (!g) co_return g.error();         // e.g. Cancelled while waiting
//     ...                                  // held until g goes out of scope
//   }
//
// Order, as asyncio.Lock in CPython 3.11 (rt/sync/wait_list.h has the model):
// - lock() on a free mutex with no live waiter takes it without suspending
//   (and so without delivering a pending cancel, like any ready await).
// - unlock() frees the mutex and wakes the first waiter, which takes the
//   mutex when it runs. Until then a newcomer queues behind it: no barging.
// - A waiter cancelled while parked stays in line until its task runs; a
//   wake-up that reaches it then, or that it got before the cancel, passes
//   to the next waiter. No wake-up is lost.
// Errors: lock() outside a task, or from a runtime other than the one the
// busy mutex belongs to: ErrorKind::Runtime; cancelled while waiting:
// Cancelled. unlock() of a mutex that is not locked: ErrorKind::Runtime
// (asyncio's RuntimeError). try_lock() on a busy mutex: ErrorKind::Timeout
// ("would block", as the thread channels' try_recv).
// The mutex must outlive its waiters. It does not remember its holder: any
// task may unlock it, as with asyncio.Lock. Like an asyncio primitive it is
// not for threads outside its runtime: bound to a single-threaded runtime it
// keeps plain fields (rt/sync/wait_list.h), so another thread must go through
// that runtime (spawn a task) rather than call it directly.
#pragma once

#include <coroutine>
#include <utility>

#include "wait_list.h"

namespace prt {

class Mutex {
 public:
  // Unlocks on destruction (or at unlock()).
  class [[nodiscard]] Guard {
   public:
    Guard() noexcept = default;
    explicit Guard(Mutex* m) noexcept : m_(m) {}
    Guard(Guard&& o) noexcept : m_(std::exchange(o.m_, nullptr)) {}
    Guard& operator=(Guard&& o) noexcept {
      if (this != &o) {
        unlock();
        m_ = std::exchange(o.m_, nullptr);
      }
      return *this;
    }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard() { unlock(); }
    void unlock() noexcept {
      if (m_) (void)std::exchange(m_, nullptr)->unlock();
    }
    bool owns_lock() const noexcept { return m_ != nullptr; }
    // Gives up the guard without unlocking: the mutex stays locked, and
    // whoever holds the pointer unlocks it (Condition::wait does).
    Mutex* release() noexcept { return std::exchange(m_, nullptr); }

   private:
    Mutex* m_ = nullptr;
  };

  class LockAwaiter : public detail::SyncWaiter {
   public:
    explicit LockAwaiter(Mutex* m) noexcept : m_(m) {}
    // Movable before it is awaited (prt::timeout takes it by value).
    LockAwaiter(LockAwaiter&& o) noexcept : m_(o.m_) { PRT_DEBUG_ASSERT(!o.linked()); }
    LockAwaiter& operator=(LockAwaiter&&) = delete;
    ~LockAwaiter() { detail::leave_site(this); }

    bool await_ready() noexcept {
      // The uncontended case on a single-threaded runtime: plain fields.
      if (m_->site_.core.owned_plainly(detail::tls_context.scheduler) && !m_->locked_ && m_->site_.waiters.live() == 0) {
        m_->locked_ = true;
        acquired_ = true;
        return true;
      }
      return false;
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept { return m_->lock_slow(this, leaf); }
    Result<Guard> await_resume() noexcept {
      if (refused_.has_error()) return refused_.error();
      if (acquired_) return Guard(m_);
      return m_->lock_resumed(this);
    }

   private:
    friend class Mutex;
    Mutex* m_;
    bool acquired_ = false;
    ErrorSlot refused_;
  };

  Mutex() noexcept = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  LockAwaiter lock() noexcept { return LockAwaiter(this); }
  Result<Guard> try_lock() noexcept;
  Result<void> unlock() noexcept;
  // Racy by nature on a multi-threaded runtime; for tests and diagnostics.
  bool is_locked() const noexcept { return locked_; }

 private:
  bool lock_slow(LockAwaiter* a, std::coroutine_handle<> leaf) noexcept;
  Result<Guard> lock_resumed(LockAwaiter* a) noexcept;
  void wake_first() noexcept;

  detail::WaitSite site_;
  detail::RelaxedFlag locked_;
};

}  // namespace prt
