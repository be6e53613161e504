// What every async primitive (rt/sync/) is built on (internal): the FIFO of
// tasks parked on it, and its binding to the runtime whose tasks use it.
//
// Binding. Like an asyncio primitive, which belongs to one event loop, a
// primitive belongs to the runtime of the task that last used it while it
// was idle (nothing held, nobody waiting). On a single-threaded runtime every
// use then comes from that runtime's thread, so the state changes with plain
// loads and stores and the internal lock is never taken: an uncontended
// operation costs a few instructions. Bound to a multi-threaded runtime,
// every slow path and every state change runs under the internal lock.
// Using a primitive from another runtime while it is busy is an error
// (ErrorKind::Runtime), as asyncio's "bound to a different event loop" is.
//
// Waiters. A parked task's node lives in its awaiter, in the task's frame.
// It is woken in FIFO order; a waiter woken or cancelled stays in the list
// until its task runs again and takes it out, exactly as an asyncio future
// stays in a primitive's deque until its task resumes. That is what makes
// the order of events asyncio's, and what keeps a wake-up from being lost:
// a woken waiter that turns out to be cancelled passes the wake-up on when
// its task resumes (each primitive does so in its await_resume).
#pragma once

#include <atomic>
#include <coroutine>
#include <cstdint>

#include "../intrusive_list.h"
#include "../result.h"
#include "../scheduler.h"
#include "../task.h"
#include "../threading/mutex.h"

namespace prt::detail {

enum class SyncWaiterState : std::uint8_t {
  Waiting,    // parked, not yet woken
  Woken,      // woken by the primitive; its task will run and take it out
  Cancelled,  // its task was cancelled while parked; it will run and take it out
};

struct WaitSite;
class SyncWaitList;

// WaitNode: what the scheduler calls on cancel; ListNode: its place in line.
struct SyncWaiter : WaitNode, ListNode {
  TaskHeader* task = nullptr;
  Scheduler* scheduler = nullptr;
  WaitSite* site = nullptr;      // the primitive it is parked on
  SyncWaitList* line = nullptr;  // the line it stands in there
  SyncWaiterState state = SyncWaiterState::Waiting;
  std::uint32_t want = 0;  // what it waits for, in the primitive's terms
};

class SyncWaitList {
 public:
  bool empty() const noexcept { return list_.empty(); }
  SyncWaiter* front() const noexcept { return static_cast<SyncWaiter*>(list_.front()); }
  // Waiters still waiting (neither woken nor cancelled): asyncio's "not
  // every waiter is cancelled" test counts woken ones too, see `live`.
  std::uint32_t waiting() const noexcept { return waiting_; }
  // Waiters not cancelled (waiting or woken).
  std::uint32_t live() const noexcept { return live_; }

  void push_back(SyncWaiter* w) noexcept {
    list_.push_back(w);
    w->state = SyncWaiterState::Waiting;
    ++waiting_;
    ++live_;
  }

  void remove(SyncWaiter* w) noexcept {
    if (!w->linked()) return;
    w->unlink();
    if (w->state == SyncWaiterState::Waiting) --waiting_;
    if (w->state != SyncWaiterState::Cancelled) --live_;
  }

  // Waiting -> Woken, and the task is queued. Caller holds the primitive.
  void wake(SyncWaiter* w) noexcept {
    w->state = SyncWaiterState::Woken;
    --waiting_;
    w->scheduler->wake(w->task);  // any thread on a multi-threaded runtime
  }

  // The first waiter still Waiting after `after` (from the front if null).
  SyncWaiter* next_waiting(SyncWaiter* after = nullptr) const noexcept {
    for (ListNode* n = after ? after->next : list_.front(); n && n != list_.sentinel(); n = n->next) {
      auto* w = static_cast<SyncWaiter*>(n);
      if (w->state == SyncWaiterState::Waiting) return w;
    }
    return nullptr;
  }

  // Wakes every waiter still Waiting, in order.
  void wake_all() noexcept {
    for (SyncWaiter* w = next_waiting(); w != nullptr; w = next_waiting(w)) wake(w);
  }

  // Waiting -> Cancelled (the cancel hook). A waiter already Woken stays
  // Woken: on a multi-threaded runtime a cancel can reach the hook after the
  // primitive woke the task but before the task left its parked state, and
  // the wake-up (a permit, a grant, a value) must not be forgotten then; the
  // task finds the cancel pending when it runs and passes the wake-up on.
  void mark_cancelled(SyncWaiter* w) noexcept {
    if (w->state != SyncWaiterState::Waiting) return;
    --waiting_;
    --live_;
    w->state = SyncWaiterState::Cancelled;
  }

