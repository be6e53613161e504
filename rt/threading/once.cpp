#include "once.h"

#include "../platform.h"

namespace prt::threading {

bool Once::begin() noexcept {
  std::uint32_t s = state_.load(std::memory_order_acquire);
  for (;;) {
    switch (s) {
      case kDone:
        return false;
      case kNew:
        if (state_.compare_exchange_weak(s, kRunning, std::memory_order_acquire, std::memory_order_acquire)) {
          return true;
        }
        break;
      case kRunning:
        if (!state_.compare_exchange_weak(s, kWaiting, std::memory_order_acquire, std::memory_order_acquire)) {
          break;
        }
        s = kWaiting;
        [[fallthrough]];
      default:  // kWaiting
        sys::park(&state_, kWaiting, -1);
        s = state_.load(std::memory_order_acquire);
        break;
    }
  }
}

void Once::finish() noexcept {
  if (state_.exchange(kDone, std::memory_order_release) == kWaiting) sys::unpark_all(&state_);
}

}  // namespace prt::threading
