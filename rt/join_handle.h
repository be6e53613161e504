// prt::JoinHandle<T> — the owner's view of a spawned task.
//
//   auto h = prt::spawn(work());         // runs concurrently from now on
//   prt::Result<int> r = co_await h;     // its result, or its error
//   h.abort();                           // cancel it at its await point
//
// Rules:
//  - co_await yields the task's Result<T>, and the task's frame is freed
//    then. Awaiting again yields ErrorKind::Join ("already taken"); so does
//    awaiting an empty handle.
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
//  - A task's locals are destroyed when its body returns, but its
//    parameters, like every coroutine's, live as long as its frame: until the
//    handle takes the result or is dropped. A parameter whose lifetime
//    matters (a channel sender, a lock guard) belongs in a local:
//      Task<> producer(Sender<int> tx_param) { auto tx = std::move(tx_param); ... }
//  - A handle may be moved, or dropped, while a task waits on it: the waiter
//    holds its own reference to the task (invariant F in rt/task.h), and the
//    handle and its waiter keep pointers to each other up to date.
#pragma once

#include <coroutine>
#include <utility>

#include "scheduler.h"
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
  class Awaiter;

  JoinHandle() noexcept = default;
  JoinHandle(JoinHandle&& other) noexcept { adopt(other); }
  JoinHandle& operator=(JoinHandle&& other) noexcept {
    if (this != &other) {
      release();
      adopt(other);
    }
    return *this;
  }
  JoinHandle(const JoinHandle&) = delete;
  JoinHandle& operator=(const JoinHandle&) = delete;
  ~JoinHandle() { release(); }

  // True once the task has completed (or the handle holds no task).
  bool is_finished() const noexcept { return !h_ || (detail::flags_of(header()) & detail::kCompleted); }

  // Cancels the task at its current or next await point. No-op once finished.
  void abort() noexcept {
    if (!h_ || (detail::flags_of(header()) & detail::kCompleted)) return;
    detail::ContextGuard guard(scheduler_);
    scheduler_->request_cancel(header());
  }

  // Takes the result of a finished task without awaiting (for code outside
  // any task, such as Runtime::block_on). ErrorKind::Join if not finished.
  Result<T> take() noexcept {
    if (!h_) return failure_;
    if (!(detail::flags_of(header()) & detail::kCompleted)) return Error(ErrorKind::Join, "task has not finished");
    Result<T> r = h_.promise().take_result();
    release();
    failure_ = detail::taken_error();
    return r;
  }

  class Awaiter : public detail::WaitNode {
   public:
    explicit Awaiter(JoinHandle* handle) noexcept
        : h_(handle->h_), scheduler_(handle->scheduler_), failure_(handle->failure_), handle_(handle) {}
    // co_await on an rvalue handle: the awaiter owns it.
    explicit Awaiter(JoinHandle&& owned) noexcept : owned_(std::move(owned)) {
      h_ = owned_.h_;
      scheduler_ = owned_.scheduler_;
      failure_ = owned_.failure_;
      handle_ = &owned_;
    }
    Awaiter(const Awaiter&) = delete;
    Awaiter& operator=(const Awaiter&) = delete;
    ~Awaiter() {
      disconnect();
      if (joined_) unjoin();  // destroyed without resuming (a shutdown)
    }

    // A finished task completes the await at once, within the cooperative
    // budget (detail::coop_spend).
    bool await_ready() const noexcept {
      return !h_ || ((detail::flags_of(target()) & detail::kCompleted) && detail::coop_spend());
    }

    bool await_suspend(std::coroutine_handle<> leaf) noexcept {
      using namespace detail;
      Context& ctx = tls_context;
      TaskHeader* t = target();
      if (!ctx.current) {
        refused_ = Error(ErrorKind::Runtime, "JoinHandle awaited outside a prt task");
        return false;
      }
      if (t == ctx.current) {
        refused_ = Error(ErrorKind::Join, "a task cannot await its own JoinHandle");
        return false;
      }
      if (scheduler_ != ctx.scheduler) {
        refused_ = Error(ErrorKind::Join, "JoinHandle awaited from another runtime");
        return false;
      }
      if (flags_of(t) & kCompleted) {  // finished, but the budget is spent
        ctx.scheduler->yield_current(leaf);
        return true;
      }
      waiter_ = ctx.current;
      if (cancel_pending(waiter_)) return false;  // contract step 1
      switch (register_joiner(t)) {
        case Registered::Done: return false;  // completed meanwhile: take the result now
        case Registered::Taken:
          refused_ = Error(ErrorKind::Join, "JoinHandle is already being awaited by another task");
          return false;
        case Registered::Yes: break;
      }
      fn = &on_event;
      joined_ = true;
      if (handle_) handle_->awaiter_ = this;
      park_current(this, leaf);
      return true;
    }

    Result<T> await_resume() noexcept {
      if (refused_.has_error()) return refused_.error();
      if (!h_) return failure_;
      detail::TaskHeader* t = target();
      disconnect();
      const bool cancelled = waiter_ && detail::consume_cancel(waiter_);
      // A cancelled await leaves the result for the handle, if any.
      Result<T> r = cancelled ? Result<T>(Error::cancelled()) : h_.promise().take_result();
      if (!cancelled && handle_) {
        handle_->release();  // the result is out: the frame can go now
        handle_->failure_ = detail::taken_error();
      }
      if (joined_) {
        joined_ = false;
        detail::release_claim(t, detail::kJoined);
      }
      return r;
    }

   private:
    friend class JoinHandle;

    detail::TaskHeader* target() const noexcept { return &h_.promise(); }

    // Forgets the handle's pointer back to this awaiter.
    void disconnect() noexcept {
      if (handle_ && handle_->awaiter_ == this) handle_->awaiter_ = nullptr;
    }

    enum class Registered { Yes, Done, Taken };

    // Becomes the target's joiner: link.joiner is written first, then
    // kJoined is set (release, by the RMW) unless the task completed or has a
    // joiner already. The completing thread reads kJoined with acquire and
    // then link.joiner.
    Registered register_joiner(detail::TaskHeader* t) noexcept {
      using namespace detail;
      std::uint32_t f = t->flags.load(std::memory_order_acquire);
      if (f & kJoined) return Registered::Taken;
      if (f & kCompleted) return Registered::Done;
      t->link.joiner = waiter_;
      if (!(f & kShared)) {
        t->flags.store(f | kJoined, std::memory_order_relaxed);
        return Registered::Yes;
      }
      while (!t->flags.compare_exchange_weak(f, f | kJoined, std::memory_order_acq_rel, std::memory_order_acquire)) {
        if (f & kJoined) return Registered::Taken;
        if (f & kCompleted) return Registered::Done;
      }
      return Registered::Yes;
    }

    void unjoin() noexcept {
      detail::TaskHeader* t = target();
      joined_ = false;
      if (t->link.joiner == waiter_) t->link.joiner = nullptr;
      detail::release_claim(t, detail::kJoined);
    }

    static bool on_event(detail::WaitNode* node, detail::WaitOp op) noexcept {
      auto* self = static_cast<Awaiter*>(node);
      if (op == detail::WaitOp::Cancel) {
        // Pass the cancel on and keep waiting for the task to wind down.
        detail::forward_cancel(self->target());
        return false;
      }
      self->unjoin();
      return true;
    }

    handle_type h_;                         // the awaited task, held for the whole await
    detail::Scheduler* scheduler_ = nullptr;
    Error failure_{ErrorKind::Join, "empty JoinHandle"};
    JoinHandle* handle_ = nullptr;          // the handle awaited, while it exists
    JoinHandle owned_;                      // the handle itself, for an rvalue await
    detail::TaskHeader* waiter_ = nullptr;
    ErrorSlot refused_;
    bool joined_ = false;                   // registered as the task's joiner (kJoined)
  };

  Awaiter operator co_await() & noexcept { return Awaiter(this); }
  Awaiter operator co_await() && noexcept { return Awaiter(std::move(*this)); }

 private:
  friend struct detail::Spawner;

  JoinHandle(handle_type h, detail::Scheduler* s) noexcept : h_(h), scheduler_(s) {}
  explicit JoinHandle(Error failure) noexcept : failure_(failure) {}

  detail::TaskHeader* header() const noexcept { return &h_.promise(); }

  void adopt(JoinHandle& other) noexcept {
    h_ = std::exchange(other.h_, {});
    scheduler_ = other.scheduler_;
    failure_ = other.failure_;
    awaiter_ = std::exchange(other.awaiter_, nullptr);
    if (awaiter_) awaiter_->handle_ = this;
  }

  void release() noexcept {
    if (awaiter_) {
      awaiter_->handle_ = nullptr;  // the awaiter keeps its own reference
      awaiter_ = nullptr;
    }
    if (!h_) return;
    detail::TaskHeader* t = header();
    h_ = {};
    detail::release_claim(t, detail::kHandleAlive);  // not finished: detached, it frees itself
  }

  handle_type h_;
  detail::Scheduler* scheduler_ = nullptr;
  Error failure_{ErrorKind::Join, "empty JoinHandle"};
  Awaiter* awaiter_ = nullptr;  // the awaiter of a task waiting on this handle
};

