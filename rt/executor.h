// The single-threaded executor (internal): a strict FIFO ready queue, a timer
// wheel and a poller, driven the way asyncio's event loop is driven.
//
// One turn of the loop (Executor::run_until):
//  1. Take what other threads handed over (spawns, wake-ups from the blocking
//     pool) from the remote queue.
//  2. If no task is ready, block in the poller until the next timer is due,
//     an I/O handle is ready, or another thread wakes the poller. If nothing
//     could ever wake the loop, stop with a deadlock error instead of hanging.
//     When tasks are ready and I/O handles are registered, poll without
//     blocking every kIoPollInterval tasks run.
//  3. Fire every expired timer, in deadline order: their tasks join the back of
//     the ready queue.
//  4. Run exactly the tasks that were ready when this step began, in FIFO
//     order. A task made ready while the batch runs (spawned, woken, yielded)
//     waits for the next turn, after timers and I/O have had their chance:
//     this is asyncio's _run_once, and what makes `yield_now` fair.
//
// Every live root task is in the registry (a list through the header's
// ListNode); ready tasks are also in the ready FIFO (through its MpscNode
// link). Parking and waking only flip flags and move tasks in and out of
// the FIFO.
//
// Driven by the host's event loop (Runtime::run_in_host_loop; the browser's
// main thread, which must never block):
//  1. prepare_host_loop creates the platform's HostLoop; start_in_host_loop
//     publishes it in host_loop_ (seq_cst) and schedules a first call.
//  2. Each call (drive_host) runs turns as above without ever blocking in
//     step 2: until no task is ready, the main task completed, or
//     kHostSliceNs passed, so the page stays responsive.
//  3. It then schedules the next call: at once if tasks are still ready, at
//     the next timer's deadline, or not at all when only a wake can come.
//  4. Other threads push to the remote queue as before, then wake the host
//     loop: a seq_cst fence between their push and their read of host_loop_,
//     and one between step 1's store and the first call's look at the queue,
//     so either the waker sees the loop or the first call sees the push.
//  5. When the main task completes (or nothing can ever wake the loop), the
//     loop is destroyed and `done` is called, last: it may free the runtime.
//
// Shutdown (Runtime::shutdown or the runtime's destruction), with tasks still alive:
//  1. Refuse new spawns; take in what the remote queue holds.
//  2. Detach every timer and I/O registration and every parked task's wait
//     node, so no frame refers to the loop any more.
//  3. Mark every unfinished task completed with outcome Cancelled.
//  4. Destroy the frames no JoinHandle refers to. Destroying a frame runs its
//     locals' destructors, which may drop JoinHandles of other tasks and so
//     destroy those too; the dead list absorbs that re-entrancy.
//  5. Frames that a JoinHandle outside the runtime still refers to stay until
//     that handle goes; awaiting it then yields Cancelled.
//  6. Wait until no other thread is still inside a remote push (a wake or a
//     spawn whose task step 1 took), then destroy the poller.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstdint>

#include "intrusive_list.h"
#include "mpsc_queue.h"
#include "platform.h"
#include "scheduler.h"
#include "task.h"
#include "timer_wheel.h"

namespace prt {
namespace detail {

class Executor final : public Scheduler {
 public:
  static constexpr std::uint32_t kIoPollInterval = 61;

  static Result<Executor*> create(bool enable_time, bool enable_io, std::uint32_t poller_flags) noexcept;
  ~Executor() override;

  bool spawn(TaskHeader* t) noexcept override;
  void wake(TaskHeader* t) noexcept override {
    PRT_DEBUG_ASSERT(flags_of(t) & kWaiting);
    if (PRT_UNLIKELY(clear_flags(t, kWaiting) & kExternalWait)) {
      clear_flags(t, kExternalWait);
      --external_waits_;
    }
    set_flags(t, kQueued);
    t->state.run.wait = nullptr;
    push_ready(t);
  }
  void wake_from_any_thread(TaskHeader* t) noexcept override;
  void yield_current(std::coroutine_handle<> leaf) noexcept override {
    TaskHeader* t = tls_context.current;
    t->state.run.resume = leaf.address();
    set_flags(t, kQueued);
    push_ready(t);
  }
  bool request_cancel(TaskHeader* t) noexcept override;
  void complete_root(TaskHeader* t) noexcept override;

  void add_timer(TimerEntry* e) noexcept override;
  void remove_timer(TimerEntry* e) noexcept override {
    if (e->linked()) wheel_.remove(e);
  }
  Result<void> add_io(IoShared* io, sys::RawFd fd, std::uint32_t interest) noexcept override;
  void remove_io(IoShared* io) noexcept override;
  void rearm_io(IoShared* io, std::uint32_t directions) noexcept override;