 private:
  List list_;
  std::uint32_t waiting_ = 0;
  std::uint32_t live_ = 0;
};

// A primitive's state (held, set, free permits) that queries such as
// is_locked() read without the lock. Written only by the owning thread
// (single-threaded binding) or under the site's lock, so a load and a store
// make an increment: no read-modify-write. Those lock-free readers only want
// a snapshot, and every decision that matters is taken under the lock, which
// orders the rest, so relaxed is enough. Atomic only so that such a snapshot
// is not a data race.
template <class T>
class Relaxed {
 public:
  Relaxed() noexcept = default;
  explicit Relaxed(T v) noexcept : v_(v) {}
  Relaxed(const Relaxed&) = delete;
  Relaxed& operator=(const Relaxed&) = delete;
  operator T() const noexcept { return v_.load(std::memory_order_relaxed); }  // NOLINT: reads as a T
  Relaxed& operator=(T v) noexcept {
    v_.store(v, std::memory_order_relaxed);
    return *this;
  }
  Relaxed& operator++() noexcept { return *this = static_cast<T>(*this + 1); }
  Relaxed& operator--() noexcept { return *this = static_cast<T>(*this - 1); }

 private:
  std::atomic<T> v_{};
};
using RelaxedFlag = Relaxed<bool>;

// The binding and the internal lock, shared by every primitive.
class SyncCore {
 public:
  // True when the calling task's runtime owns the primitive and is single-
  // threaded: the caller may touch the state without the lock.
  bool owned_plainly(Scheduler* s) const noexcept {
    return s != nullptr && loop_.load(std::memory_order_relaxed) == s && !shared_.load(std::memory_order_relaxed);
  }

  // Holds the internal lock for a slow path, if the primitive is (or is to
  // be) bound to a multi-threaded runtime.
  class Guard {
   public:
    Guard(SyncCore& core, Scheduler* s) noexcept
        : lock_(core.shared_.load(std::memory_order_relaxed) || (s && s->multi_threaded()) ? &core.lock_
                                                                                         : nullptr) {
      if (lock_) lock_->lock();
    }
    ~Guard() {
      if (lock_) lock_->unlock();
    }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

   private:
    threading::Mutex* lock_;
  };

  // Under Guard: binds the primitive to `s` if it is unbound or `idle`.
  Result<void> bind(Scheduler* s, bool idle, const char* what) noexcept {
    if (!s) return Error(ErrorKind::Runtime, what);
    Scheduler* bound = loop_.load(std::memory_order_relaxed);
    if (bound == s) return {};
    if (bound != nullptr && !idle) {
      return Error(ErrorKind::Runtime, "async primitive is in use by another runtime");
    }
    shared_.store(s->multi_threaded(), std::memory_order_relaxed);
    loop_.store(s, std::memory_order_relaxed);
    return {};
  }

 private:
  // The binding (see the top of the file). Written by bind() under Guard;
  // read relaxed by owned_plainly(). Relaxed is enough: a thread that reads
  // its own runtime here is the one that wrote it (single-threaded binding),
  // and every other reader goes on to take the lock, which orders the rest.
  std::atomic<Scheduler*> loop_{nullptr};
  std::atomic<bool> shared_{false};
  threading::Mutex lock_;
};

// A primitive's binding, lock and line of waiters: what the shared cancel
// hook and the awaiters' destructors need to reach.
struct WaitSite {
  SyncCore core;
  SyncWaitList waiters;
};

// The cancel hook of most primitives (contract step 3): a cancelled waiter
// stays in line, marked, until its task runs and takes it out; a detached
// one (its frame is going away) leaves at once.
inline bool site_on_event(WaitNode* node, WaitOp op) noexcept {
  auto* w = static_cast<SyncWaiter*>(node);
  SyncCore::Guard g(w->site->core, w->scheduler);
  if (op == WaitOp::Detach) {
    w->line->remove(w);
  } else {
    w->line->mark_cancelled(w);
  }
  return true;
}

// For an awaiter's destructor: still in line only when a shutdown destroys
// the task mid-wait.
inline void leave_site(SyncWaiter* w) noexcept {
  if (!w->linked()) return;
  SyncCore::Guard g(w->site->core, w->scheduler);
  w->line->remove(w);
}

// The await-point contract for a primitive's awaiter that parks: `self` is
// the node, `leaf` the coroutine to resume, `line` one of the site's lines
// (a channel has two). Caller holds the site's lock.
inline void park_in(WaitSite& site, SyncWaitList& line, SyncWaiter* self, std::coroutine_handle<> leaf,
                    WaitNode::Fn fn = &site_on_event) noexcept {
  Context& ctx = tls_context;
  self->fn = fn;
  self->task = ctx.current;
  self->scheduler = ctx.scheduler;
  self->site = &site;
  self->line = &line;
  line.push_back(self);
  park_current(self, leaf);
}

inline void park_on(WaitSite& site, SyncWaiter* self, std::coroutine_handle<> leaf,
                    WaitNode::Fn fn = &site_on_event) noexcept {
  park_in(site, site.waiters, self, leaf, fn);
}

}  // namespace prt::detail
