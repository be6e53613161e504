// prt::threading::Semaphore — a counting semaphore for threads, granting
// waiters in arrival order (FIFO): a release hands its permits to the
// threads that waited longest, so nobody starves, and, as in
// threading.BoundedSemaphore, releasing past the maximum is an error.
//
// State word (32 bits):
//   bits 0-30  free permits
//   bit 31     QUEUED   threads wait: acquire's fast path is closed and
//                       release grants under the queue lock
// Invariant: QUEUED implies no free permits (release gives them to waiters
// first), maintained under queue_lock_.
#pragma once

#include <atomic>
#include <cstdint>

#include "../result.h"
#include "mutex.h"
#include "wait_queue.h"

namespace prt::threading {

class Semaphore {
 public:
  static constexpr std::uint32_t kMaxPermits = (1u << 31) - 1;

  // `initial` free permits; release() fails past `max` (default: no bound
  // but the representable one).
  explicit Semaphore(std::uint32_t initial, std::uint32_t max = kMaxPermits) noexcept
      : state_(initial > kMaxPermits ? kMaxPermits : initial), max_(max > kMaxPermits ? kMaxPermits : max) {}
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  void acquire() noexcept {
    if (!try_acquire()) (void)acquire_slow(-1);
  }
  bool try_acquire() noexcept {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    // acquire: what the releaser did before release() is visible.
    return !(s & kQueued) && s != 0 &&
           state_.compare_exchange_strong(s, s - 1, std::memory_order_acquire, std::memory_order_relaxed);
  }
  bool try_acquire_for(std::int64_t timeout_ns) noexcept { return try_acquire() || acquire_slow(timeout_ns); }

  // Returns `n` permits; ErrorKind::Other when that would exceed the maximum
  // (nothing is released then).
  Result<void> release(std::uint32_t n = 1) noexcept;

  // Free permits now (racy by nature; for tests and diagnostics).
  std::uint32_t available() const noexcept { return state_.load(std::memory_order_relaxed) & ~kQueued; }
  // Threads queued for a permit now (for tests and diagnostics).
  std::size_t waiting() noexcept {
    MutexGuard g(queue_lock_);
    return queue_.size();
  }

 private:
  static constexpr std::uint32_t kQueued = 1u << 31;

  bool acquire_slow(std::int64_t timeout_ns) noexcept;

  // See the layout above: fast paths CAS it, QUEUED changes under queue_lock_.
  std::atomic<std::uint32_t> state_;
  std::uint32_t max_;
  Mutex queue_lock_;
  detail::WaitQueue queue_;
};

}  // namespace prt::threading
