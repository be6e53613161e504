// The multi-threaded work-stealing scheduler.
//
// ---- Task states (TaskHeader::flags of a kShared task) ------------------------
// Q = kQueued, R = kRunning, W = kWaiting, C = kCompleted, P = kCancelPending.
// All changes are atomic read-modify-writes (CAS loops).
//
//   spawn                    -> Q           pushed to a run queue
//   worker pops it     Q     -> R           (clears Q and W; sets kStarted)
//   it awaits and parks      R -> R+W       park_current, under R
//   it yields                R -> Q         to_idle(), told by yield_current
//   a source wakes it  R     -> R+Q         the holder of R queues it later
//                      W     -> W+Q         the waker queues it
//   worker lets go     R     -> -           to_idle(): queues it again if Q;
//                                           runs the wait node's cancel hook if
//                                           P and W arrived while it ran
//   cancel (any thread) R or Q or not W -> +P   delivered at the next await
//                      W (idle)  -> W+R     the canceller takes R, runs the
//                                           hook, then R -> Q+P (woken) or
//                                           R -> - (passed on: JoinHandle)
//   it returns         R     -> C           complete_root
// R is exclusive: at most one thread resumes a task or runs its hook, and a
// task is in at most one run queue, pushed by whoever set Q while R was clear
// (or by the holder of R when it lets go).
//
// ---- One worker ---------------------------------------------------------------
//  1. Every kGlobalQueueInterval ticks, look at the injection queue first
//     (fairness for spawns from outside) and drive timers and I/O if no other
//     worker does (maintenance).
//  2. Run the LIFO slot (the task this worker woke last, up to kLifoLimit in a
//     row so it cannot starve the queue), else the local queue (FIFO), else a
//     batch from the injection queue.
//  3. Out of work: become a searcher (at most half the workers search), steal
//     half of a random victim's queue, or take from the injection queue.
//  4. Still nothing: park (rt/mt/idle.h has the rules that keep sleepers from
//     missing work). The first worker to park sleeps in the poller, timed by
//     the timer wheel, and drives timers and I/O for all; the others sleep on
//     their own futex word.
//
// ---- Shutdown (destroy) ---------------------------------------------------------
//  1. Set shutting_down_: spawns are refused from now on; wait for spawns
//     from outside the workers that already passed the check (foreign_spawns_).
//  2. Wake every worker; each leaves its loop at its next check, leaving its
//     queued tasks where they are. Join the worker threads.
//  3. Now single-threaded: detach every timer and I/O registration, empty the
//     run queues, and cancel every live task from the registry as the
//     single-threaded executor does (rt/executor.h, shutdown steps 3-5).
#include "scheduler.h"

#include <cstdio>
#include <new>

#include "../io.h"

namespace prt::detail {

struct alignas(64) MtScheduler::Worker {
  MtScheduler* sched = nullptr;
  std::uint32_t index = 0;
  mt::LocalQueue queue;
  mt::Parker parker;
  // Owned by the worker's thread:
  TaskHeader* lifo = nullptr;
  std::uint32_t lifo_streak = 0;
  std::uint32_t tick = 0;
  std::uint64_t rng = 0;
  bool searching = false;
  bool running_task = false;
  bool yielded = false;  // the running task yielded: to_idle() queues it
  threading::Thread thread;
  // Counters written by the worker only (load + store, no RMW), read by stats().
  std::atomic<std::uint64_t> polls{0};
  std::atomic<std::uint64_t> steals{0};
  std::atomic<std::uint64_t> parks{0};
  std::atomic<std::uint64_t> spawned{0};
  std::atomic<std::uint64_t> completed{0};

