// prt::threading::Future<T> — the result of work running on another thread
// (ThreadPool::submit): wait for it, with or without a timeout, poll it, take
// it once.
#pragma once

#include <atomic>
#include <cstdint>
#include <new>
#include <utility>

#include "../memory.h"
#include "../platform.h"
#include "../result.h"

namespace prt::threading {

namespace detail {

template <class T>
struct FutureState {
  // Held by the producer (the job) and the Future: 2 at start. acq_rel
  // decrements so that the last holder sees the other's writes.
  std::atomic<std::uint32_t> refs{2};
  // 0 until the result is stored, then 1: stored with seq_cst after the
  // result (release is what the readers' acquire pairs with; seq_cst orders
  // it against the `waiters` load, as in Event).
  std::atomic<std::uint32_t> ready{0};
  std::atomic<std::uint32_t> waiters{0};
  bool taken = false;  // touched only by the Future's owner
  union {
    Result<T> result;
  };

  FutureState() noexcept {}
  ~FutureState() {
    if (ready.load(std::memory_order_acquire)) result.~Result<T>();
  }

  void set(Result<T> r) noexcept {
    ::new (static_cast<void*>(&result)) Result<T>(std::move(r));
    ready.store(1, std::memory_order_seq_cst);
    if (waiters.load(std::memory_order_seq_cst) != 0) sys::unpark_all(&ready);
  }

  bool wait_for(std::int64_t timeout_ns) noexcept {
    if (ready.load(std::memory_order_acquire)) return true;
    if (timeout_ns == 0) return false;
    const std::int64_t deadline = timeout_ns < 0 ? -1 : sys::monotonic_ns() + timeout_ns;
    waiters.fetch_add(1, std::memory_order_seq_cst);
    bool done = false;
    for (;;) {
      if (ready.load(std::memory_order_seq_cst)) {
        done = true;
        break;
      }
      std::int64_t left = -1;
      if (deadline >= 0) {
        left = deadline - sys::monotonic_ns();
        if (left <= 0) break;
      }
      sys::park(&ready, 0, left);
    }
    waiters.fetch_sub(1, std::memory_order_relaxed);
    return done;
  }

  void release() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) prt::detail::delete_object(this);
  }
};

}  // namespace detail

template <class T>
class [[nodiscard]] Future {
 public:
  Future() noexcept = default;
  explicit Future(detail::FutureState<T>* s) noexcept : s_(s) {}
  Future(Future&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  Future& operator=(Future&& o) noexcept {
    if (this != &o) {
      reset();
      s_ = std::exchange(o.s_, nullptr);
    }
    return *this;
  }
  Future(const Future&) = delete;
  Future& operator=(const Future&) = delete;
  ~Future() { reset(); }

  bool valid() const noexcept { return s_ != nullptr; }
  bool is_ready() const noexcept { return !s_ || s_->ready.load(std::memory_order_acquire); }
  void wait() noexcept {
    if (s_) (void)s_->wait_for(-1);
  }
  // True when ready; false when `timeout_ns` passed first.
  bool wait_for(std::int64_t timeout_ns) noexcept { return !s_ || s_->wait_for(timeout_ns); }

  // Waits, then moves the result out. ErrorKind::Join on an empty Future or
  // a second get().
  Result<T> get() noexcept {
    if (!s_) return Error(ErrorKind::Join, "Future: empty");
    wait();
    if (s_->taken) return Error(ErrorKind::Join, "Future: result already taken");
    s_->taken = true;
    return std::move(s_->result);
  }

 private:
  void reset() noexcept {
    if (s_) std::exchange(s_, nullptr)->release();
  }
  detail::FutureState<T>* s_ = nullptr;
};

}  // namespace prt::threading
