// The scheduler interface (internal): what tasks, awaitables and drivers ask
// of whichever scheduler runs them. Two implement it:
//   detail::Executor       rt/executor.h   one thread, strict FIFO (asyncio)
//   detail::MtScheduler    rt/mt/scheduler.h  work-stealing workers
//
// Threads: on a single-threaded runtime every call comes from the runtime's
// thread, except wake_from_any_thread and spawn, which accept any thread. On
// a multi-threaded runtime every call accepts any thread.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <cstdint>

#include "platform.h"
#include "task.h"

namespace prt {

namespace threading::detail {
struct PoolShared;
}

// Counters readable at run time (Runtime::stats()).
struct RuntimeStats {
  std::uint64_t tasks_spawned = 0;
  std::uint64_t tasks_completed = 0;
  std::uint64_t polls = 0;          // task resumptions
  std::uint64_t turns = 0;          // loop turns (asyncio iterations; single-threaded)
  std::uint64_t driver_waits = 0;   // times a thread blocked in the poller
  std::uint64_t timers_fired = 0;
  std::uint64_t io_events = 0;
  std::uint64_t cancel_requests = 0;
  std::uint64_t steals = 0;         // tasks taken from another worker (multi-threaded)
  std::uint64_t parks = 0;          // times a worker went to sleep (multi-threaded)
  std::size_t blocking_threads = 0; // threads in the blocking pool now (spawn_blocking)
  std::size_t ready_depth = 0;      // tasks in run queues now
  std::size_t tasks_alive = 0;      // root tasks not yet completed
  std::size_t timers_active = 0;    // timers in the wheel now
  std::size_t io_sources = 0;       // registered I/O handles now
  std::size_t workers = 1;          // threads running tasks
};

namespace detail {

struct TimerEntry;
struct IoShared;

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // ---- root tasks -------------------------------------------------------------
  // Makes a fresh task (flags 0) a root task of this scheduler and ready.
  // False when the scheduler is shutting down: the caller still owns it.
  virtual bool spawn(TaskHeader* t) noexcept = 0;
  // A source wakes a task parked on it (contract step 2).
  virtual void wake(TaskHeader* t) noexcept = 0;
  // The same from a thread that is not running this scheduler (the blocking
  // pool); on a multi-threaded scheduler identical to wake.
  virtual void wake_from_any_thread(TaskHeader* t) noexcept = 0;
  // The running task is about to park on work that another thread will hand
  // back through wake_from_any_thread (a blocking-pool job): a single-
  // threaded loop must not call an empty queue a deadlock meanwhile.
  virtual void expect_external_wake() noexcept {}
  // The running task goes to the back of the queue (yield_now, sleep(0)).
  virtual void yield_current(std::coroutine_handle<> leaf) noexcept = 0;
  // Contract step 3. False when `t` had already completed.
  virtual bool request_cancel(TaskHeader* t) noexcept = 0;
  // A root task reached its final suspend point (on the thread running it).
  virtual void complete_root(TaskHeader* t) noexcept = 0;

  // ---- drivers --------------------------------------------------------------
  virtual void add_timer(TimerEntry* e) noexcept = 0;
  virtual void remove_timer(TimerEntry* e) noexcept = 0;  // no-op if not linked
  // Registers the handle with the poller; the registration holds one of the
  // state's references. remove_io deregisters and drops that reference once
  // no dispatch to it can be in flight.
  virtual Result<void> add_io(IoShared* io, sys::RawFd fd, std::uint32_t interest) noexcept = 0;
  virtual void remove_io(IoShared* io) noexcept = 0;
  // The owner saw "would block" in these directions (sys::poller_rearm).
  virtual void rearm_io(IoShared* io, std::uint32_t directions) noexcept = 0;

