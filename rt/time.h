// Time: prt::Clock, sleep, sleep_until, timeout, timeout_at, interval.
//
//   PRT_CO_TRY(co_await prt::sleep(5ms));
//   auto r = co_await prt::timeout(100ms, fetch());   // Result<T>; Timeout on expiry
//   auto iv = prt::interval(1s);
//   for (;;) { PRT_CO_TRY(co_await iv.tick()); ... }
//
// Every sleep suspends the task at least once, so it is always an await point
// where cancellation can arrive: sleep(d) with d <= 0 behaves like
// yield_now (asyncio's sleep(0)); a deadline already past fires on the next
// turn of the loop. Timers fire at most one wheel tick (1.024 us) after their
// deadline plus the OS's wake-up latency; the loop waits with nanosecond
// timeouts and reduced timer slack, and re-reads the clock after every wake.
#pragma once

#include <chrono>
#include <coroutine>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "platform.h"
#include "scheduler.h"
#include "task.h"
#include "timer_wheel.h"

namespace prt {

// The runtime's monotonic clock, a std::chrono clock.
struct Clock {
  using rep = std::int64_t;
  using period = std::nano;
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<Clock, duration>;
  static constexpr bool is_steady = true;
  static time_point now() noexcept { return time_point(duration(sys::monotonic_ns())); }
};
using Instant = Clock::time_point;
using Duration = std::chrono::nanoseconds;

namespace detail {
// Why a timer cannot be armed here: no task is running, or the time driver
// is off.
Error time_refused() noexcept;

// t + d, saturating at the ends of the clock's range instead of wrapping.
inline std::int64_t saturating_add(std::int64_t t, std::int64_t d) noexcept {
  if (d > 0 && t > INT64_MAX - d) return INT64_MAX;
  if (d < 0 && t < INT64_MIN - d) return INT64_MIN;
  return t + d;
}
inline Instant saturating_add(Instant t, Duration d) noexcept {
  return Instant(Duration(saturating_add(t.time_since_epoch().count(), d.count())));
}
inline std::int64_t deadline_after(Duration d) noexcept { return saturating_add(sys::monotonic_ns(), d.count()); }
}  // namespace detail

// The awaitable behind sleep and sleep_until. 40 bytes on 64-bit targets,
// all of it in the awaiting coroutine's frame: a sleeping task costs no
// allocation beyond its frame.
class Sleep : private detail::TimerEntry {
 public:
  static constexpr std::int64_t kYield = INT64_MIN;  // deadline of sleep(d <= 0)

  explicit Sleep(std::int64_t deadline) noexcept { deadline_ns = deadline; }
  // Movable until awaited (timeout() moves its operand into its frame).
  Sleep(Sleep&& other) noexcept : Sleep(other.deadline_ns) { PRT_ASSERT(!other.linked() && !other.task_); }
  Sleep(const Sleep&) = delete;
  Sleep& operator=(const Sleep&) = delete;
  ~Sleep() {
    // Linked only if destroyed mid-wait, which only a shutdown does, after
    // detaching every timer: a guard, not a path.
    if (linked()) detail::tls_context.scheduler->remove_timer(this);
  }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> leaf) noexcept {
    detail::Context& ctx = detail::tls_context;
    if (!ctx.current || !ctx.scheduler->time_enabled()) return false;  // task_ stays null
    task_ = ctx.current;
    if (detail::cancel_pending(task_)) return false;
    if (deadline_ns == kYield) {
      ctx.scheduler->yield_current(leaf);
      return true;
    }
    fn = &on_event;
    ctx.scheduler->add_timer(this);
    detail::park_current(this, leaf);
    return true;
  }
  Result<void> await_resume() noexcept {
    if (!task_) return detail::time_refused();
    if (detail::consume_cancel(task_)) return Error::cancelled();
    return {};
  }

 private:
  static bool on_event(detail::WaitNode* node, detail::WaitOp op) noexcept {
    auto* self = static_cast<Sleep*>(static_cast<detail::TimerEntry*>(node));
    if (op == detail::WaitOp::Fire) {
      detail::tls_context.scheduler->wake(self->task_);
    } else {
      detail::tls_context.scheduler->remove_timer(self);  // Cancel, Detach: no-op if not linked
    }
    return true;
  }

  detail::TaskHeader* task_ = nullptr;
};

inline Sleep sleep_until(Instant deadline) noexcept {
  std::int64_t ns = deadline.time_since_epoch().count();
  return Sleep(ns == Sleep::kYield ? ns + 1 : ns);
}
inline Sleep sleep(Duration d) noexcept {
  return Sleep(d.count() <= 0 ? Sleep::kYield : detail::deadline_after(d));
}

// ---- timeout ------------------------------------------------------------------

namespace detail {

template <class A>
decltype(auto) get_awaiter(A&& a) noexcept {
  if constexpr (requires { static_cast<A&&>(a).operator co_await(); }) {
    return static_cast<A&&>(a).operator co_await();
  } else {
    return static_cast<A&&>(a);
  }
}
template <class A>
using await_resume_t = decltype(std::declval<decltype(get_awaiter(std::declval<A>()))&>().await_resume());

template <class R>
struct unwrap_result {
  using type = R;
};
template <class T>
struct unwrap_result<Result<T>> {
  using type = T;
};
template <class A>
using timeout_value_t = typename unwrap_result<std::remove_cvref_t<await_resume_t<A>>>::type;

// An outcome that carries its own error beside a value (SendResult).
template <class T>
concept RetagsTimeout = requires(T& v) { v.retag_cancelled_as_timeout(); };

// Arms a timer that cancels the running task at the deadline, and turns the
// Cancelled that this produces into Timeout. It counts cancel requests the
// way asyncio.timeout does: a Cancelled that someone else also asked for
// stays Cancelled.
class TimeoutScope : private TimerEntry {
 public:
  explicit TimeoutScope(std::int64_t deadline_ns) noexcept;
  ~TimeoutScope();
  TimeoutScope(const TimeoutScope&) = delete;
  TimeoutScope& operator=(const TimeoutScope&) = delete;