namespace detail {
// The one place a Task becomes a root task of a scheduler (Runtime::spawn,
// prt::spawn and block_on all come here).
struct Spawner {
  template <class T>
  static JoinHandle<T> spawn(Scheduler* s, Task<T> task) noexcept {
    if (!task.valid()) {
      return JoinHandle<T>(Error(ErrorKind::Spawn, "spawn of an empty Task (moved from, or out of memory)"));
    }
    if (!s) return JoinHandle<T>(Error(ErrorKind::Spawn, "spawn called outside a runtime"));
    auto h = task.release();
    TaskPromise<T>& p = h.promise();
    if (h.done() || flags_of(&p) != 0 || p.link.continuation != nullptr) {
      h.destroy();
      return JoinHandle<T>(Error(ErrorKind::Spawn, "spawn of a Task that was already awaited"));
    }
    if (!s->spawn(&p)) {
      h.destroy();
      return JoinHandle<T>(Error(ErrorKind::Spawn, "runtime is shutting down"));
    }
    return JoinHandle<T>(h, s);
  }
  template <class T>
  static TaskHeader* header(const JoinHandle<T>& h) noexcept {
    return h.h_ ? h.header() : nullptr;
  }
  // A handle that reports `e` when awaited or taken.
  template <class T>
  static JoinHandle<T> failed(Error e) noexcept {
    return JoinHandle<T>(e);
  }
};
}  // namespace detail

}  // namespace prt
