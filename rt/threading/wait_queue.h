// FIFO queues of parked threads (internal), for the locks that grant in
// arrival order (RwLock, Semaphore). Each waiter lives on its own stack and
// parks on its own word; the owner of the queue guards it with a Mutex and
// grants waiters from the front.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "../config.h"

namespace prt::threading::detail {

struct Waiter {
  // 0 while waiting; set to 1 (release) by the granter, read with acquire by
  // the waiter, which then owns what it was granted. The waiter parks on it.
  std::atomic<std::uint32_t> granted{0};
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

// Marks `w` granted and wakes it. After the store the waiter may return and
// its stack frame go away: the wake that follows only names the address, and
// a wake of a reused address is a spurious wake-up, which every park allows.
void grant(Waiter* w) noexcept;

// Parks until `w` is granted (true) or `deadline_ns` passes (false; negative:
// no limit). On false the caller must take `w` out of its queue under its
// mutex and re-check `granted`: a grant may race with the timeout.
bool wait_granted(Waiter* w, std::int64_t deadline_ns) noexcept;

std::int64_t deadline_after(std::int64_t timeout_ns) noexcept;  // -1 stays -1

}  // namespace prt::threading::detail
