// prt::Task<T> — a lazy coroutine returning Result<T>.
//
//   prt::Task<int> answer() { co_await prt::sleep(1ms); co_return 42; }
//   prt::Task<> hello() { std::puts("hi"); co_return prt::ok(); }
//
// A Task does nothing until it is awaited (it then runs inline in the
// awaiting task, entered and left by symmetric transfer, so deep chains use
// no stack) or spawned (it then becomes a root task its scheduler runs;
// see rt/join_handle.h). Every Task<T> body ends in `co_return value;`,
// `co_return error;` or, for Task<void>, `co_return prt::ok();` / `co_return {};`.
// Flowing off the end is undefined behaviour in C++ for such coroutines;
// clang warns about it (-Wreturn-type), and prt reports it as an error when
// it can see it.
//
// Frames are allocated through PRT_FRAME_ALLOC (rt/config.h). When that
// fails, the call returns an empty Task, and awaiting or spawning it reports
// ErrorKind::Other; nothing throws.
//
// ---- The await-point contract ---------------------------------------------
// Every prt awaitable that suspends a task follows these steps, which is what
// makes cancellation reach every await point:
//  1. await_suspend reads the running task from the thread's context. If a
//     cancel request is pending it does not suspend (returns false).
//  2. Otherwise it registers a WaitNode with its event source and parks the
//     task (park_current, rt/scheduler.h): the task is not run again until
//     the source wakes it (Scheduler::wake).
//  3. A cancel request on a parked task calls node->fn(node, WaitOp::Cancel),
//     on a thread that holds the task exclusively (the task is not running
//     anywhere). The hook unregisters from the source (under the source's
//     own lock on a multi-threaded runtime) and returns true; the scheduler
//     marks the cancel pending and wakes the task. A hook may instead pass the
//     request on (awaiting a JoinHandle cancels the awaited task, as asyncio
//     does, through forward_cancel) and return false: the task stays parked
//     until the source fires. A source that another thread may already have
//     committed to waking (the waker took the node and is about to call
//     Scheduler::wake) calls cancel_on_wake() and returns false: the task
//     stays parked with the request pending, and the wake in flight resumes
//     it into step 4. Returning true there would let the task run on while
//     that wake is still coming, and the late wake would hit whatever the
//     task waits on next.
//  4. await_resume first consumes a pending cancel request (consume_cancel):
//     if there was one, the await yields ErrorKind::Cancelled, and whatever the
//     source handed over is given back. Otherwise it yields the source's result.
//  5. node->fn(node, WaitOp::Detach) unregisters without waking: at shutdown,
//     and when a cancel forwarded along JoinHandle waits comes back to the
//     task it started from (a join cycle), which is then woken directly.
// Hooks run with the owning scheduler installed in the thread's context.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "intrusive_list.h"
#include "memory.h"
#include "mpsc_queue.h"
#include "result.h"

