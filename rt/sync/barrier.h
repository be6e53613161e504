// prt::Barrier — asyncio.Barrier's wait(): `parties` tasks meet, then all go on.
//
//   prt::Barrier meet(3);
//   auto index = co_await meet.wait();   // Result<std::size_t>
//
// wait() returns the caller's arrival index in its round, 0 .. parties-1; the
// task that arrives last (index parties-1) does not suspend and releases the
// others, which run in the order they arrived. The barrier is then ready for
// the next round at once (tokio's model; asyncio makes newcomers wait until
// the released round has drained, which changes nothing a task can observe
// here because released waiters never count towards the next round).
// A waiter cancelled before its round completes leaves it: the round needs
// one more arrival, and nothing else changes. One cancelled after the release
// has already been counted and gets Cancelled; the others are unaffected.
// asyncio's abort()/reset() and its BrokenBarrierError are not provided.
// Errors: wait() outside a task or from another runtime while tasks of the
// first still wait: ErrorKind::Runtime; cancelled: Cancelled. parties == 0 is
// treated as 1. The barrier must outlive its waiters.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>

#include "wait_list.h"

namespace prt {

class Barrier {
 public:
  class WaitAwaiter : public detail::SyncWaiter {
   public:
    explicit WaitAwaiter(Barrier* b) noexcept : b_(b) {}
    WaitAwaiter(WaitAwaiter&& o) noexcept : b_(o.b_) { PRT_DEBUG_ASSERT(!o.linked()); }
    WaitAwaiter& operator=(WaitAwaiter&&) = delete;
    ~WaitAwaiter() { detail::leave_site(this); }

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept { return b_->arrive(this, leaf); }
    Result<std::size_t> await_resume() noexcept {
      if (refused_.has_error()) return refused_.error();
      return b_->resumed(this);
    }

   private:
    friend class Barrier;
    Barrier* b_;
    bool leader_ = false;  // arrived last: released the round without waiting
    ErrorSlot refused_;
  };

  explicit Barrier(std::uint32_t parties) noexcept : parties_(parties == 0 ? 1 : parties) {}
  Barrier(const Barrier&) = delete;
  Barrier& operator=(const Barrier&) = delete;

  WaitAwaiter wait() noexcept { return WaitAwaiter(this); }
  std::uint32_t parties() const noexcept { return parties_; }
  // Tasks waiting in the current round. Racy on a multi-threaded runtime.
  std::uint32_t n_waiting() const noexcept { return arrived_; }

 private:
  bool arrive(WaitAwaiter* a, std::coroutine_handle<> leaf) noexcept;
  Result<std::size_t> resumed(WaitAwaiter* a) noexcept;
  static bool on_event(detail::WaitNode* node, detail::WaitOp op) noexcept;

  detail::WaitSite site_;
  const std::uint32_t parties_;
  detail::Relaxed<std::uint32_t> arrived_;  // in the current round, not cancelled
};

}  // namespace prt
