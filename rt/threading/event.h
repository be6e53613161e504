// prt::threading::Event — Python's threading.Event for threads: a flag that
// set() raises (waking every waiter) and clear() lowers.
//
// The flag word is also the park word: a waiter parks while it reads 0. set()
// stores 1 with release (pairing with the waiters' acquire load, so what the
// setter did before set() is visible to them) and wakes all parked threads
// when `waiters` says there are some; the seq_cst order of the flag store and
// the `waiters` load against the waiter's `waiters` increment and flag load
// keeps a waiter from parking on a flag that was already raised.
#pragma once

#include <atomic>
#include <cstdint>

namespace prt::threading {

class Event {
 public:
  constexpr Event() noexcept = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  void set() noexcept;
  void clear() noexcept { flag_.store(0, std::memory_order_relaxed); }
  bool is_set() const noexcept { return flag_.load(std::memory_order_acquire) != 0; }

  void wait() noexcept { (void)wait_for(-1); }
  // True when the flag is set; false when `timeout_ns` passed first
  // (negative: no limit), as threading.Event.wait returns.
  bool wait_for(std::int64_t timeout_ns) noexcept;

 private:
  std::atomic<std::uint32_t> flag_{0};
  std::atomic<std::uint32_t> waiters_{0};
};

}  // namespace prt::threading