  // ---- running --------------------------------------------------------------
  // Runs until `main` completes (see Runtime::block_on).
  virtual Result<void> run_until(TaskHeader* main) noexcept = 0;
  // Runtime::run_in_host_loop, in two calls so that a refusal comes before
  // the task is spawned (on a multi-threaded runtime it would start at
  // once). prepare_host_loop makes every check and sets up the platform's
  // HostLoop; start_in_host_loop then hands the loop to it and returns at
  // once, and `done` runs on that loop's thread once `main` completes or the
  // loop stops with an error. start_in_host_loop(nullptr, ...) abandons a
  // prepared loop. Single-threaded runtimes only.
  using HostDone = void (*)(Result<void> stopped_with, void* arg);
  virtual Result<void> prepare_host_loop() noexcept {
    return Error(ErrorKind::Runtime, "run_in_host_loop needs a single-threaded runtime");
  }
  virtual void start_in_host_loop(TaskHeader*, HostDone, void*) noexcept {}
  virtual RuntimeStats stats() const noexcept = 0;
  // Cancels every task and stops the drivers and threads (each scheduler's
  // protocol is at the top of its file). Idempotent; afterwards spawn is
  // refused and run_until fails. Not from inside the scheduler.
  virtual void shutdown() noexcept = 0;
  // shutdown(), then frees the scheduler.
  virtual void destroy() noexcept = 0;

  // The runtime's blocking pool (rt/blocking.h); set once by Runtime::create
  // before any task runs, so reading it needs no synchronisation.
  threading::detail::PoolShared* blocking_pool() const noexcept { return blocking_pool_; }
  void set_blocking_pool(threading::detail::PoolShared* pool) noexcept { blocking_pool_ = pool; }

  bool multi_threaded() const noexcept { return multi_threaded_; }
  bool time_enabled() const noexcept { return time_enabled_; }
  bool io_enabled() const noexcept { return io_enabled_; }
  bool shutting_down() const noexcept { return shutting_down_.load(std::memory_order_acquire); }

 protected:
  Scheduler(bool multi_threaded, bool time_enabled, bool io_enabled) noexcept
      : multi_threaded_(multi_threaded), time_enabled_(time_enabled), io_enabled_(io_enabled) {}

  const bool multi_threaded_;
  const bool time_enabled_;
  const bool io_enabled_;
  threading::detail::PoolShared* blocking_pool_ = nullptr;
  // Set once, when shutdown begins (release); spawners read it (acquire).
  std::atomic<bool> shutting_down_{false};
};

// Contract step 2: the running task parks on `node`; `leaf` is the coroutine
// to resume. Call after registering with the source: a wake that comes in
// between is not lost (single-threaded: nothing runs in between; multi-
// threaded: the worker sees kQueued when the task leaves the CPU).
inline void park_current(WaitNode* node, std::coroutine_handle<> leaf) noexcept {
  TaskHeader* t = tls_context.current;
  t->state.run.resume = leaf.address();
  t->state.run.wait = node;
  set_flags(t, kWaiting);
}

// Called by a wait node's Cancel hook that passes the request on to the task
// it waits for, instead of being woken itself (JoinHandle awaits).
inline void forward_cancel(TaskHeader* to) noexcept { tls_context.forward_to = to; }

// Called by a wait node's Cancel hook (returning false) whose source has
// already committed to waking the task from another thread: the request
// stays pending and is delivered when that wake resumes the task (contract
// step 3, rt/task.h).
inline void cancel_on_wake() noexcept { tls_context.cancel_on_wake = true; }

// Installs a scheduler as the thread's current one for a scope (a loop, or
// an operation started from outside it such as JoinHandle::abort), and puts
// the previous context back afterwards.
class ContextGuard {
 public:
  explicit ContextGuard(Scheduler* s) noexcept : saved_(tls_context) {
    tls_context = Context{};
    tls_context.scheduler = s;
  }
  ~ContextGuard() { tls_context = saved_; }
  ContextGuard(const ContextGuard&) = delete;
  ContextGuard& operator=(const ContextGuard&) = delete;

 private:
  Context saved_;
};

}  // namespace detail
}  // namespace prt
