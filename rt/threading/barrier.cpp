#include "barrier.h"

#include "../platform.h"

namespace prt::threading {
namespace {
Error broken_error() { return Error(ErrorKind::Other, "barrier broken"); }
}  // namespace

Result<std::uint32_t> Barrier::wait(std::int64_t timeout_ns) noexcept {
  if (parties_ == 0) return Error(ErrorKind::Other, "Barrier with zero parties");
  MutexGuard g(m_);
  if (broken_) return broken_error();
  const std::uint32_t index = count_++;
  const std::uint64_t gen = generation_;
  if (count_ == parties_) {
    count_ = 0;
    ++generation_;
    cv_.notify_all();
    return index;
  }
  const std::int64_t deadline = timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
  for (;;) {
    if (generation_ != gen) {
      if (gen < first_valid_) return broken_error();  // reset while we waited
      return index;
    }
    if (broken_) return broken_error();
    std::int64_t left = -1;
    if (deadline >= 0) {
      left = deadline - sys::monotonic_ns();
      if (left <= 0) {
        broken_ = true;  // a timeout breaks the barrier for everyone
        cv_.notify_all();
        return Error(ErrorKind::Timeout, "Barrier::wait");
      }
    }
    (void)cv_.wait_for(m_, left);
  }
}

void Barrier::abort() noexcept {
  MutexGuard g(m_);
  broken_ = true;
  cv_.notify_all();
}

void Barrier::reset() noexcept {
  MutexGuard g(m_);
  if (count_ > 0) {
    ++generation_;
    first_valid_ = generation_;  // the waiters of the old generation fail
  }
  count_ = 0;
  broken_ = false;
  cv_.notify_all();
}

std::uint32_t Barrier::n_waiting() noexcept {
  MutexGuard g(m_);
  return count_;
}

bool Barrier::broken() noexcept {
  MutexGuard g(m_);
  return broken_;
}

}  // namespace prt::threading
