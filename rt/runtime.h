// prt::Runtime — owns an executor and its drivers, runs tasks.
//
//   auto rt = prt::Runtime::create();             // Result<Runtime>
//   if (!rt) { report(rt.error()); return 1; }
//   prt::Result<int> r = rt->block_on(main_task());
//
// or, for the common case, prt::run(main_task()).
//
// block_on runs the loop on the calling thread until the given task
// completes; tasks it spawned and that are still running stay in the runtime
// (they run again at the next block_on) until the Runtime is destroyed, which
// cancels them and destroys their frames (see rt/executor.h, "Shutdown").
#pragma once

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>

#include "blocking.h"
#include "join_handle.h"
#include "scheduler.h"
#include "task.h"

namespace prt {

enum class RuntimeType {
  SingleThreaded,    // one thread, strict FIFO: what asyncio programs need
  MultiThreaded,     // work-stealing workers (rt/mt/scheduler.h)
  BrowserEventLoop,  // driven by the browser's event loop (browser target only)
};

// The design documents' runtime settings. Runtime::create validates them
// and reports a bad value as an Error naming the field.
struct RuntimeConfig {
  RuntimeType runtime_type = RuntimeType::SingleThreaded;
  std::optional<std::size_t> worker_threads;  // 1..1024; single-threaded: 1
  bool enable_io = true;                      // false: IoSource::attach fails
  bool enable_time = true;                    // false: sleep/timeout/interval fail
  std::optional<std::string> thread_name;     // worker thread name prefix; the OS
                                              // truncates long names (15 bytes on Linux)
  std::optional<std::size_t> stack_size;      // worker stack bytes, 16 KiB..1 GiB;
                                              // also the blocking pool's threads
  std::optional<std::size_t> max_blocking_threads;  // spawn_blocking's pool (rt/blocking.h):
                                                    // 1..4096 threads; default 512
  std::optional<std::chrono::nanoseconds> blocking_keep_alive;  // an idle pool thread exits
                                                                // after this; default 10 s
  bool force_timer_handle = false;            // time waits with a timer handle
                                              // (Linux: timerfd) instead of the
                                              // poller's own timeout; for tests

  Result<void> validate() const noexcept;
};

class Runtime {
 public:
  static Result<Runtime> create(const RuntimeConfig& config = {}) noexcept;

  Runtime(Runtime&& other) noexcept;
  Runtime& operator=(Runtime&& other) noexcept;
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;
  ~Runtime();

  // Runs the loop until `task` completes and returns its result. Errors:
  // ErrorKind::Runtime when called from inside a running runtime (the task
  // is then not run), or when the task can no longer be woken (deadlock);
  // ErrorKind::Spawn on a moved-from Runtime; the task's own errors.
  template <class T>
  Result<T> block_on(Task<T> task) noexcept {
    if (detail::tls_context.scheduler) {
      return Error(ErrorKind::Runtime, "block_on called from inside a running runtime");
    }
    JoinHandle<T> handle = detail::Spawner::spawn(sched_, std::move(task));
    if (detail::TaskHeader* main = detail::Spawner::header(handle)) {
      if (auto r = sched_->run_until(main); !r) return r.error();
    }
    return handle.take();
  }

