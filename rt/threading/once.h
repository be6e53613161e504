// prt::threading::Once — runs a function exactly once however many threads
// call it; every caller returns after it has completed.
//
// State word: kNew -> kRunning (the winner runs the function) -> kDone. A
// loser that finds kRunning marks kWaiting and parks; the winner's final
// exchange to kDone (release, paired with the callers' acquire) tells it
// whether to wake anyone.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

namespace prt::threading {

class Once {
 public:
  constexpr Once() noexcept = default;
  Once(const Once&) = delete;
  Once& operator=(const Once&) = delete;

  template <class F>
  void call(F&& f) {
    if (state_.load(std::memory_order_acquire) == kDone) return;
    if (begin()) {
      std::forward<F>(f)();
      finish();
    }
  }

  bool is_completed() const noexcept { return state_.load(std::memory_order_acquire) == kDone; }

 private:
  static constexpr std::uint32_t kNew = 0, kRunning = 1, kWaiting = 2, kDone = 3;
  // True when this caller must run the function; otherwise returns once done.
  bool begin() noexcept;
  void finish() noexcept;

  std::atomic<std::uint32_t> state_{kNew};
};

}  // namespace prt::threading
