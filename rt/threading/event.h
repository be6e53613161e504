// prt::threading::Event — Python's threading.Event for threads: a flag that
// set() raises (waking every waiter) and clear() lowers.
//
// One word holds both the flag (bit 0) and the number of waiters (bits
// 1-31, two per waiter); it is also the park word. set() raises the flag and
// reads the waiter count in one read-modify-write (release: what the setter
// did before set() is visible to whoever sees the flag), and after it
// touches the event no more: only the wake-up system call names its address.
// So an event may be destroyed as soon as a wait on it has returned, even
// while the setting thread is still inside set(). A waiter registers with a
// read-modify-write on the same word before it parks, so one of the two sees
// the other: either the setter counts the waiter and wakes it, or the
// waiter's registration returns the raised flag.
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
  void clear() noexcept { word_.fetch_and(~kSet, std::memory_order_relaxed); }
  bool is_set() const noexcept { return word_.load(std::memory_order_acquire) & kSet; }

  void wait() noexcept { (void)wait_for(-1); }
  // True when the flag is set; false when `timeout_ns` passed first
  // (negative: no limit), as threading.Event.wait returns.
  bool wait_for(std::int64_t timeout_ns) noexcept;

 private:
  static constexpr std::uint32_t kSet = 1;
  static constexpr std::uint32_t kWaiter = 2;
  // The flag and the waiter count (see the top of the file). Written by
  // setters, clearers and waiters, always by read-modify-write.
  std::atomic<std::uint32_t> word_{0};
};

}  // namespace prt::threading