namespace prt {

template <class T = void>
class Task;

namespace detail {

class Scheduler;

enum class WaitOp : std::uint8_t {
  Fire,    // a timer entry's deadline passed (rt/timer_wheel.h)
  Cancel,  // the parked task was cancelled: unregister, return true to be woken
  Detach,  // unregister, wake nobody (shutdown; breaking a join cycle)
};

// What a parked task waits on. One function pointer serves every operation so
// the node stays one word; timer entries extend it (TimerEntry).
struct WaitNode {
  using Fn = bool (*)(WaitNode* node, WaitOp op) noexcept;
  Fn fn = nullptr;
};

// TaskHeader::flags, one atomic word.
//
// A task of a single-threaded runtime is touched by that runtime's thread
// only: its flags change with plain loads and stores. A task of a
// multi-threaded runtime carries kShared and changes them with atomic
// read-modify-writes (set_flags/clear_flags below), because wakers, cancellers
// and its JoinHandle may act from other threads. There, kRunning grants
// exclusive access to the task: the worker running it holds it, and so does a
// canceller running a parked task's wait-node hook (rt/mt/scheduler.cpp has
// the transition table).
enum TaskFlag : std::uint32_t {
  kQueued = 1u << 0,            // in a run queue (or to be queued by whoever holds kRunning)
  kWaiting = 1u << 1,           // parked: run.wait is set
  kStarted = 1u << 2,           // resumed at least once
  kCompleted = 1u << 3,         // reached its final suspend point (or never will run)
  kCancelPending = 1u << 4,     // a cancel request awaits delivery at an await point
  kRoot = 1u << 5,              // spawned: run by a scheduler, joined by a handle
  kHandleAlive = 1u << 6,       // a JoinHandle still refers to the task
  kResultSet = 1u << 7,         // co_return stored a result
  kOutcomeCancelled = 1u << 8,  // the outcome is Cancelled, whatever was stored
  kResultTaken = 1u << 9,       // the result was moved out
  kJoined = 1u << 10,           // a joiner is registered and has not taken the result yet
  kResultIsError = 1u << 11,    // the stored result holds an error
  kRunning = 1u << 12,          // multi-threaded: some thread holds the task exclusively
  kShared = 1u << 13,           // belongs to a multi-threaded runtime: use atomic RMW
  kBlockOn = 1u << 14,          // a block_on waits for it: completion signals the waiter
  kExternalWait = 1u << 15,     // single-threaded: parked on something another thread may complete
};

// Invariant F (frame ownership): a root task's frame is freed exactly when
// kCompleted is set and kHandleAlive and kJoined are both clear. Whoever
// makes the last of the three true frees it, through free_if_unowned: the
// task itself on completion (Scheduler::complete_root), its JoinHandle when
// dropped, its joiner after taking the result, or the runtime's shutdown.

// Where a parked or queued task resumes, and what it waits on.
struct RunState {
  void* resume;    // coroutine frame to resume: the innermost awaiting Task
  WaitNode* wait;  // set while kWaiting
};

// The head of every Task's promise. Layout (x86-64, 56 bytes):
//   prev, next        16  ListNode: the scheduler's registry of live root
//                         tasks (what shutdown walks); a shutdown's dead list
//   queue next         8  MpscNode: the run-queue link (a ready FIFO, the
//                         injection queue, a remote-wake queue)
//   flags              4  TaskFlag bits (atomic)
//   cancel_count       4  cancel requests not yet withdrawn (asyncio's
//                         Task.cancelling()); timeouts withdraw theirs
//   link               8  root: the task parked on its JoinHandle;
//                         inline: the awaiting coroutine to transfer to
//   state             16  RunState while the task can run; for Task<void>,
//                         its outcome once it has completed
//
// alignas(8): a promise must be no more aligned than its header (Task's
// static_assert), and results of 8-byte types (int64_t, double, a
// time_point) need 8 even where pointers take 4 (wasm32). No change on
// 64-bit targets, where the header is 8-aligned anyway.
struct alignas(8) TaskHeader : ListNode, MpscNode {
  std::atomic<std::uint32_t> flags{0};
  std::atomic<std::uint32_t> cancel_count{0};
  union Link {
    TaskHeader* joiner;
    void* continuation;
  } link{nullptr};
  union State {
    RunState run;
    ErrorSlot void_result;
    State() noexcept : run{nullptr, nullptr} {}
  } state;
};

// ---- flag access ------------------------------------------------------------
// Loads are acquire: a flag seen set (kCompleted, kResultSet) makes the data
// it guards (the result, the frame) visible, on every runtime kind.
inline std::uint32_t flags_of(const TaskHeader* t) noexcept { return t->flags.load(std::memory_order_acquire); }

// Set / clear bits and return the new value: an atomic RMW (acq_rel) for
// kShared tasks, plain load and store otherwise (one thread only).
inline std::uint32_t set_flags(TaskHeader* t, std::uint32_t bits) noexcept {
  std::uint32_t f = t->flags.load(std::memory_order_relaxed);
  if (f & kShared) return t->flags.fetch_or(bits, std::memory_order_acq_rel) | bits;
  t->flags.store(f | bits, std::memory_order_relaxed);
  return f | bits;
}
inline std::uint32_t clear_flags(TaskHeader* t, std::uint32_t bits) noexcept {
  std::uint32_t f = t->flags.load(std::memory_order_relaxed);
  if (f & kShared) return t->flags.fetch_and(~bits, std::memory_order_acq_rel) & ~bits;
  t->flags.store(f & ~bits, std::memory_order_relaxed);
  return f & ~bits;
}

// The running task and its scheduler, per thread. constinit and trivially
// destructible: reading it is one thread-local load, no guard.
struct Context {
  Scheduler* scheduler = nullptr;
  TaskHeader* current = nullptr;
  TaskHeader* forward_to = nullptr;  // set by forward_cancel during a cancel request
  bool cancel_on_wake = false;       // set by cancel_on_wake during a cancel request
  void* worker = nullptr;            // the multi-threaded worker running here, if any
  bool current_completed = false;    // set when the task being run completed
  std::uint32_t budget = 0;          // ready awaits left in this poll; 0: no budget
};
inline constinit thread_local Context tls_context{};

// Cooperative budget. A multi-threaded worker gives each poll a budget
// (MtScheduler::kBudget); an await that could complete without suspending
// (the value is there, the task finished, the handle is ready) spends one
// unit, and when the budget is spent it suspends anyway and yields, so a
// task whose awaits are always ready cannot hold a worker, and the tasks
// queued behind it, for ever. The single-threaded executor sets no budget:
// asyncio never yields at an await that is already satisfied, and the FIFO
// order there must be asyncio's.
//
// True: complete now. False: yield instead (scheduler->yield_current), and
// complete when resumed.
inline bool coop_spend() noexcept {
  std::uint32_t& b = tls_context.budget;
  if (b == 0) return true;   // no budget on this thread
  if (b == 1) return false;  // spent; stays spent until the next poll
  --b;
  return true;
}

// Step 4 of the contract: true (and the request is consumed) when a cancel
// request is pending on `task`.
inline bool consume_cancel(TaskHeader* task) noexcept {
  std::uint32_t f = task->flags.load(std::memory_order_relaxed);
  if (PRT_LIKELY(!(f & kCancelPending))) return false;
  if (!(f & kShared)) {
    task->flags.store(f & ~kCancelPending, std::memory_order_relaxed);
    return true;
  }
  // Only the task consumes, cancellers only set: still an RMW, so that a
  // concurrent change to another bit is not lost.
  return task->flags.fetch_and(~kCancelPending, std::memory_order_acq_rel) & kCancelPending;
}

// Withdraws one cancel request that the caller (a timeout, a task group)
// made on `task`, given `baseline`, the task's cancel_count when the caller
// began. True when no request made since then is left; the withdrawn request
// may not have reached an await point yet (the operation finished first), so
// then it must not reach the next one either: the pending flag goes too.
// asyncio's Task.uncancel() with the check its timeouts and task groups make.
inline bool withdraw_cancel(TaskHeader* task, std::uint32_t baseline) noexcept {
  std::uint32_t left = task->cancel_count.fetch_sub(1, std::memory_order_relaxed) - 1;
  if (left > baseline) return false;
  clear_flags(task, kCancelPending);
  return true;
}

// The pending-cancel check of contract step 1.
inline bool cancel_pending(const TaskHeader* task) noexcept {
  return task->flags.load(std::memory_order_acquire) & kCancelPending;
}

// Completes a root task through its scheduler (rt/scheduler.cpp).
void complete_root(TaskHeader* task) noexcept;

struct PromiseBase : TaskHeader {
  static void* operator new(std::size_t size) noexcept { return PRT_FRAME_ALLOC(size); }
  static void operator delete(void* ptr, std::size_t size) noexcept { PRT_FRAME_FREE(ptr, size); }