  Result<void> run_until(TaskHeader* main) noexcept override;
  Result<void> prepare_host_loop() noexcept override;
  void start_in_host_loop(TaskHeader* main, HostDone done, void* arg) noexcept override;
  RuntimeStats stats() const noexcept override;
  // The longest a host-loop call runs tasks before giving the loop back.
  static constexpr std::int64_t kHostSliceNs = 8'000'000;
  void shutdown() noexcept override;
  void destroy() noexcept override {
    shutdown();
    this->~Executor();
    PRT_FREE(static_cast<void*>(this), sizeof(Executor));
  }

 private:
  Executor(bool enable_time, bool enable_io) noexcept : Scheduler(false, enable_time, enable_io) {}

  void push_ready(TaskHeader* t) noexcept {
    t->MpscNode::next.store(nullptr, std::memory_order_relaxed);
    if (ready_tail_) ready_tail_->MpscNode::next.store(t, std::memory_order_relaxed);
    else ready_head_ = t;
    ready_tail_ = t;
    ++ready_count_;
  }
  TaskHeader* pop_ready() noexcept {
    TaskHeader* t = ready_head_;
    ready_head_ = static_cast<TaskHeader*>(t->MpscNode::next.load(std::memory_order_relaxed));
    if (!ready_head_) ready_tail_ = nullptr;
    --ready_count_;
    return t;
  }
  void adopt(TaskHeader* t) noexcept;  // spawn on the loop's thread
  void take_remote() noexcept;
  Result<void> wait_for_events() noexcept;
  Result<void> poll_io(std::int64_t timeout_ns) noexcept;
  void fire_timers() noexcept;
  void run_batch() noexcept;
  static void drive_host(void* self) noexcept;
  // Step 5 of the host-loop protocol; called outside any ContextGuard.
  void stop_host(Result<void> stopped_with) noexcept;
  void notify_host() noexcept {  // step 4, after a push to remote_
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (sys::HostLoop* h = host_loop_.load(std::memory_order_seq_cst)) sys::host_loop_wake(h);
  }

  // All below belong to the thread running the loop, except as noted.
  TaskHeader* ready_head_ = nullptr;
  TaskHeader* ready_tail_ = nullptr;
  std::size_t ready_count_ = 0;
  List registry_;
  std::size_t alive_ = 0;
  List io_sources_;
  std::size_t io_count_ = 0;
  std::uint32_t polls_since_io_ = 0;
  TimerWheel wheel_;
  sys::Poller* poller_ = nullptr;
  RuntimeStats stats_;
  // Spawns and wake-ups from other threads: pushed by them (wait-free), taken
  // by the loop at the start of each turn; each push is followed by a
  // poller_wake, whose protocol orders it before the loop's next look.
  MpscQueue remote_;
  // Remote pushes still between their push and their last touch of this
  // executor (poller_wake, notify_host). Written by the pushing threads:
  // incremented (relaxed) before the push, whose release publishes it to
  // the loop's pop; decremented with release after the last touch. Read by
  // shutdown (acquire) before the poller goes: a task taken from remote_
  // in shutdown's step 1 is no longer parked, so its waker's protocol
  // (oneshot step 4, ...) cannot hold the teardown back; this count does.
  // Relaxed on the decrement would let shutdown free the poller while the
  // waker's poller_wake was still reading it.
  std::atomic<std::uint32_t> remote_pushers_{0};
  // True while a thread runs the loop (written by it, read by spawners on
  // other threads to pick the remote path; release/acquire).
  std::atomic<bool> running_{false};
  // Tasks parked on something another thread may complete (a blocking-pool
  // job, a oneshot): while any is outstanding the loop may be woken
  // remotely, so an empty loop is not a deadlock. Counted on the loop's
  // thread: up when such a task parks (kExternalWait), down when it is woken.
  std::size_t external_waits_ = 0;
  bool shut_down_ = false;
  // Host-loop mode (protocol above). host_loop_ is written by the loop's
  // thread (steps 1 and 5) and read by wakers on any thread (step 4);
  // seq_cst with the fences there, so a wake is never lost. The rest
  // belongs to the loop's thread.
  std::atomic<sys::HostLoop*> host_loop_{nullptr};
  sys::HostLoop* host_prepared_ = nullptr;  // between prepare and start
  TaskHeader* host_main_ = nullptr;
  HostDone host_done_ = nullptr;
  void* host_arg_ = nullptr;

 public:
  void expect_external_wake() noexcept override {
    set_flags(tls_context.current, kExternalWait);
    ++external_waits_;
  }
};

}  // namespace detail
}  // namespace prt