  static void bump(std::atomic<std::uint64_t>& c) noexcept {
    c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
  std::uint32_t next_random() noexcept {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return static_cast<std::uint32_t>(rng);
  }
};

namespace {
constexpr std::uint32_t kMaxInjectBatch = 32;
}  // namespace

// ---- construction ------------------------------------------------------------

MtScheduler::MtScheduler(const MtConfig& c) noexcept
    : Scheduler(true, c.enable_time, c.enable_io), nworkers_(c.workers), idle_(c.workers) {}

Result<MtScheduler*> MtScheduler::create(const MtConfig& config) noexcept {
  void* mem = PRT_ALLOC(sizeof(MtScheduler));
  if (!mem) return Error(ErrorKind::Other, "out of memory: runtime");
  auto* s = ::new (mem) MtScheduler(config);
  if (auto r = s->start(config); !r) {
    s->destroy();
    return r.error();
  }
  return s;
}

Result<void> MtScheduler::start(const MtConfig& c) noexcept {
  if (!idle_.init()) return Error(ErrorKind::Other, "out of memory: runtime");
  auto poller = sys::poller_create(c.poller_flags);
  if (!poller) return poller.error();
  poller_ = *poller;
  workers_ = static_cast<Worker*>(PRT_ALLOC(sizeof(Worker) * nworkers_));
  if (!workers_) return Error(ErrorKind::Other, "out of memory: runtime workers");
  for (std::uint32_t i = 0; i < nworkers_; ++i) {
    Worker* w = ::new (&workers_[i]) Worker();
    w->sched = this;
    w->index = i;
    w->rng = 0x9E3779B97F4A7C15ull * (i + 1);
  }
  for (std::uint32_t i = 0; i < nworkers_; ++i) {
    threading::ThreadOptions to;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%u", i);
    to.name = c.thread_name + suffix;
    to.stack_size = c.stack_size;
    Worker* w = &workers_[i];
    auto t = threading::Thread::spawn([this, w] { worker_main(*w); }, to);
    if (!t) return t.error();  // destroy() stops the ones already running
    w->thread = std::move(*t);
  }
  return {};
}

void MtScheduler::destroy() noexcept {
  shutdown();
  this->~MtScheduler();
  PRT_FREE(static_cast<void*>(this), sizeof(MtScheduler));
}

MtScheduler::~MtScheduler() = default;

void MtScheduler::shutdown() noexcept {
  threading::MutexGuard once(shutdown_lock_);
  if (shut_down_) return;
  shut_down_ = true;
  // Step 1.
  shutting_down_.store(true, std::memory_order_seq_cst);
  while (foreign_spawns_.load(std::memory_order_seq_cst) != 0) PRT_CPU_RELAX();
  // Step 2.
  if (workers_) {
    for (std::uint32_t i = 0; i < nworkers_; ++i) unpark(workers_[i]);
    if (poller_) sys::poller_wake(poller_);
    for (std::uint32_t i = 0; i < nworkers_; ++i) (void)workers_[i].thread.join();
  }
  // Step 3: nothing else runs now.
  ContextGuard guard(this);
  wheel_.detach_all();
  while (ListNode* n = io_sources_.pop_front()) static_cast<IoShared*>(n)->orphan(poller_);
  io_count_.store(0, std::memory_order_relaxed);
  while (inject_.pop_spin()) {
  }
  if (workers_) {
    for (std::uint32_t i = 0; i < nworkers_; ++i) {
      while (workers_[i].queue.pop()) {
      }
      workers_[i].lifo = nullptr;
    }
  }
  // The tasks still registered end Cancelled. kCompleted is set only once a
  // task is out of every list, and by a read-modify-write whose result
  // decides who frees it (invariant F): a JoinHandle dropped on another
  // thread at the same moment either sees kCompleted (and frees the frame,
  // which nothing links any more) or leaves the freeing to this RMW. Setting
  // it earlier let such a handle free a frame still linked in `dead`.
  List dead;
  for (Shard& shard : shards_) {
    while (ListNode* n = shard.tasks.pop_front()) {
      TaskHeader* t = static_cast<TaskHeader*>(n);
      if (flags_of(t) & kWaiting) {
        WaitNode* node = t->state.run.wait;
        node->fn(node, WaitOp::Detach);
      }
      clear_flags(t, kWaiting | kQueued | kCancelPending | kRunning);
      dead.push_back(t);
    }
  }
  while (ListNode* n = dead.pop_front()) {
    TaskHeader* t = static_cast<TaskHeader*>(n);
    t->link.joiner = nullptr;
    free_if_unowned(t, set_flags(t, kCompleted | kOutcomeCancelled));
  }
  if (workers_) {
    for (std::uint32_t i = 0; i < nworkers_; ++i) workers_[i].~Worker();
    PRT_FREE(static_cast<void*>(workers_), sizeof(Worker) * nworkers_);
    workers_ = nullptr;
  }
  if (poller_) sys::poller_destroy(std::exchange(poller_, nullptr));
  // Threads waiting in block_on see their task completed (cancelled).
  block_on_seq_.fetch_add(1, std::memory_order_release);
  sys::unpark_all(&block_on_seq_);
}

// ---- spawning and waking ----------------------------------------------------

MtScheduler::Worker* MtScheduler::current_worker() const noexcept {
  const Context& c = tls_context;
  return c.scheduler == this ? static_cast<Worker*>(c.worker) : nullptr;
}

bool MtScheduler::spawn(TaskHeader* t) noexcept {
  Worker* w = current_worker();
  if (!w) foreign_spawns_.fetch_add(1, std::memory_order_seq_cst);
  if (shutting_down_.load(std::memory_order_seq_cst)) {
    if (!w) foreign_spawns_.fetch_sub(1, std::memory_order_seq_cst);
    return false;
  }
  // Not yet visible to any other thread: plain initialisation.
  t->flags.store(kShared | kRoot | kHandleAlive | kQueued, std::memory_order_relaxed);
  t->state.run.resume = frame_of(t).address();
  t->state.run.wait = nullptr;
  {
    Shard& s = shard_of(t);
    threading::MutexGuard g(s.lock);
    s.tasks.push_back(t);
  }
  if (w) Worker::bump(w->spawned);
  else spawned_.fetch_add(1, std::memory_order_relaxed);
  schedule(t, false);
  if (!w) foreign_spawns_.fetch_sub(1, std::memory_order_seq_cst);
  return true;
}

void MtScheduler::wake(TaskHeader* t) noexcept {
  std::uint32_t f = t->flags.load(std::memory_order_acquire);
  do {
    if (f & (kCompleted | kQueued)) return;  // done, or already on its way
  } while (!t->flags.compare_exchange_weak(f, f | kQueued, std::memory_order_acq_rel, std::memory_order_acquire));
  if (f & kRunning) return;  // whoever holds R queues it when letting go
  schedule(t, false);
}

void MtScheduler::yield_current(std::coroutine_handle<> leaf) noexcept {
  // Tasks run on workers only. Under R nobody else reads the resume point;
  // Q is set by to_idle() with the same CAS that lets go of R.
  Context& ctx = tls_context;
  ctx.current->state.run.resume = leaf.address();
  static_cast<Worker*>(ctx.worker)->yielded = true;
}

void MtScheduler::schedule(TaskHeader* t, bool to_back) noexcept {
  Worker* w = current_worker();
  if (!w) {
    push_inject(t);
    notify_parked();
    return;
  }
  if (!to_back && w->running_task) {
    // The LIFO slot: a task woken by the running one runs next, hot in cache.
    t = std::exchange(w->lifo, t);
    if (!t) return;
  }
  push_local(*w, t);
  notify_parked_local();
}

void MtScheduler::push_local(Worker& w, TaskHeader* t) noexcept {
  if (!w.queue.push(t)) push_inject(t);  // full: overflow to the shared queue
}

void MtScheduler::push_inject(TaskHeader* t) noexcept {
  inject_.push(t);
  inject_len_.fetch_add(1, std::memory_order_relaxed);
}

void MtScheduler::notify_parked() noexcept {
  std::uint32_t i = idle_.worker_to_notify();
  if (i != mt::Idle::kNone) unpark(workers_[i]);
}

void MtScheduler::notify_parked_local() noexcept {
  if (idle_.may_need_wake()) notify_parked();  // R2' (rt/mt/idle.h)
}

// ---- the worker loop ------------------------------------------------------------

void MtScheduler::worker_main(Worker& w) noexcept {
  ContextGuard guard(this);
  tls_context.worker = &w;
  std::uint64_t timer_mode = sys::precise_timers_begin();
  while (!shutting_down_.load(std::memory_order_acquire)) {
    TaskHeader* t = next_task(w);
    if (!t) {
      if (!w.searching) w.searching = idle_.to_searching();
      if (w.searching) t = steal_work(w);
      if (!t) {
        park(w);
        continue;
      }
    }
    run_task(w, t);
  }
  if (w.searching) stop_searching(w);
  sys::precise_timers_end(timer_mode);
}

TaskHeader* MtScheduler::next_task(Worker& w) noexcept {
  if (++w.tick % kGlobalQueueInterval == 0) {
    maintenance(w);
    if (TaskHeader* t = pop_inject(w, false)) return t;
  }
  if (TaskHeader* t = w.queue.pop()) return t;
  return pop_inject(w, true);
}

TaskHeader* MtScheduler::pop_inject(Worker& w, bool batch) noexcept {
  if (!inject_.maybe_nonempty()) return nullptr;
  if (!inject_pop_lock_.try_lock()) return nullptr;  // another worker is taking from it
  TaskHeader* first = static_cast<TaskHeader*>(inject_.pop());
  std::int64_t taken = first ? 1 : 0;
  if (first && batch) {
    // Take a fair share into the local queue, so the others find some too.
    std::int64_t share = inject_len_.load(std::memory_order_relaxed) / nworkers_;
    std::int64_t limit = share < 1 ? 0 : (share > kMaxInjectBatch ? kMaxInjectBatch : share);
    for (; taken <= limit; ++taken) {
      auto* t = static_cast<TaskHeader*>(inject_.pop());
      if (!t) break;
      if (!w.queue.push(t)) {
        push_inject(t);  // never fails; its count is restored below
        inject_len_.fetch_sub(1, std::memory_order_relaxed);
        break;
      }
    }
  }
  inject_pop_lock_.unlock();
  if (taken) inject_len_.fetch_sub(taken, std::memory_order_relaxed);
  return first;
}

TaskHeader* MtScheduler::steal_work(Worker& w) noexcept {
  const std::uint32_t start = w.next_random() % nworkers_;
  for (std::uint32_t i = 0; i < nworkers_; ++i) {
    Worker& victim = workers_[(start + i) % nworkers_];
    if (&victim == &w) continue;
    if (TaskHeader* t = victim.queue.steal_into(w.queue)) {
      Worker::bump(w.steals);
      return t;
    }
  }
  return pop_inject(w, true);
}

void MtScheduler::stop_searching(Worker& w) noexcept {
  w.searching = false;
  // The last searcher found work: there may be more, wake another (R2).
  if (idle_.from_searching()) notify_parked();
}

void MtScheduler::run_task(Worker& w, TaskHeader* t) noexcept {
  if (w.searching) stop_searching(w);
  w.running_task = true;
  for (;;) {
    run_one(w, t);
    if (!w.lifo) break;
    if (w.lifo_streak >= kLifoLimit || shutting_down_.load(std::memory_order_relaxed)) {
      push_local(w, std::exchange(w.lifo, nullptr));  // let the queue have its turn
      // Wake a sleeper only when the queue holds more than the task just
      // moved there: this worker is awake and pops that one next (R2'), so a
      // sleeper woken for it finds nothing, parks again, and the wake-up's
      // cross-CPU cost lands on this chain's critical path. len() may count
      // tasks a thief already took, never fewer than are there, so no wake
      // that R2 needs is skipped.
      if (w.queue.len() > 1) notify_parked_local();
      break;
    }
    ++w.lifo_streak;
    t = std::exchange(w.lifo, nullptr);
  }
  w.lifo_streak = 0;
  w.running_task = false;
}

void MtScheduler::run_one(Worker& w, TaskHeader* t) noexcept {
  std::uint32_t f = t->flags.load(std::memory_order_acquire);
  std::uint32_t next;
  do {
    PRT_DEBUG_ASSERT((f & kQueued) && !(f & kRunning));
    next = (f & ~(kQueued | kWaiting)) | kRunning | kStarted;
  } while (!t->flags.compare_exchange_weak(f, next, std::memory_order_acq_rel, std::memory_order_acquire));
  Context& ctx = tls_context;
  ctx.current = t;
  ctx.current_completed = false;
  if (PRT_UNLIKELY((f & (kStarted | kCancelPending)) == kCancelPending)) {
    complete_root(t);  // cancelled before its first step: the body never runs
    ctx.current = nullptr;
    return;
  }
  ctx.budget = kBudget;
  Worker::bump(w.polls);
  std::coroutine_handle<>::from_address(t->state.run.resume).resume();
  ctx.current = nullptr;
  const bool yielded = std::exchange(w.yielded, false);
  if (ctx.current_completed) return;  // complete_root ran: the frame may be gone
  to_idle(t, yielded ? std::uint32_t{kQueued} : 0u);
}

void MtScheduler::to_idle(TaskHeader* t, std::uint32_t add) noexcept {
  std::uint32_t f = t->flags.load(std::memory_order_acquire);
  for (;;) {
    if ((f & (kCancelPending | kWaiting | kQueued)) == (kCancelPending | kWaiting)) {
      // A cancel arrived while the task ran and it parked anyway: we still
      // hold R, so run the wait node's hook now.
      if (TaskHeader* next = run_cancel_hook(t, WaitOp::Cancel)) request_cancel(next);
      return;
    }
    const std::uint32_t next = (f | add) & ~kRunning;
    if (t->flags.compare_exchange_weak(f, next, std::memory_order_acq_rel, std::memory_order_acquire)) {
      if (next & kQueued) schedule(t, true);  // yielded, or woken while it ran
      return;
    }
  }
}

// ---- cancellation -------------------------------------------------------------

// Takes R on a task that is idle and parked (W, not R, not Q), setting P with
// it. Otherwise only sets P (delivered at its next await point or when it
// leaves the CPU) and returns false. `f` gets the flags seen last.
bool MtScheduler::take_parked(TaskHeader* t, std::uint32_t& f) noexcept {
  f = t->flags.load(std::memory_order_acquire);
  for (;;) {
    if (f & kCompleted) return false;
    const bool idle_parked = (f & kWaiting) && !(f & (kRunning | kQueued));
    const std::uint32_t next = idle_parked ? (f | kRunning | kCancelPending) : (f | kCancelPending);
    if (t->flags.compare_exchange_weak(f, next, std::memory_order_acq_rel, std::memory_order_acquire)) return idle_parked;
  }
}

// Holding R (and P set): runs the hook. Returns the task to pass the cancel
// on to, if the hook forwarded it; releases R either way.
TaskHeader* MtScheduler::run_cancel_hook(TaskHeader* t, WaitOp op) noexcept {
  WaitNode* node = t->state.run.wait;
  tls_context.forward_to = nullptr;
  tls_context.cancel_on_wake = false;
  const bool deliver = node->fn(node, op);
  TaskHeader* next = std::exchange(tls_context.forward_to, nullptr);
  if (deliver || op == WaitOp::Detach) {
    release_running(t, kQueued);  // woken, with P set: Cancelled at its await point
    return nullptr;
  }
  if (std::exchange(tls_context.cancel_on_wake, false)) {
    release_running(t, 0);  // P stays: the waker's wake delivers it
    return nullptr;
  }
  // Passed on (or ignored): this task keeps waiting, not cancelled itself.
  clear_flags(t, kCancelPending);
  release_running(t, 0);
  return next;
}

void MtScheduler::release_running(TaskHeader* t, std::uint32_t add) noexcept {
  std::uint32_t f = t->flags.load(std::memory_order_acquire);
  std::uint32_t next;
  do {
    next = (f | add) & ~kRunning;
  } while (!t->flags.compare_exchange_weak(f, next, std::memory_order_acq_rel, std::memory_order_acquire));
  if (next & kQueued) schedule(t, true);  // we set Q, or a waker did while we held R
}

bool MtScheduler::request_cancel(TaskHeader* start) noexcept {
  if (flags_of(start) & kCompleted) return false;
  // Forwarding along JoinHandle waits follows a chain iteratively; a chain
  // that loops comes back to `start` (each task waits on one other and has
  // one joiner), and the loop is broken there by cancelling start's own wait.
  TaskHeader* t = start;
  for (;;) {
    t->cancel_count.fetch_add(1, std::memory_order_relaxed);
    cancels_.fetch_add(1, std::memory_order_relaxed);
    std::uint32_t f;
    if (!take_parked(t, f)) return true;
    TaskHeader* next = run_cancel_hook(t, WaitOp::Cancel);
    if (!next || (flags_of(next) & kCompleted)) return true;
    if (next == start) {
      if (take_parked(start, f)) (void)run_cancel_hook(start, WaitOp::Detach);
      return true;
    }
    t = next;
  }
}

void MtScheduler::complete_root(TaskHeader* t) noexcept {
  {
    Shard& s = shard_of(t);
    threading::MutexGuard g(s.lock);
    t->unlink();  // from the registry
  }
  // Counted before kCompleted is published: whoever observes the completion
  // (acquire on the flags, directly or through a chain of joins) then also
  // observes the count, so stats() read after block_on returns is exact.
  // Counting after the CAS let a joiner finish the run while this worker was
  // preempted between the two, and stats() came up one short.
  if (Worker* w = current_worker()) {
    Worker::bump(w->completed);
  } else {
    completed_.fetch_add(1, std::memory_order_relaxed);
  }
  std::uint32_t f = t->flags.load(std::memory_order_acquire);
  std::uint32_t next;
  do {
    next = (f | kCompleted) & ~(kCancelPending | kQueued | kRunning);
    // A request that never reached an await point cancels a normal return;
    // an error the task returned wins over it.
    if ((f & kCancelPending) && !(f & kResultIsError)) next |= kOutcomeCancelled;
  } while (!t->flags.compare_exchange_weak(f, next, std::memory_order_acq_rel, std::memory_order_acquire));
  tls_context.current_completed = true;
  if (next & kJoined) {
    // kJoined was set (release) after link.joiner was written; our CAS read it.
    if (TaskHeader* joiner = t->link.joiner) wake(joiner);
  }
  if (next & kBlockOn) {
    block_on_seq_.fetch_add(1, std::memory_order_release);
    sys::unpark_all(&block_on_seq_);
  }
  free_if_unowned(t, next);
}

// ---- parking and drivers --------------------------------------------------------

void MtScheduler::unpark(Worker& w) noexcept {
  if (w.parker.state.exchange(mt::Parker::kNotified, std::memory_order_seq_cst) != mt::Parker::kParked) return;
  if (w.parker.in_driver.load(std::memory_order_seq_cst)) {
    sys::poller_wake(poller_);
  } else {
    sys::unpark_one(&w.parker.state);
  }
}

bool MtScheduler::work_pending() const noexcept {
  // R3 (rt/mt/idle.h): pairs with the fence in worker_to_notify. A pusher
  // whose fence comes after ours in the total order sees us parked and wakes
  // a sleeper; otherwise our loads below see its push.
  std::atomic_thread_fence(std::memory_order_seq_cst);
  if (inject_.maybe_nonempty()) return true;
  for (std::uint32_t i = 0; i < nworkers_; ++i) {
    if (workers_[i].queue.has_stealable()) return true;
  }
  return false;
}

void MtScheduler::park(Worker& w) noexcept {
  const bool last_searcher = idle_.to_parked(w.index, w.searching);
  w.searching = false;
  if (last_searcher && work_pending()) notify_parked();  // R3; may notify ourselves
  Worker::bump(w.parks);
  // The first worker to sleep drives timers and I/O; the others sleep on
  // their own word.
  if (driver_lock_.try_lock()) {
    park_in_driver(w);
    driver_lock_.unlock();
  } else {
    park_on_futex(w);
  }
  // Notified: a notifier took us out of the sleepers and counted us as
  // searching. Otherwise (driver event, timer, shutdown) leave by ourselves.
  // A notification that arrives after this is a spurious wake-up later.
  if (!idle_.unpark_self(w.index)) w.searching = true;
  w.parker.state.store(mt::Parker::kEmpty, std::memory_order_seq_cst);
}

void MtScheduler::park_on_futex(Worker& w) noexcept {
  w.parker.in_driver.store(false, std::memory_order_seq_cst);
  std::uint32_t expected = mt::Parker::kEmpty;
  if (!w.parker.state.compare_exchange_strong(expected, mt::Parker::kParked, std::memory_order_seq_cst)) return;
  while (w.parker.state.load(std::memory_order_seq_cst) == mt::Parker::kParked &&
         !shutting_down_.load(std::memory_order_acquire)) {
    sys::park(&w.parker.state, mt::Parker::kParked, -1);
  }
}

void MtScheduler::park_in_driver(Worker& w) noexcept {
  w.parker.in_driver.store(true, std::memory_order_seq_cst);
  std::uint32_t expected = mt::Parker::kEmpty;
  if (!w.parker.state.compare_exchange_strong(expected, mt::Parker::kParked, std::memory_order_seq_cst)) {
    w.parker.in_driver.store(false, std::memory_order_seq_cst);
    return;  // notified meanwhile
  }
  std::int64_t timeout = -1;
  lock_timers();
  std::int64_t next = wheel_.next_fire_ns();
  driver_deadline_ = next == TimerWheel::kNever ? INT64_MAX : next;
  unlock_timers();
  if (next != TimerWheel::kNever) {
    std::int64_t now = sys::monotonic_ns();
    timeout = next > now ? next - now : 0;
  }
  driver_waits_.fetch_add(1, std::memory_order_relaxed);
  drive(timeout);
  w.parker.in_driver.store(false, std::memory_order_seq_cst);
}

void MtScheduler::drive(std::int64_t timeout_ns) noexcept {
  constexpr int kEvents = 64;
  sys::PollEvent events[kEvents];
  auto n = sys::poller_wait(poller_, events, kEvents, timeout_ns);
  if (n && *n > 0) {
    for (int i = 0; i < *n; ++i) static_cast<IoShared*>(events[i].token)->dispatch(events[i].readiness);
    io_events_.fetch_add(static_cast<std::uint64_t>(*n), std::memory_order_relaxed);
  }
  lock_timers();
  driver_deadline_ = INT64_MIN;
  std::size_t fired = wheel_.empty() ? 0 : wheel_.advance(sys::monotonic_ns());
  unlock_timers();
  if (fired) timers_fired_.fetch_add(fired, std::memory_order_relaxed);
}

void MtScheduler::maintenance(Worker&) noexcept {
  if (!driver_lock_.try_lock()) return;  // someone drives already
  drive(0);
  driver_lock_.unlock();
}

void MtScheduler::lock_timers() noexcept {
  timer_lock_.lock();
  timer_owner_.store(&tls_context, std::memory_order_relaxed);
}

void MtScheduler::unlock_timers() noexcept {
  timer_owner_.store(nullptr, std::memory_order_relaxed);
  timer_lock_.unlock();
}

void MtScheduler::add_timer(TimerEntry* e) noexcept {
  const bool reentrant = timer_owner_.load(std::memory_order_relaxed) == &tls_context;
  if (!reentrant) lock_timers();
  if (wheel_.empty()) wheel_.catch_up(sys::monotonic_ns());
  wheel_.insert(e);
  const bool kick = e->deadline_ns < driver_deadline_;  // earlier than the driver sleeps
  if (!reentrant) unlock_timers();
  if (kick) sys::poller_wake(poller_);
}

void MtScheduler::remove_timer(TimerEntry* e) noexcept {
  // A timer hook that fires under timer_lock_ (a timeout cancelling its task)
  // may remove timers on the same thread: do not lock twice.
  const bool reentrant = timer_owner_.load(std::memory_order_relaxed) == &tls_context;
  if (!reentrant) lock_timers();
  if (e->linked()) wheel_.remove(e);
  if (!reentrant) unlock_timers();
}

Result<void> MtScheduler::add_io(IoShared* io, sys::RawFd fd, std::uint32_t interest) noexcept {
  if (!io_enabled_) return Error(ErrorKind::Runtime, "I/O driver disabled (RuntimeConfig::enable_io)");
  if (shutting_down()) return Error(ErrorKind::Runtime, "runtime is shutting down");
  threading::MutexGuard g(io_lock_);
  PRT_TRY(sys::poller_register(poller_, fd, interest, io));
  io_sources_.push_back(io);
  io_count_.fetch_add(1, std::memory_order_relaxed);
  return {};
}

void MtScheduler::remove_io(IoShared* io) noexcept {
  // The driver may hold an event for `io` it has not dispatched yet: take the
  // driver lock (waking a driver that sleeps) before dropping the reference.
  sys::poller_wake(poller_);
  driver_lock_.lock();
  (void)sys::poller_deregister(poller_, io->fd);
  driver_lock_.unlock();
  {
    threading::MutexGuard g(io_lock_);
    io->unlink();
  }
  io_count_.fetch_sub(1, std::memory_order_relaxed);
  io->release();
}

void MtScheduler::rearm_io(IoShared* io, std::uint32_t directions) noexcept {
  // Level-triggered pollers exist only on targets without threads; epoll's
  // rearm does nothing, so no driver lock is needed here.
  sys::poller_rearm(poller_, io->fd, directions);
}

// ---- block_on and stats -----------------------------------------------------------

Result<void> MtScheduler::run_until(TaskHeader* main) noexcept {
  if (tls_context.scheduler) return Error(ErrorKind::Runtime, "block_on called from inside a running runtime");
  set_flags(main, kBlockOn);
  for (;;) {
    const std::uint32_t seq = block_on_seq_.load(std::memory_order_acquire);
    if (flags_of(main) & kCompleted) return {};
    sys::park(&block_on_seq_, seq, -1);
  }
}

RuntimeStats MtScheduler::stats() const noexcept {
  RuntimeStats s;
  s.tasks_spawned = spawned_.load(std::memory_order_relaxed);
  s.tasks_completed = completed_.load(std::memory_order_relaxed);
  s.cancel_requests = cancels_.load(std::memory_order_relaxed);
  s.timers_fired = timers_fired_.load(std::memory_order_relaxed);
  s.io_events = io_events_.load(std::memory_order_relaxed);
  s.driver_waits = driver_waits_.load(std::memory_order_relaxed);
  for (std::uint32_t i = 0; workers_ && i < nworkers_; ++i) {
    const Worker& w = workers_[i];
    s.polls += w.polls.load(std::memory_order_relaxed);
    s.steals += w.steals.load(std::memory_order_relaxed);
    s.parks += w.parks.load(std::memory_order_relaxed);
    s.tasks_spawned += w.spawned.load(std::memory_order_relaxed);
    s.tasks_completed += w.completed.load(std::memory_order_relaxed);
  }
  s.tasks_alive = static_cast<std::size_t>(s.tasks_spawned - s.tasks_completed);
  s.io_sources = io_count_.load(std::memory_order_relaxed);
  s.workers = nworkers_;
  return s;
}

}  // namespace prt::detail
