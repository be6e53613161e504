#include "executor.h"

#include <algorithm>
#include <new>
#include <utility>

#include "io.h"

namespace prt::detail {

Result<Executor*> Executor::create(bool enable_time, bool enable_io, std::uint32_t poller_flags) noexcept {
  auto poller = sys::poller_create(poller_flags);
  if (!poller) return poller.error();
  void* mem = PRT_ALLOC(sizeof(Executor));
  if (!mem) {
    sys::poller_destroy(*poller);
    return Error(ErrorKind::Other, "out of memory: runtime");
  }
  Executor* e = ::new (mem) Executor(enable_time, enable_io);
  e->poller_ = *poller;
  return e;
}

Executor::~Executor() { shutdown(); }

void Executor::shutdown() noexcept {
  PRT_ASSERT(tls_context.scheduler != this || tls_context.current == nullptr);
  if (shut_down_) return;
  shut_down_ = true;
  shutting_down_.store(true, std::memory_order_release);
  {
    ContextGuard guard(this);  // hooks run with their scheduler installed

    // Step 1: what other threads handed over joins the registry.
    take_remote();

    // Step 2: nothing may refer to the loop any more.
    wheel_.detach_all();
    while (ListNode* n = io_sources_.pop_front()) {
      static_cast<IoShared*>(n)->orphan(poller_);
    }
    io_count_ = 0;

    // Step 3: every unfinished task ends as Cancelled.
    List dead;
    while (ListNode* n = registry_.pop_front()) {
      TaskHeader* t = static_cast<TaskHeader*>(n);
      if (flags_of(t) & kWaiting) {
        WaitNode* node = t->state.run.wait;
        node->fn(node, WaitOp::Detach);
      }
      clear_flags(t, kWaiting | kQueued | kCancelPending);
      set_flags(t, kCompleted | kOutcomeCancelled);
      dead.push_back(t);
    }
    ready_head_ = ready_tail_ = nullptr;
    ready_count_ = 0;
    alive_ = 0;

    // Steps 4 and 5 (invariant F). A destroyed frame may drop JoinHandles of
    // tasks still in `dead`, or end a join awaiter that never resumed; either
    // frees such a task, unlinking it from `dead` first.
    while (ListNode* n = dead.pop_front()) {
      TaskHeader* t = static_cast<TaskHeader*>(n);
      t->link.joiner = nullptr;
      free_if_unowned(t, flags_of(t));
    }
    // Step 6: a thread whose push step 1 took may still be waking the
    // poller (remote_pushers_); the window is one wake call.
    while (remote_pushers_.load(std::memory_order_acquire) != 0) {
    }
    sys::poller_destroy(std::exchange(poller_, nullptr));
  }
  // Host-loop mode ends with the runtime: the main task is Cancelled now,
  // and its owner hears so through `done`.
  if (host_main_) stop_host(Result<void>());
}

void Executor::adopt(TaskHeader* t) noexcept {
  // Flags may already hold kShared|kRoot|kHandleAlive (a remote spawn, whose
  // handle lives on another thread); otherwise they are 0.
  set_flags(t, kRoot | kHandleAlive | kQueued);
  t->state.run.resume = frame_of(t).address();
  t->state.run.wait = nullptr;
  registry_.push_back(t);
  ++alive_;
  push_ready(t);
  ++stats_.tasks_spawned;
}

bool Executor::spawn(TaskHeader* t) noexcept {
  if (shutting_down()) return false;
  if (tls_context.scheduler != this && running_.load(std::memory_order_acquire)) {
    // Another thread runs this loop: hand the task over. Its JoinHandle stays
    // on this thread, so from now on its flags change atomically (kShared).
    t->flags.store(kShared | kRoot | kHandleAlive, std::memory_order_relaxed);
    remote_pushers_.fetch_add(1, std::memory_order_relaxed);
    remote_.push(t);
    sys::poller_wake(poller_);
    notify_host();
    remote_pushers_.fetch_sub(1, std::memory_order_release);
    return true;
  }
  adopt(t);
  return true;
}

void Executor::wake_from_any_thread(TaskHeader* t) noexcept {
  remote_pushers_.fetch_add(1, std::memory_order_relaxed);  // published by the push (remote_pushers_)
  remote_.push(t);
  sys::poller_wake(poller_);
  notify_host();
  remote_pushers_.fetch_sub(1, std::memory_order_release);
}

void Executor::take_remote() noexcept {
  while (MpscNode* n = remote_.pop_spin()) {
    TaskHeader* t = static_cast<TaskHeader*>(n);
    if (flags_of(t) & kWaiting) {
      wake(t);
    } else {
      adopt(t);
    }
  }
}

bool Executor::request_cancel(TaskHeader* start) noexcept {
  if (flags_of(start) & kCompleted) return false;
  // A task parked on a JoinHandle forwards the request to the task it awaits
  // (contract step 3). Forwarding follows a chain iteratively, however long.
  // Each task waits on at most one other and has at most one joiner, so a
  // chain that loops at all loops back to `start`; the loop is broken there
  // by cancelling start's own wait instead of forwarding again.
  TaskHeader* t = start;
  for (;;) {
    t->cancel_count.fetch_add(1, std::memory_order_relaxed);
    ++stats_.cancel_requests;
    if (!(flags_of(t) & kWaiting)) {
      set_flags(t, kCancelPending);  // delivered when it next reaches an await point
      return true;
    }
    WaitNode* node = t->state.run.wait;
    tls_context.forward_to = nullptr;
    tls_context.cancel_on_wake = false;
    if (node->fn(node, WaitOp::Cancel)) {
      set_flags(t, kCancelPending);
      wake(t);
      return true;
    }
    if (std::exchange(tls_context.cancel_on_wake, false)) {
      set_flags(t, kCancelPending);  // a wake from another thread is on its way
      return true;
    }
    TaskHeader* next = tls_context.forward_to;
    tls_context.forward_to = nullptr;
    if (!next || (flags_of(next) & kCompleted)) return true;
    if (next == start) {
      WaitNode* own = start->state.run.wait;
      own->fn(own, WaitOp::Detach);
      set_flags(start, kCancelPending);
      wake(start);
      return true;
    }
    t = next;
  }
}

void Executor::complete_root(TaskHeader* t) noexcept {
  t->unlink();  // from the registry
  --alive_;
  // A request that never reached an await point still cancels the outcome of
  // a task that returned normally, as asyncio does for a task cancelled in its
  // last step; an error the task returned wins over it.
  std::uint32_t f = flags_of(t);
  std::uint32_t add = kCompleted;
  if ((f & kCancelPending) && !(f & kResultIsError)) add |= kOutcomeCancelled;
  clear_flags(t, kCancelPending | kQueued);
  std::uint32_t now = set_flags(t, add);
  ++stats_.tasks_completed;
  if (now & kJoined) {
    TaskHeader* joiner = t->link.joiner;
    t->link.joiner = nullptr;
    if (joiner) wake(joiner);  // kJoined stays set until the joiner takes the result
  }
  free_if_unowned(t, now);
}

void Executor::add_timer(TimerEntry* e) noexcept {
  if (wheel_.empty()) wheel_.catch_up(sys::monotonic_ns());
  wheel_.insert(e);
}

Result<void> Executor::add_io(IoShared* io, sys::RawFd fd, std::uint32_t interest) noexcept {
  if (!io_enabled_) return Error(ErrorKind::Runtime, "I/O driver disabled (RuntimeConfig::enable_io)");
  if (shutting_down()) return Error(ErrorKind::Runtime, "runtime is shutting down");
  PRT_TRY(sys::poller_register(poller_, fd, interest, io));
  io_sources_.push_back(io);
  ++io_count_;
  return {};
}

void Executor::remove_io(IoShared* io) noexcept {
  // Deregistering fails only if the handle was closed first: nothing to undo.
  // One thread dispatches and removes: no dispatch to `io` is in flight.
  (void)sys::poller_deregister(poller_, io->fd);
  io->unlink();
  --io_count_;
  io->release();
}

void Executor::rearm_io(IoShared* io, std::uint32_t directions) noexcept {
  sys::poller_rearm(poller_, io->fd, directions);
}

Result<void> Executor::run_until(TaskHeader* main) noexcept {
  if (tls_context.scheduler) {
    return Error(ErrorKind::Runtime, "block_on called from inside a running runtime");
  }
  if (shut_down_) return Error(ErrorKind::Runtime, "runtime is shut down");
  if (host_main_) return Error(ErrorKind::Runtime, "block_on on a runtime the host's event loop drives");
  ContextGuard guard(this);
  running_.store(true, std::memory_order_release);
  std::uint64_t timer_mode = sys::precise_timers_begin();
  Result<void> r;
  while (!(flags_of(main) & kCompleted)) {
    ++stats_.turns;
    if (remote_.maybe_nonempty()) take_remote();
    if (ready_count_ == 0) {
      r = wait_for_events();
    } else if (io_count_ != 0 && polls_since_io_ >= kIoPollInterval) {
      r = poll_io(0);
    }
    if (!r) break;
    if (remote_.maybe_nonempty()) take_remote();
    if (!wheel_.empty()) fire_timers();
    run_batch();
  }
  sys::precise_timers_end(timer_mode);
  running_.store(false, std::memory_order_release);
  return r;
}

Result<void> Executor::prepare_host_loop() noexcept {
  if (tls_context.scheduler) return Error(ErrorKind::Runtime, "run_in_host_loop called from inside a running runtime");
  if (shut_down_) return Error(ErrorKind::Runtime, "runtime is shut down");
  if (host_main_ || host_prepared_) {
    return Error(ErrorKind::Runtime, "run_in_host_loop: the host's event loop already drives this runtime");
  }
  auto loop = sys::host_loop_create(&Executor::drive_host, this);
  if (!loop) return loop.error();
  host_prepared_ = *loop;
  return {};
}

void Executor::start_in_host_loop(TaskHeader* main, HostDone done, void* arg) noexcept {
  sys::HostLoop* loop = std::exchange(host_prepared_, nullptr);
  if (!loop) return;
  if (!main) {
    sys::host_loop_destroy(loop);
    return;
  }
  host_main_ = main;
  host_done_ = done;
  host_arg_ = arg;
  // Spawns from this thread between calls go through the remote queue too.
  running_.store(true, std::memory_order_release);
  host_loop_.store(loop, std::memory_order_seq_cst);  // step 1
  std::atomic_thread_fence(std::memory_order_seq_cst);
  sys::host_loop_schedule(loop, 0);
}

void Executor::drive_host(void* self) noexcept {
  auto* ex = static_cast<Executor*>(self);
  Result<void> stopped_with;
  bool stop = false;
  {
    ContextGuard guard(ex);
    const std::int64_t start = sys::monotonic_ns();
    for (;;) {  // step 2
      ++ex->stats_.turns;
      if (ex->remote_.maybe_nonempty()) ex->take_remote();
      if (!ex->wheel_.empty()) ex->fire_timers();
      if (ex->ready_count_ == 0) break;
      if (ex->io_count_ != 0 && ex->polls_since_io_ >= kIoPollInterval) {
        if (auto r = ex->poll_io(0); !r) {
          stopped_with = r.error();
          stop = true;
          break;
        }
      }
      ex->run_batch();
      if ((flags_of(ex->host_main_) & kCompleted) || sys::monotonic_ns() - start >= kHostSliceNs) break;
    }
    if (!stop && (flags_of(ex->host_main_) & kCompleted)) stop = true;
    if (!stop) {  // step 3
      std::int64_t delay = ex->ready_count_ != 0 ? 0 : -1;
      if (delay < 0) {
        const std::int64_t next = ex->wheel_.next_fire_ns();
        if (next != TimerWheel::kNever) {
          delay = std::max<std::int64_t>(0, next - sys::monotonic_ns());
        } else if (ex->io_count_ == 0 && ex->external_waits_ == 0 && !ex->remote_.maybe_nonempty()) {
          stopped_with = Error(ErrorKind::Runtime,
                               "deadlock: the main task waits, but no task is ready and no timer or I/O can wake it");
          stop = true;
        }
      }
      if (!stop) sys::host_loop_schedule(ex->host_loop_.load(std::memory_order_relaxed), delay);
    }
  }
  if (stop) ex->stop_host(std::move(stopped_with));
}

void Executor::stop_host(Result<void> stopped_with) noexcept {  // step 5
  sys::HostLoop* loop = host_loop_.exchange(nullptr, std::memory_order_seq_cst);
  if (loop) sys::host_loop_destroy(loop);
  running_.store(false, std::memory_order_release);
  const HostDone done = std::exchange(host_done_, nullptr);
  void* arg = std::exchange(host_arg_, nullptr);
  host_main_ = nullptr;
  if (done) done(std::move(stopped_with), arg);  // last: it may free the runtime
}

Result<void> Executor::wait_for_events() noexcept {
  std::int64_t next = wheel_.next_fire_ns();
  if (next == TimerWheel::kNever && io_count_ == 0 && external_waits_ == 0) {
    return Error(ErrorKind::Runtime,
                 "deadlock: the main task waits, but no task is ready and no timer or I/O can wake it");
  }
  std::int64_t timeout = -1;
  if (next != TimerWheel::kNever) {
    std::int64_t now = sys::monotonic_ns();
    timeout = next > now ? next - now : 0;
  }
  ++stats_.driver_waits;
  return poll_io(timeout);
}

Result<void> Executor::poll_io(std::int64_t timeout_ns) noexcept {
  constexpr int kEvents = 64;
  sys::PollEvent events[kEvents];
  auto n = sys::poller_wait(poller_, events, kEvents, timeout_ns);
  if (!n) return n.error();
  polls_since_io_ = 0;
  for (int i = 0; i < *n; ++i) static_cast<IoShared*>(events[i].token)->dispatch(events[i].readiness);
  stats_.io_events += static_cast<std::uint64_t>(*n);
  return {};
}

void Executor::fire_timers() noexcept { stats_.timers_fired += wheel_.advance(sys::monotonic_ns()); }

void Executor::run_batch() noexcept {
  std::size_t n = ready_count_;
  while (n-- != 0) {
    TaskHeader* t = pop_ready();
    std::uint32_t f = clear_flags(t, kQueued);
    if (PRT_UNLIKELY((f & (kStarted | kCancelPending)) == kCancelPending)) {
      tls_context.current = t;
      complete_root(t);  // cancelled before its first step: the body never runs
      continue;
    }
    if (PRT_UNLIKELY(!(f & kStarted))) set_flags(t, kStarted);
    tls_context.current = t;
    ++stats_.polls;
    ++polls_since_io_;
    std::coroutine_handle<>::from_address(t->state.run.resume).resume();
  }
  tls_context.current = nullptr;
}

RuntimeStats Executor::stats() const noexcept {
  RuntimeStats s = stats_;
  s.ready_depth = ready_count_;
  s.tasks_alive = alive_;
  s.timers_active = wheel_.size();
  s.io_sources = io_count_;
  s.workers = 1;
  return s;
}

}  // namespace detail