  std::suspend_always initial_suspend() noexcept { return {}; }

  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      TaskHeader& t = h.promise();
      if (t.flags.load(std::memory_order_relaxed) & kRoot) {
        complete_root(&t);  // may destroy the frame: touch nothing after it
        return std::noop_coroutine();
      }
      set_flags(&t, kCompleted);  // an inline task: never kShared
      void* c = t.link.continuation;
      return c ? std::coroutine_handle<>::from_address(c) : std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }

  void unhandled_exception() noexcept {
    PRT_ABORT("an exception escaped a prt::Task; prt code is built without exceptions");
  }
};

// The frame of a task from its header alone (shutdown and JoinHandle<T> use
// it). Every TaskPromise<T> has PromiseBase at offset zero and PromiseBase's
// alignment (asserted below), so the frame address computed for PromiseBase
// is the frame of the real promise type.
inline std::coroutine_handle<> frame_of(TaskHeader* t) noexcept {
  return std::coroutine_handle<PromiseBase>::from_promise(*static_cast<PromiseBase*>(t));
}
inline void destroy_frame(TaskHeader* t) noexcept { frame_of(t).destroy(); }

// Frees a root frame if invariant F says nobody owns it any more, given the
// flags that the caller's own change just produced.
inline void free_if_unowned(TaskHeader* t, std::uint32_t now) noexcept {
  if ((now & (kCompleted | kHandleAlive | kJoined)) != kCompleted) return;
  if (t->linked()) t->unlink();  // still in the dead list of a shutdown
  destroy_frame(t);
}

// Gives up a claim on a root frame (kHandleAlive or kJoined) and frees it if
// that was the last one (invariant F). On a kShared task exactly one thread's
// change produces the final state, so exactly one thread frees.
inline void release_claim(TaskHeader* t, std::uint32_t claim) noexcept { free_if_unowned(t, clear_flags(t, claim)); }

inline Error empty_task_error() noexcept {
  return Error(ErrorKind::Other, "empty Task: moved from, or its frame allocation failed");
}
inline Error no_result_error() noexcept {
  return Error(ErrorKind::Other, "task body ended without co_return");
}
inline Error taken_error() noexcept {
  return Error(ErrorKind::Join, "task result already taken (awaited twice)");
}

template <class T>
struct TaskPromise : PromiseBase {
  TaskPromise() noexcept {}
  ~TaskPromise() {
    if (flags.load(std::memory_order_relaxed) & kResultSet) result_.~Result<T>();
  }

