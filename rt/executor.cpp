#include "executor.h"

#include <new>

#include "io.h"

namespace prt::detail {

void complete_root(TaskHeader* t) noexcept { tls_context.executor->complete_root(t); }

Result<Executor*> Executor::create(bool enable_time, bool enable_io, std::uint32_t poller_flags) noexcept {
  void* mem = PRT_ALLOC(sizeof(Executor));
  if (!mem) return Error(ErrorKind::Other, "out of memory: runtime");
  Executor* e = ::new (mem) Executor();
  auto poller = sys::poller_create(poller_flags);
  if (!poller) {
    e->~Executor();
    PRT_FREE(mem, sizeof(Executor));
    return poller.error();
  }
  e->poller_ = *poller;
  e->time_enabled_ = enable_time;
  e->io_enabled_ = enable_io;
  return e;
}

Executor::~Executor() {
  PRT_ASSERT(tls_context.executor != this || tls_context.current == nullptr);
  shutting_down_ = true;
  ContextGuard guard(this);  // hooks run with their executor installed

  // Step 2: nothing may refer to the loop any more.
  wheel_.detach_all();
  while (ListNode* n = io_sources_.pop_front()) {
    IoSource* s = static_cast<IoSource*>(n);
    (void)sys::poller_deregister(poller_, s->fd_);
    s->executor_ = nullptr;
  }
  io_count_ = 0;

  // Step 3: every unfinished task ends as Cancelled.
  List dead;
  while (ListNode* n = waiting_.pop_front()) {
    TaskHeader* t = static_cast<TaskHeader*>(n);
    WaitNode* node = t->state.run.wait;
    node->fn(node, WaitOp::Detach);
    t->flags = (t->flags & ~(kWaiting | kCancelPending)) | kCompleted | kOutcomeCancelled;
    dead.push_back(t);
  }
  while (ListNode* n = ready_.pop_front()) {
    TaskHeader* t = static_cast<TaskHeader*>(n);
    t->flags = (t->flags & ~(kQueued | kCancelPending)) | kCompleted | kOutcomeCancelled;
    dead.push_back(t);
  }
  waiting_count_ = ready_count_ = 0;

  // Steps 4 and 5 (invariant F). A destroyed frame may drop JoinHandles of
  // tasks still in `dead`, or end a join awaiter that never resumed; either
  // frees such a task, unlinking it from `dead` first.
  while (ListNode* n = dead.pop_front()) {
    TaskHeader* t = static_cast<TaskHeader*>(n);
    t->link.joiner = nullptr;
    free_if_unowned(t);
  }
  sys::poller_destroy(poller_);
}

bool Executor::request_cancel(TaskHeader* start) noexcept {
  if (start->flags & kCompleted) return false;
  // A task parked on a JoinHandle forwards the request to the task it awaits
  // (contract step 3). Forwarding follows a chain iteratively, however long.
  // Each task waits on at most one other and has at most one joiner, so a
  // chain that loops at all loops back to `start`; the loop is broken there
  // by cancelling start's own wait instead of forwarding again.
  TaskHeader* t = start;
  for (;;) {
    ++t->cancel_count;
    ++stats_.cancel_requests;
    if (!(t->flags & kWaiting)) {
      t->flags |= kCancelPending;  // delivered when it next reaches an await point
      return true;
    }
    WaitNode* node = t->state.run.wait;
    forward_to_ = nullptr;
    if (node->fn(node, WaitOp::Cancel)) {
      t->flags |= kCancelPending;
      wake(t);
      return true;
    }
    TaskHeader* next = forward_to_;
    forward_to_ = nullptr;
    if (!next || (next->flags & kCompleted)) return true;
    if (next == start) {
      WaitNode* own = start->state.run.wait;
      own->fn(own, WaitOp::Detach);
      start->flags |= kCancelPending;
      wake(start);
      return true;
    }
    t = next;
  }
}

void Executor::complete_root(TaskHeader* t) noexcept {
  // A request that never reached an await point still cancels the outcome of
  // a task that returned normally, as asyncio does for a task cancelled in its
  // last step; an error the task returned wins over it.
  if ((t->flags & kCancelPending) && !(t->flags & kResultIsError)) t->flags |= kOutcomeCancelled;
  t->flags = (t->flags & ~(kCancelPending | kQueued)) | kCompleted;
  ++stats_.tasks_completed;
  if (TaskHeader* joiner = t->link.joiner) {
    t->link.joiner = nullptr;
    wake(joiner);  // kJoined stays set until the joiner takes the result
  }
  free_if_unowned(t);
}

void Executor::add_timer(TimerEntry* e) noexcept {
  if (wheel_.empty()) wheel_.catch_up(sys::monotonic_ns());
  wheel_.insert(e);
}

Result<void> Executor::add_io(IoSource* source, sys::RawFd fd, std::uint32_t interest) noexcept {
  if (!io_enabled_) return Error(ErrorKind::Runtime, "I/O driver disabled (RuntimeConfig::enable_io)");
  if (shutting_down_) return Error(ErrorKind::Runtime, "runtime is shutting down");
  PRT_TRY(sys::poller_register(poller_, fd, interest, source));
  io_sources_.push_back(source);
  ++io_count_;
  return {};
}

void Executor::remove_io(IoSource* source, sys::RawFd fd) noexcept {
  (void)sys::poller_deregister(poller_, fd);  // fails only if fd was closed first: nothing to undo
  source->unlink();
  --io_count_;
}

Result<void> Executor::run_until(TaskHeader* main) noexcept {
  if (tls_context.executor) {
    return Error(ErrorKind::Runtime, "block_on called from inside a running runtime");
  }
  ContextGuard guard(this);
  std::uint64_t timer_mode = sys::precise_timers_begin();
  Result<void> r;
  while (!(main->flags & kCompleted)) {
    ++stats_.turns;
    if (ready_count_ == 0) {
      r = wait_for_events();
    } else if (io_count_ != 0 && polls_since_io_ >= kIoPollInterval) {
      r = poll_io(0);
    }
    if (!r) break;
    if (!wheel_.empty()) fire_timers();
    run_batch();
  }
  sys::precise_timers_end(timer_mode);
  return r;
}

Result<void> Executor::wait_for_events() noexcept {
  std::int64_t next = wheel_.next_fire_ns();
  if (next == TimerWheel::kNever && io_count_ == 0) {
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
  for (int i = 0; i < *n; ++i) static_cast<IoSource*>(events[i].token)->dispatch(events[i].readiness);
  stats_.io_events += static_cast<std::uint64_t>(*n);
  return {};
}

void Executor::fire_timers() noexcept { stats_.timers_fired += wheel_.advance(sys::monotonic_ns()); }

void Executor::run_batch() noexcept {
  std::size_t n = ready_count_;
  while (n-- != 0) {
    TaskHeader* t = static_cast<TaskHeader*>(ready_.pop_front());
    --ready_count_;
    t->flags &= ~kQueued;
    if (PRT_UNLIKELY((t->flags & (kStarted | kCancelPending)) == kCancelPending)) {
      complete_root(t);  // cancelled before its first step: the body never runs
      continue;
    }
    t->flags |= kStarted;
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
  s.tasks_waiting = waiting_count_;
  s.timers_active = wheel_.size();
  s.io_sources = io_count_;
  return s;
}

}  // namespace prt::detail