  // Runs `task` on this runtime driven by the platform's own event loop, and
  // returns at once: the calling thread goes back to that loop (in the
  // browser, main() returns and the page stays responsive) and the loop
  // runs the tasks, timers and wake-ups from other threads as they come.
  // When the task completes, `done(result, arg)` is called on this thread;
  // if the loop can never be woken again, `done` gets the deadlock error.
  // The Runtime must stay alive until `done` runs (it may destroy it);
  // shutting it down first calls `done` with Cancelled. Meanwhile block_on
  // is refused. Errors, and the task then never runs: PlatformNotSupported
  // where the platform has no event loop to return to (native programs,
  // WASI, a browser program whose main runs on a worker); ErrorKind::Runtime
  // on a multi-threaded runtime, inside a running runtime, or when the loop
  // already drives this runtime.
  template <class T>
  Result<void> run_in_host_loop(Task<T> task, std::type_identity_t<void (*)(Result<T> result, void* arg)> done,
                                void* arg) noexcept {
    struct Run {
      JoinHandle<T> handle;
      void (*done)(Result<T>, void*);
      void* arg;
    };
    if (!sched_) return Error(ErrorKind::Spawn, "run_in_host_loop on a moved-from Runtime");
    if (auto ready = sched_->prepare_host_loop(); !ready) return ready.error();  // before spawning
    Run* run = detail::new_object<Run>(Run{detail::Spawner::spawn(sched_, std::move(task)), done, arg});
    detail::TaskHeader* main = run ? detail::Spawner::header(run->handle) : nullptr;
    if (!main) {
      sched_->start_in_host_loop(nullptr, nullptr, nullptr);  // abandon the prepared loop
      if (run) detail::delete_object(run);
      return Error(ErrorKind::Spawn, "run_in_host_loop: the task could not be spawned");
    }
    auto finish = +[](Result<void> stopped_with, void* raw) {
      Run* r = static_cast<Run*>(raw);
      Result<T> result = stopped_with ? r->handle.take() : Result<T>(stopped_with.error());
      auto* user_done = r->done;
      void* user_arg = r->arg;
      detail::delete_object(r);
      user_done(std::move(result), user_arg);
    };
    sched_->start_in_host_loop(main, finish, run);
    return {};
  }

  // Spawns a task onto this runtime from anywhere on its thread, inside or
  // outside block_on; it starts at the runtime's next turn.
  template <class T>
  JoinHandle<T> spawn(Task<T> task) noexcept {
    return detail::Spawner::spawn(sched_, std::move(task));
  }

  // Runs f on this runtime's blocking pool (rt/blocking.h); from any thread.
  template <class F>
  auto spawn_blocking(F&& f) noexcept {
    return detail::spawn_blocking_on(sched_, std::forward<F>(f));
  }

  // Cancels every task (their locals are destroyed), stops the drivers and,
  // on a multi-threaded runtime, joins the workers; then cancels the
  // blocking jobs still queued and waits for the running ones. Idempotent.
  // Afterwards spawn and block_on report ErrorKind::Spawn. Other
  // threads may go on calling spawn meanwhile; the Runtime object must stay
  // alive until they stop. Fails when called from inside the runtime or
  // from one of its blocking jobs.
  Result<void> shutdown() noexcept;

  RuntimeStats stats() const noexcept;
  const RuntimeConfig& config() const noexcept { return config_; }

 private:
  Runtime(detail::Scheduler* s, threading::detail::PoolShared* blocking, const RuntimeConfig& config) noexcept
      : sched_(s), blocking_(blocking), config_(config) {}
  void destroy() noexcept;

  detail::Scheduler* sched_ = nullptr;
  threading::detail::PoolShared* blocking_ = nullptr;  // also in sched_->blocking_pool()
  RuntimeConfig config_;
};

// Spawns onto the runtime running the calling task. Outside a runtime the
// handle reports ErrorKind::Spawn when awaited or taken.
template <class T>
JoinHandle<T> spawn(Task<T> task) noexcept {
  return detail::Spawner::spawn(detail::tls_context.scheduler, std::move(task));
}

// Creates a runtime, runs `task` to completion, destroys the runtime.
template <class T>
Result<T> run(Task<T> task, const RuntimeConfig& config = {}) noexcept {
  auto rt = Runtime::create(config);
  if (!rt) return rt.error();
  return rt->block_on(std::move(task));
}

// `co_await prt::yield_now()` puts the task at the back of the ready list: every
// task that was ready runs before it resumes. Yields Cancelled when the task
// was cancelled meanwhile, like every await point.
struct YieldNow {
  detail::TaskHeader* task = nullptr;

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> leaf) noexcept {
    detail::Context& ctx = detail::tls_context;
    task = ctx.current;
    if (!task || detail::cancel_pending(task)) return false;
    ctx.scheduler->yield_current(leaf);
    return true;
  }
  Result<void> await_resume() noexcept {
    if (!task) return Error(ErrorKind::Runtime, "yield_now outside a prt task");
    if (detail::consume_cancel(task)) return Error::cancelled();
    return {};
  }
};
inline YieldNow yield_now() noexcept { return {}; }

}  // namespace prt
