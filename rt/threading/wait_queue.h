// FIFO queues of parked threads (internal), for the locks that grant in
// arrival order (RwLock, Semaphore). Each waiter lives on its own stack and
// parks on its own word; the owner of the queue guards it with a Mutex and
// grants waiters from the front.
//
// Granting is two steps, so that a lock may be destroyed as soon as the
// thread it was granted to is done with it:
//  1. Under the owner's mutex, the owner updates its state and claims the
//     waiters it grants: out of the queue, `granted` = kClaimed, linked into
//     a list through `next`.
//  2. After unlocking its mutex, it grants them (grant_all): `granted` =
//     kGranted, then a wake-up. From then on it touches neither the lock
//     (its last access was the unlock) nor a granted waiter (only the wake-up
//     call names the address).
// A waiter whose timeout strikes re-checks `granted` under the owner's mutex:
// claimed means the grant is on its way, and it waits for it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "../config.h"

namespace prt::threading::detail {

inline constexpr std::uint32_t kWaiting = 0;
inline constexpr std::uint32_t kGranted = 1;
inline constexpr std::uint32_t kClaimed = 2;

struct Waiter {
  // kWaiting, then kClaimed (relaxed, under the owner's mutex), then kGranted
  // (release, by grant_all; the waiter reads it with acquire and then owns
  // what it was granted). The waiter parks on it.
  std::atomic<std::uint32_t> granted{kWaiting};
  Waiter* prev = nullptr;
  Waiter* next = nullptr;
  std::uint32_t want = 0;  // what the waiter asks for (the owner's meaning)
};

// Guarded by the owner's mutex.
class WaitQueue {
 public:
  bool empty() const noexcept { return head_ == nullptr; }
  Waiter* front() const noexcept { return head_; }
  std::size_t size() const noexcept { return size_; }

  void push_back(Waiter* w) noexcept {
    w->prev = tail_;
    w->next = nullptr;
    if (tail_) tail_->next = w;
    else head_ = w;
    tail_ = w;
    ++size_;
  }

  void remove(Waiter* w) noexcept {
    if (w->prev) w->prev->next = w->next;
    else head_ = w->next;
    if (w->next) w->next->prev = w->prev;
    else tail_ = w->prev;
    w->prev = w->next = nullptr;
    --size_;
  }

 private:
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
  std::size_t size_ = 0;
};

// Step 1, under the owner's mutex: takes `w` out of `queue` and adds it to
// the list `*claimed` for grant_all.
void claim(WaitQueue& queue, Waiter* w, Waiter** claimed) noexcept;

// Step 2, after the owner's mutex is released: grants every waiter of the
// list. After each store the waiter may return and its stack frame go away:
// the wake that follows only names the address, and a wake of a reused
// address is a spurious wake-up, which every park allows.
void grant_all(Waiter* claimed) noexcept;

// Parks until `w` is granted (true) or `deadline_ns` passes (false; negative:
// no limit). On false the caller takes its mutex and calls timed_out().
bool wait_granted(Waiter* w, std::int64_t deadline_ns) noexcept;

// Under the owner's mutex, after wait_granted timed out: true if `w` was
// claimed or granted meanwhile (the caller unlocks and calls
// wait_granted(w, -1), which returns at once or as soon as the grant lands);
// false if it is still queued (the caller removes it).
inline bool granted_after_timeout(const Waiter* w) noexcept {
  return w->granted.load(std::memory_order_acquire) != kWaiting;
}

std::int64_t deadline_after(std::int64_t timeout_ns) noexcept;  // -1 stays -1

}  // namespace prt::threading::detail