  Task<T> get_return_object() noexcept;
  static Task<T> get_return_object_on_allocation_failure() noexcept;

  void return_value(Result<T> r) noexcept(std::is_nothrow_move_constructible_v<T>) {
    const bool ok = r.ok();
    ::new (static_cast<void*>(&result_)) Result<T>(std::move(r));
    set_flags(this, ok ? kResultSet : (kResultSet | kResultIsError));
  }

  // Moves the outcome out; a second call reports taken_error().
  Result<T> take_result() noexcept {
    std::uint32_t f = flags_of(this);
    if (f & kOutcomeCancelled) return Error::cancelled();
    if (f & kResultTaken) return taken_error();
    if (!(f & kResultSet)) return no_result_error();
    set_flags(this, kResultTaken);
    return std::move(result_);
  }

  union {
    Result<T> result_;
  };
};

template <>
struct TaskPromise<void> : PromiseBase {
  Task<void> get_return_object() noexcept;
  static Task<void> get_return_object_on_allocation_failure() noexcept;

  // The outcome of a void task fits in the header's state, which the task
  // no longer needs once it returns: this saves 16 bytes per task.
  void return_value(Result<void> r) noexcept {
    ::new (static_cast<void*>(&state.void_result)) ErrorSlot(r.ok() ? ErrorSlot() : ErrorSlot(r.error()));
    set_flags(this, r.ok() ? kResultSet : (kResultSet | kResultIsError));
  }

  Result<void> take_result() noexcept {
    std::uint32_t f = flags_of(this);
    if (f & kOutcomeCancelled) return Error::cancelled();
    if (f & kResultTaken) return taken_error();
    if (!(f & kResultSet)) return no_result_error();
    set_flags(this, kResultTaken);
    return Result<void>(state.void_result);
  }
};

}  // namespace detail

template <class T>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::TaskPromise<T>;
  using handle_type = std::coroutine_handle<promise_type>;
  using value_type = T;

  static_assert(alignof(promise_type) == alignof(detail::PromiseBase),
                "over-aligned task results are not supported: return them boxed");

  Task() noexcept = default;
  explicit Task(handle_type h) noexcept : h_(h) {}
  Task(Task&& other) noexcept : h_(std::exchange(other.h_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      reset();
      h_ = std::exchange(other.h_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { reset(); }

  // False for a moved-from Task or one whose frame could not be allocated.
  bool valid() const noexcept { return static_cast<bool>(h_); }

  struct Awaiter {
    handle_type h;
    bool await_ready() const noexcept { return !h || h.done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
      h.promise().link.continuation = caller.address();
      return h;  // symmetric transfer: run the child now, on this stack frame
    }
    Result<T> await_resume() noexcept {
      if (!h) return detail::empty_task_error();
      return h.promise().take_result();
    }
  };
  Awaiter operator co_await() & noexcept { return Awaiter{h_}; }
  Awaiter operator co_await() && noexcept { return Awaiter{h_}; }

  // Gives up ownership of the frame (spawn uses this).
  handle_type release() noexcept { return std::exchange(h_, {}); }

 private:
  void reset() noexcept {
    if (h_) std::exchange(h_, {}).destroy();
  }
  handle_type h_;
};

namespace detail {
template <class T>
Task<T> TaskPromise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<TaskPromise<T>>::from_promise(*this));
}
template <class T>
Task<T> TaskPromise<T>::get_return_object_on_allocation_failure() noexcept {
  return Task<T>();
}
inline Task<void> TaskPromise<void>::get_return_object() noexcept {
  return Task<void>(std::coroutine_handle<TaskPromise<void>>::from_promise(*this));
}
inline Task<void> TaskPromise<void>::get_return_object_on_allocation_failure() noexcept {
  return Task<void>();
}
}  // namespace detail

}  // namespace prt
