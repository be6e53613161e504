// prt::threading::RwLock — many readers or one writer, for threads.
//
// Uncontended, lock_shared and lock are one compare-and-swap each. When a
// thread must wait it joins a FIFO queue (guarded by an internal Mutex) and
// parks on its own word; unlocks grant the front of the queue: a writer
// alone, or every reader queued before the next writer, at once. While the
// queue is not empty, newcomers queue too, so no reader can overtake a
// waiting writer and no writer a waiting reader: nobody starves.
//
// State word (32 bits):
//   bits 0-29  readers holding the lock
//   bit 30     WRITER   a writer holds the lock
//   bit 31     QUEUED   the wait queue is not empty: fast paths are closed
#pragma once

#include <atomic>
#include <cstdint>

#include "mutex.h"
#include "wait_queue.h"

namespace prt::threading {

class RwLock {
 public:
  constexpr RwLock() noexcept = default;
  RwLock(const RwLock&) = delete;
  RwLock& operator=(const RwLock&) = delete;

  void lock_shared() noexcept {
    if (!try_lock_shared()) (void)lock_slow(kRead, -1);
  }
  bool try_lock_shared() noexcept {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    // acquire: pairs with the release of the last writer's unlock.
    return (s & (kWriter | kQueued)) == 0 && (s & kReaders) < kReaders &&
           state_.compare_exchange_strong(s, s + 1, std::memory_order_acquire, std::memory_order_relaxed);
  }
  bool try_lock_shared_for(std::int64_t timeout_ns) noexcept {
    return try_lock_shared() || lock_slow(kRead, timeout_ns);
  }
  void unlock_shared() noexcept;

  void lock() noexcept {
    if (!try_lock()) (void)lock_slow(kWrite, -1);
  }
  bool try_lock() noexcept {
    std::uint32_t s = 0;
    return state_.compare_exchange_strong(s, kWriter, std::memory_order_acquire, std::memory_order_relaxed);
  }
  bool try_lock_for(std::int64_t timeout_ns) noexcept { return try_lock() || lock_slow(kWrite, timeout_ns); }
  void unlock() noexcept;

 private:
  static constexpr std::uint32_t kReaders = (1u << 30) - 1;
  static constexpr std::uint32_t kWriter = 1u << 30;
  static constexpr std::uint32_t kQueued = 1u << 31;
  static constexpr std::uint32_t kRead = 1;
  static constexpr std::uint32_t kWrite = 2;

  bool lock_slow(std::uint32_t want, std::int64_t timeout_ns) noexcept;
  // Claims the front of the queue what the state allows (the grants happen
  // after queue_lock_ is released: rt/threading/wait_queue.h). queue_lock_ held.
  void claim_grantable_locked(detail::Waiter** claimed) noexcept;
  void grant_queued() noexcept;

  // See the layout above. Fast paths CAS it; the slow paths change the
  // QUEUED bit and grant only while holding queue_lock_.
  std::atomic<std::uint32_t> state_{0};
  Mutex queue_lock_;
  detail::WaitQueue queue_;
};

class ReadGuard {
 public:
  explicit ReadGuard(RwLock& l) noexcept : l_(l) { l.lock_shared(); }
  ReadGuard(const ReadGuard&) = delete;
  ReadGuard& operator=(const ReadGuard&) = delete;
  ~ReadGuard() { l_.unlock_shared(); }

 private:
  RwLock& l_;
};

class WriteGuard {
 public:
  explicit WriteGuard(RwLock& l) noexcept : l_(l) { l.lock(); }
  WriteGuard(const WriteGuard&) = delete;
  WriteGuard& operator=(const WriteGuard&) = delete;
  ~WriteGuard() { l_.unlock(); }

 private:
  RwLock& l_;
};

}  // namespace prt::threading
