// The multi-threaded work-stealing scheduler (internal). The protocols (task
// state transitions, worker loop, parking, shutdown) are written out at the
// top of rt/mt/scheduler.cpp.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <string>

#include "../intrusive_list.h"
#include "../mpsc_queue.h"
#include "../platform.h"
#include "../scheduler.h"
#include "../threading/mutex.h"
#include "../threading/thread.h"
#include "../timer_wheel.h"
#include "idle.h"
#include "local_queue.h"

namespace prt::detail {

struct MtConfig {
  std::uint32_t workers = 1;
  std::string thread_name = "prt-worker";
  std::size_t stack_size = 0;
  bool enable_time = true;
  bool enable_io = true;
  std::uint32_t poller_flags = 0;
};

class MtScheduler final : public Scheduler {
 public:
  static constexpr std::uint32_t kGlobalQueueInterval = 61;  // ticks between fair looks at the injection queue
  static constexpr std::uint32_t kLifoLimit = 3;             // LIFO-slot polls in a row
  static constexpr std::uint32_t kBudget = 128;              // ready awaits per poll before a forced yield

  static Result<MtScheduler*> create(const MtConfig& config) noexcept;
  ~MtScheduler() override;

  bool spawn(TaskHeader* t) noexcept override;
  void wake(TaskHeader* t) noexcept override;
  void wake_from_any_thread(TaskHeader* t) noexcept override { wake(t); }
  void yield_current(std::coroutine_handle<> leaf) noexcept override;
  bool request_cancel(TaskHeader* t) noexcept override;
  void complete_root(TaskHeader* t) noexcept override;

  void add_timer(TimerEntry* e) noexcept override;
  void remove_timer(TimerEntry* e) noexcept override;
  Result<void> add_io(IoShared* io, sys::RawFd fd, std::uint32_t interest) noexcept override;
  void remove_io(IoShared* io) noexcept override;
  void rearm_io(IoShared* io, std::uint32_t directions) noexcept override;

  Result<void> run_until(TaskHeader* main) noexcept override;
  RuntimeStats stats() const noexcept override;
  void shutdown() noexcept override;
  void destroy() noexcept override;

 private:
  struct Worker;
  struct Shard {
    threading::Mutex lock;
    List tasks;
  };
  static constexpr std::size_t kShards = 16;

  explicit MtScheduler(const MtConfig& c) noexcept;
  Result<void> start(const MtConfig& c) noexcept;

  // ---- workers ----
  void worker_main(Worker& w) noexcept;
  TaskHeader* next_task(Worker& w) noexcept;
  TaskHeader* steal_work(Worker& w) noexcept;
  TaskHeader* pop_inject(Worker& w, bool batch) noexcept;
  void run_task(Worker& w, TaskHeader* t) noexcept;
  void run_one(Worker& w, TaskHeader* t) noexcept;
  void to_idle(TaskHeader* t, std::uint32_t add) noexcept;  // lets go of R, adding `add`
  void stop_searching(Worker& w) noexcept;
  void park(Worker& w) noexcept;
  void park_in_driver(Worker& w) noexcept;
  void park_on_futex(Worker& w) noexcept;
  void drive(std::int64_t timeout_ns) noexcept;  // poll I/O, fire timers; driver_lock_ held
  void maintenance(Worker& w) noexcept;
  void unpark(Worker& w) noexcept;
  bool work_pending() const noexcept;

  // ---- scheduling ----
  Worker* current_worker() const noexcept;
  void schedule(TaskHeader* t, bool to_back) noexcept;
  void push_local(Worker& w, TaskHeader* t) noexcept;
  void push_inject(TaskHeader* t) noexcept;
  void notify_parked() noexcept;
  void notify_parked_local() noexcept;  // after a push to the caller's own queue

  // ---- cancellation ----
  bool take_parked(TaskHeader* t, std::uint32_t& f) noexcept;
  TaskHeader* run_cancel_hook(TaskHeader* t, WaitOp op) noexcept;
  void release_running(TaskHeader* t, std::uint32_t add) noexcept;

  // ---- drivers ----
  void lock_timers() noexcept;
  void unlock_timers() noexcept;

  Shard& shard_of(TaskHeader* t) noexcept {
    return shards_[(reinterpret_cast<std::uintptr_t>(t) >> 7) % kShards];
  }

  Worker* workers_ = nullptr;
  std::uint32_t nworkers_ = 0;
  mt::Idle idle_;
  // The injection queue: any thread pushes (wait-free); workers pop under
  // inject_pop_lock_ (the queue has one consumer at a time).
  MpscQueue inject_;
  threading::Mutex inject_pop_lock_;
  // Approximate queue length, for batch sizes: incremented after a push,
  // decremented after a pop; relaxed.
  std::atomic<std::int64_t> inject_len_{0};
  Shard shards_[kShards];

  // Drivers. driver_lock_ is held by the one worker that sleeps in the
  // poller or runs maintenance; timer_lock_ guards the wheel and
  // driver_deadline_. timer_owner_ names the thread holding timer_lock_, so
  // timer hooks that fire under it (a timeout cancelling its task) can
  // remove timers without taking it again.
  threading::Mutex driver_lock_;
  threading::Mutex timer_lock_;
  std::atomic<const void*> timer_owner_{nullptr};
  TimerWheel wheel_;
  // When the driving worker will wake up (INT64_MAX: only on an event;
  // INT64_MIN: nobody sleeps in the driver). Under timer_lock_.
  std::int64_t driver_deadline_ = INT64_MIN;
  sys::Poller* poller_ = nullptr;
  threading::Mutex io_lock_;
  List io_sources_;  // guarded by io_lock_
  std::atomic<std::size_t> io_count_{0};

  // block_on: bumped (release) when a block_on task completes; waiters park on it.
  std::atomic<std::uint32_t> block_on_seq_{0};
  // Spawns from outside the workers that are between their shutdown check
  // and their push; shutdown waits for zero (seq_cst, Dekker with the flag).
  std::atomic<std::uint32_t> foreign_spawns_{0};
  // Serialises shutdown() callers; done_ makes it idempotent.
  threading::Mutex shutdown_lock_;
  bool shut_down_ = false;  // guarded by shutdown_lock_

  // Counters bumped by any thread.
  std::atomic<std::uint64_t> spawned_{0};
  std::atomic<std::uint64_t> completed_{0};
  std::atomic<std::uint64_t> cancels_{0};
  std::atomic<std::uint64_t> timers_fired_{0};
  std::atomic<std::uint64_t> io_events_{0};
  std::atomic<std::uint64_t> driver_waits_{0};
};

}  // namespace prt::detail
