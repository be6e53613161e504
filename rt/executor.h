// The single-threaded executor (internal): a strict FIFO ready list, a timer
// wheel and a poller, driven the way asyncio's event loop is driven.
//
// One turn of the loop (Executor::turn):
//  1. If no task is ready, block in the poller until the next timer is due,
//     an I/O handle is ready, or another thread wakes the poller. If nothing
//     could ever wake the loop, stop with a deadlock error instead of hanging.
//     When tasks are ready and I/O handles are registered, poll without
//     blocking every kIoPollInterval tasks run.
//  2. Fire every expired timer, in deadline order: their tasks join the back of
//     the ready list.
//  3. Run exactly the tasks that were ready when this step began, in FIFO
//     order. A task made ready while the batch runs (spawned, woken, yielded)
//     waits for the next turn, after timers and I/O have had their chance:
//     this is asyncio's _run_once, and what makes `yield_now` fair.
//
// Shutdown (~Executor), with tasks still alive:
//  1. Refuse new spawns.
//  2. Detach every timer and I/O registration and every parked task's wait
//     node, so no frame refers to the loop any more.
//  3. Mark every unfinished task completed with outcome Cancelled.
//  4. Destroy the frames no JoinHandle refers to. Destroying a frame runs its
//     locals' destructors, which may drop JoinHandles of other tasks and so
//     destroy those too; the dead list absorbs that re-entrancy.
//  5. Frames that a JoinHandle outside the runtime still refers to stay until
//     that handle goes; awaiting it then yields Cancelled.
#pragma once

#include <coroutine>
#include <cstdint>

#include "intrusive_list.h"
#include "platform.h"
#include "task.h"
#include "timer_wheel.h"

namespace prt {

struct RuntimeConfig;
class IoSource;

// Counters readable at run time (Runtime::stats()).
struct RuntimeStats {
  std::uint64_t tasks_spawned = 0;
  std::uint64_t tasks_completed = 0;
  std::uint64_t polls = 0;          // task resumptions by the loop
  std::uint64_t turns = 0;          // loop turns (asyncio iterations)
  std::uint64_t driver_waits = 0;   // times the loop blocked in the poller
  std::uint64_t timers_fired = 0;
  std::uint64_t io_events = 0;
  std::uint64_t cancel_requests = 0;
  std::size_t ready_depth = 0;      // tasks in the ready list now
  std::size_t tasks_waiting = 0;    // parked tasks now
  std::size_t timers_active = 0;    // timers in the wheel now
  std::size_t io_sources = 0;       // registered I/O handles now
};

namespace detail {

class Executor {
 public:
  static constexpr std::uint32_t kIoPollInterval = 61;

  static Result<Executor*> create(bool enable_time, bool enable_io, std::uint32_t poller_flags) noexcept;
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // ---- scheduling (the executor must be the thread's current one) --------

  // Makes a fresh root task ready. The task becomes a root: it completes
  // through complete_root and is joined through its JoinHandle.
  void spawn(TaskHeader* t) noexcept {
    t->flags = kRoot | kHandleAlive | kQueued;
    t->state.run.resume = frame_of(t).address();
    t->state.run.wait = nullptr;
    push_ready(t);
    ++stats_.tasks_spawned;
  }

  // Contract step 2: parks the running task on `node`; `leaf` resumes it.
  void park_current(WaitNode* node, std::coroutine_handle<> leaf) noexcept {
    TaskHeader* t = tls_context.current;
    t->state.run.resume = leaf.address();
    t->state.run.wait = node;
    t->flags |= kWaiting;
    waiting_.push_back(t);
    ++waiting_count_;
  }

  // Puts the running task at the back of the ready list (yield).
  void requeue_current(std::coroutine_handle<> leaf) noexcept {
    TaskHeader* t = tls_context.current;
    t->state.run.resume = leaf.address();
    t->flags |= kQueued;
    push_ready(t);
  }

  // Moves a parked task to the back of the ready list.
  void wake(TaskHeader* t) noexcept {
    PRT_DEBUG_ASSERT(t->flags & kWaiting);
    t->unlink();
    --waiting_count_;
    t->flags = (t->flags & ~kWaiting) | kQueued;
    t->state.run.wait = nullptr;
    push_ready(t);
  }

  // Cancels `t` at its current or next await point (contract step 3). Returns
  // false when `t` has already completed.
  bool request_cancel(TaskHeader* t) noexcept;
  // Called by a wait node's Cancel hook that passes the request on to the
  // task it waits for (a JoinHandle await) instead of waking its own task.
  void forward_cancel(TaskHeader* to) noexcept { forward_to_ = to; }

  void complete_root(TaskHeader* t) noexcept;

  // ---- drivers ------------------------------------------------------------

  bool time_enabled() const noexcept { return time_enabled_; }
  bool io_enabled() const noexcept { return io_enabled_; }
  void add_timer(TimerEntry* e) noexcept;
  void remove_timer(TimerEntry* e) noexcept { wheel_.remove(e); }
  Result<void> add_io(IoSource* source, sys::RawFd fd, std::uint32_t interest) noexcept;
  void remove_io(IoSource* source, sys::RawFd fd) noexcept;

  // ---- the loop -------------------------------------------------------------

  // Runs turns until `main` completes. Fails when called inside a running
  // runtime, or when the main task can no longer be woken (deadlock).
  Result<void> run_until(TaskHeader* main) noexcept;

  RuntimeStats stats() const noexcept;
  bool shutting_down() const noexcept { return shutting_down_; }

 private:
  Executor() = default;

  void push_ready(TaskHeader* t) noexcept {
    ready_.push_back(t);
    ++ready_count_;
  }
  Result<void> wait_for_events() noexcept;
  Result<void> poll_io(std::int64_t timeout_ns) noexcept;
  void fire_timers() noexcept;
  void run_batch() noexcept;
  void finish_unstarted(TaskHeader* t) noexcept;

  List ready_;
  std::size_t ready_count_ = 0;
  List waiting_;
  std::size_t waiting_count_ = 0;
  List io_sources_;
  std::size_t io_count_ = 0;
  std::uint32_t polls_since_io_ = 0;
  TimerWheel wheel_;
  sys::Poller* poller_ = nullptr;
  bool time_enabled_ = true;
  bool io_enabled_ = true;
  bool shutting_down_ = false;
  TaskHeader* forward_to_ = nullptr;  // set by forward_cancel during request_cancel
  RuntimeStats stats_;
};

// Installs an executor as the thread's current one for a scope (the loop, or
// an operation started from outside it, such as JoinHandle::abort), and puts
// the previous context back afterwards.
class ContextGuard {
 public:
  explicit ContextGuard(Executor* e) noexcept : saved_(tls_context) {
    tls_context.executor = e;
    tls_context.current = nullptr;
  }
  ~ContextGuard() { tls_context = saved_; }
  ContextGuard(const ContextGuard&) = delete;
  ContextGuard& operator=(const ContextGuard&) = delete;

 private:
  Context saved_;
};

}  // namespace detail
}  // namespace prt