  const ErrorSlot& refused() const noexcept { return refused_; }

  template <class T>
  Result<T> finish(Result<T> r) noexcept {
    // After disarm the timer cannot fire any more; if it fired before, the
    // firing thread set fired_ before we could take it out (both under the
    // scheduler's timer lock on a multi-threaded runtime).
    disarm();
    if (!fired_.load(std::memory_order_acquire)) return r;
    if (withdraw()) {
      if (!r.ok() && r.error().is(ErrorKind::Cancelled)) return Error(ErrorKind::Timeout, "prt::timeout deadline passed");
      // An outcome that carries its own error next to a value (SendResult:
      // the unsent value) is retagged in place rather than lost.
      if constexpr (RetagsTimeout<T>) {
        if (r.ok()) r->retag_cancelled_as_timeout();
      }
    }
    return r;
  }

 private:
  static bool on_event(WaitNode* node, WaitOp op) noexcept;
  void disarm() noexcept;
  // Withdraws this scope's cancel request; true when no other request is left
  // that was made since the scope began.
  bool withdraw() noexcept;

  TaskHeader* task_ = nullptr;
  std::uint32_t cancels_at_entry_ = 0;
  // Set by the firing thread (a multi-threaded runtime's timer driver), read
  // by the task in finish(); release/acquire.
  std::atomic<bool> fired_{false};
  ErrorSlot refused_;
};

template <class A>
Task<timeout_value_t<A>> timeout_impl(std::int64_t deadline_ns, A awaitable) {
  TimeoutScope scope(deadline_ns);
  if (scope.refused().has_error()) co_return scope.refused().error();
  using R = await_resume_t<A>;
  if constexpr (std::is_void_v<R>) {
    co_await static_cast<A&&>(awaitable);
    co_return scope.finish(Result<void>{});
  } else {
    co_return scope.finish(Result<timeout_value_t<A>>(co_await static_cast<A&&>(awaitable)));
  }
}

}  // namespace detail

// Runs `awaitable` (a Task, a JoinHandle, a Sleep, ...) and gives up at the
// deadline: the task is cancelled at its current await point, the cancellation
// unwinds the operation (its cleanup runs; an awaited JoinHandle's task is
// cancelled too), and the result is ErrorKind::Timeout. If the operation
// finishes first, its result is returned unchanged. An lvalue awaitable is
// awaited by reference; an rvalue one is moved into the timeout's frame.
template <class A>
Task<detail::timeout_value_t<A>> timeout_at(Instant deadline, A&& awaitable) {
  return detail::timeout_impl<A>(deadline.time_since_epoch().count(), static_cast<A&&>(awaitable));
}
template <class A>
Task<detail::timeout_value_t<A>> timeout(Duration d, A&& awaitable) {
  return detail::timeout_impl<A>(detail::deadline_after(d), static_cast<A&&>(awaitable));
}

// ---- interval -----------------------------------------------------------------

// What an Interval does when ticks were missed because the task was late:
//   Burst  fire the missed ticks back to back until caught up, keeping the
//          original schedule start + k * period (the default, as in tokio);
//   Delay  schedule the next tick one period after the late one completed;
//   Skip   drop the missed ticks and fire at the next point of the original
//          schedule that lies in the future.
enum class MissedTickBehavior { Burst, Delay, Skip };

class Interval {
 public:
  Interval(Instant first_tick, Duration period, MissedTickBehavior behavior) noexcept
      : next_(first_tick), period_(period), behavior_(behavior) {}

  class TickAwaiter {
   public:
    bool await_ready() const noexcept { return refused_; }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept { return sleep_.await_suspend(leaf); }
    Result<Instant> await_resume() noexcept {
      if (refused_) return Error(ErrorKind::Runtime, "Interval period must be positive");
      PRT_TRY(sleep_.await_resume());
      return interval_->advance();
    }

   private:
    friend class Interval;
    explicit TickAwaiter(Interval* iv) noexcept
        : interval_(iv), sleep_(iv->next_.time_since_epoch().count()), refused_(iv->period_.count() <= 0) {}
    Interval* interval_;
    Sleep sleep_;
    bool refused_;
  };

  // Completes at the next scheduled tick and yields its scheduled time.
  TickAwaiter tick() noexcept { return TickAwaiter(this); }

  Instant next_tick() const noexcept { return next_; }
  Duration period() const noexcept { return period_; }
  MissedTickBehavior missed_tick_behavior() const noexcept { return behavior_; }
  void set_missed_tick_behavior(MissedTickBehavior b) noexcept { behavior_ = b; }
  // Restarts the schedule one period from now.
  void reset() noexcept { next_ = detail::saturating_add(Clock::now(), period_); }

 private:
  Instant advance() noexcept;

  Instant next_;
  Duration period_;
  MissedTickBehavior behavior_;
};

// The first tick completes at once (on the next turn), then every `period`.
inline Interval interval(Duration period, MissedTickBehavior b = MissedTickBehavior::Burst) noexcept {
  return Interval(Clock::now(), period, b);
}
inline Interval interval_at(Instant first_tick, Duration period,
                            MissedTickBehavior b = MissedTickBehavior::Burst) noexcept {
  return Interval(first_tick, period, b);
}

}  // namespace prt
