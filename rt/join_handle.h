// prt::JoinHandle<T> — the owner's view of a spawned task.
//
//   auto h = prt::spawn(work());         // runs concurrently from now on
//   prt::Result<int> r = co_await h;     // its result, or its error
//   h.abort();                           // cancel it at its await point
//
// Rules:
//  - co_await yields the task's Result<T>. Awaiting again after that yields
//    ErrorKind::Join ("already taken"); so does awaiting an empty handle.
//  - Only one task may wait on a handle at a time; a second concurrent waiter
//    gets ErrorKind::Join at once. A task cannot await its own handle.
//  - abort() asks the task to stop: it is resumed at its current await point,
//    which yields ErrorKind::Cancelled; a task that never started never runs.
//    Aborting a finished task does nothing.
//  - A task waiting on a handle that is itself cancelled passes the cancel on
//    to the awaited task and keeps waiting for it to finish, as asyncio does
//    when a task awaiting another task is cancelled. A timeout around
//    `co_await handle` therefore cancels the task it times out.
//  - Dropping the handle detaches the task: it runs on, and its frame is freed
//    when it completes.
#pragma once

#include <coroutine>
#include <utility>

#include "executor.h"
#include "task.h"

namespace prt {

namespace detail {
struct Spawner;
}

template <class T>
class [[nodiscard]] JoinHandle {
 public:
  using promise_type = detail::TaskPromise<T>;
  using handle_type = std::coroutine_handle<promise_type>;

  JoinHandle() noexcept = default;
  JoinHandle(JoinHandle&& other) noexcept
      : h_(std::exchange(other.h_, {})), executor_(other.executor_), failure_(other.failure_) {}
  JoinHandle& operator=(JoinHandle&& other) noexcept {
    if (this != &other) {
      release();
      h_ = std::exchange(other.h_, {});
      executor_ = other.executor_;
      failure_ = other.failure_;
    }
    return *this;
  }
  JoinHandle(const JoinHandle&) = delete;
  JoinHandle& operator=(const JoinHandle&) = delete;
  ~JoinHandle() { release(); }

  // True once the task has completed (or the handle holds no task).
  bool is_finished() const noexcept { return !h_ || (header()->flags & detail::kCompleted); }

  // Cancels the task at its current or next await point. No-op once finished.
  void abort() noexcept {
    if (!h_ || (header()->flags & detail::kCompleted)) return;
    detail::ContextGuard guard(executor_);
    executor_->request_cancel(header());
  }

  // Takes the result of a finished task without awaiting (for code outside
  // any task, such as Runtime::block_on). ErrorKind::Join if not finished.
  Result<T> take() noexcept {
    if (!h_) return failure_;
    if (!(header()->flags & detail::kCompleted)) return Error(ErrorKind::Join, "task has not finished");
    Result<T> r = h_.promise().take_result();
    release();
    failure_ = detail::taken_error();
    return r;
  }

  struct Awaiter : detail::WaitNode {
    explicit Awaiter(JoinHandle* handle) noexcept : self(handle) {}

    JoinHandle* self;
    detail::TaskHeader* waiter = nullptr;
    ErrorSlot refused;

    bool await_ready() const noexcept { return self->is_finished(); }

    bool await_suspend(std::coroutine_handle<> leaf) noexcept {
      using namespace detail;
      Context& ctx = tls_context;
      TaskHeader* target = self->header();
      if (!ctx.current) {
        refused = Error(ErrorKind::Runtime, "JoinHandle awaited outside a prt task");
        return false;
      }
      if (target == ctx.current) {
        refused = Error(ErrorKind::Join, "a task cannot await its own JoinHandle");
        return false;
      }
      if (target->link.joiner) {
        refused = Error(ErrorKind::Join, "JoinHandle is already being awaited by another task");
        return false;
      }
      if (self->executor_ != ctx.executor) {
        refused = Error(ErrorKind::Join, "JoinHandle awaited from another runtime");
        return false;
      }
      waiter = ctx.current;
      if (waiter->flags & kCancelPending) return false;  // contract step 1
      fn = &on_event;
      target->link.joiner = waiter;
      ctx.executor->park_current(this, leaf);
      return true;
    }

    Result<T> await_resume() noexcept {
      if (refused.has_error()) return refused.error();
      if (waiter && detail::consume_cancel(waiter)) return Error::cancelled();  // result stays
      return self->take();
    }

    static bool on_event(detail::WaitNode* node, detail::WaitOp op) noexcept {
      auto* a = static_cast<Awaiter*>(node);
      detail::TaskHeader* target = a->self->header();
      if (op == detail::WaitOp::Cancel) {
        // Pass the cancel on and keep waiting for the task to wind down.
        detail::tls_context.executor->request_cancel(target);
        return false;
      }
      if (target->link.joiner == a->waiter) target->link.joiner = nullptr;
      return true;
    }
  };

  Awaiter operator co_await() & noexcept { return Awaiter(this); }
  Awaiter operator co_await() && noexcept { return Awaiter(this); }

 private:
  friend struct detail::Spawner;

  JoinHandle(handle_type h, detail::Executor* e) noexcept : h_(h), executor_(e) {}
  explicit JoinHandle(Error failure) noexcept : failure_(failure) {}

  detail::TaskHeader* header() const noexcept { return &h_.promise(); }

  void release() noexcept {
    if (!h_) return;
    detail::TaskHeader* t = header();
    if (t->flags & detail::kCompleted) {
      if (t->linked()) t->unlink();  // still in the dead list of a shutdown
      std::exchange(h_, {}).destroy();
    } else {
      t->flags &= ~detail::kHandleAlive;  // detached: the task frees itself
      h_ = {};
    }
  }

  handle_type h_;
  detail::Executor* executor_ = nullptr;
  Error failure_{ErrorKind::Join, "empty JoinHandle"};
};

namespace detail {
// The one place a Task becomes a root task of an executor (Runtime::spawn,
// prt::spawn and block_on all come here).
struct Spawner {
  template <class T>
  static JoinHandle<T> spawn(Executor* e, Task<T> task) noexcept {
    if (!task.valid()) return JoinHandle<T>(Error(ErrorKind::Spawn, "spawn of an empty Task (moved from, or out of memory)"));
    if (!e) return JoinHandle<T>(Error(ErrorKind::Spawn, "spawn called outside a runtime"));
    if (e->shutting_down()) return JoinHandle<T>(Error(ErrorKind::Spawn, "runtime is shutting down"));
    auto h = task.release();
    e->spawn(&h.promise());
    return JoinHandle<T>(h, e);
  }
  template <class T>
  static TaskHeader* header(const JoinHandle<T>& h) noexcept {
    return h.h_ ? h.header() : nullptr;
  }
};
}  // namespace detail

}  // namespace prt
