// prt::JoinSet<T> — tasks spawned together, joined in the order they finish.
//
//   prt::JoinSet<int> set;
//   set.spawn(fetch(1));                       // index 0
//   set.spawn(fetch(2));                       // index 1
//   while (!set.empty()) {
//     prt::Result<prt::Joined<int>> j = co_await set.join_next();
//     if (!j) break;                           // this wait was cancelled
//     use(j->index, j->result);                // the member's own Result<int>
//   }
//
// It is what every combinator (rt/combine/combinators.h) and TaskGroup are
// made of. Members are root tasks of the caller's runtime; each is numbered
// by its spawn (0, 1, 2, ...; never reused). join_next() hands back a
// member's outcome once it has finished, in completion order.
//
// Order (single-threaded runtime): a member's outcome is posted one turn of
// the ready queue after it finishes, and its joiner resumes a turn later,
// which is when asyncio runs a task's done callbacks and then the task
// waiting on them. A combinator built on the set therefore resumes its
// caller when asyncio's would.
//
// Cancellation: a join_next() whose task is cancelled yields Cancelled and
// takes nothing; the members run on. abort(i) / abort_all() cancel members at
// their await points; their outcome (usually Cancelled) is still posted and
// joined. detach_all() lets every member run on unobserved. Dropping the set
// aborts and detaches what is left, as tokio's JoinSet does; a scope that must
// not end before its members awaits shutdown() (or uses TaskGroup).
//
// Errors, all values:
//   spawn / adopt outside a runtime                    Runtime
//   spawn / adopt out of memory                         Other (the task is dropped, never run)
//   a member with no memory for its frame              its Joined result holds Spawn
//   a member refused by a runtime shutting down        its Joined result holds Cancelled
//   join_next / try_join_next on an empty set          ChannelClosed ("the set is empty")
//   try_join_next before any member has finished       Timeout ("would block")
//   join_next cancelled                                Cancelled (nothing taken)
//   join_next outside a task, or from another runtime  Runtime
//
// Internals: the members and the posted outcomes live in a board shared by
// the set and its running members (detail::SetBoard below), bound to the
// runtime like every async primitive (rt/sync/wait_list.h): plain loads and
// stores on a single-threaded runtime, the board's lock on a multi-threaded
// one. Lock order: a board's lock may be held while a member is aborted,
// which takes the lock of whatever that member waits on; nothing takes a
// board's lock while holding a primitive's.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "../join_handle.h"
#include "../memory.h"
#include "../runtime.h"
#include "../sync/ring.h"
#include "../sync/wait_list.h"

namespace prt {

// A member's outcome: its spawn index and its Result.
template <class T>
struct Joined {
  std::size_t index;
  Result<T> result;
};

template <class T>
class JoinSet;
class TaskGroup;

namespace detail {

template <class T>
struct SetBoard {
  // A join_next() that waits: an outcome lands in `slot` (hand-off).
  struct Waiter : SyncWaiter {
    std::optional<Joined<T>> slot;
  };
  // Called under the board's lock as each outcome is posted (TaskGroup's
  // abort-on-first-error lives there).
  using PostHook = void (*)(void* ctx, SetBoard& board, const Joined<T>& outcome) noexcept;

  // The set and every member that has not posted yet. The last to let go
  // frees the board; acq_rel so that it sees everyone else's last writes.
  std::atomic<std::uint32_t> refs{1};
  WaitSite site;  // site.waiters: tasks in join_next()
  // Invariant R: outcomes posted and not joined yet. Its capacity is kept at
  // least `outstanding` (spawn reserves first), so a post never allocates
  // and never fails.
  Ring<Joined<T>> done;
  // Invariant M: members[i].task is member i's task from the moment spawn
  // records it until the member posts, null otherwise. A member posts before
  // its frame is freed (from its body, or from its frame's destruction,
  // which waits for this lock), so under the lock a non-null task is alive
  // and may be cancelled. `posted` keeps a late record from undoing a post.
  struct Slot {
    TaskHeader* task = nullptr;
    bool posted = false;
  };
  std::vector<Slot> members;
  Scheduler* scheduler = nullptr;  // the runtime the members run on
  // abort_all_locked calls so far: a member spawned while one happened
  // (between its reservation and the record of its task) is aborted when
  // recorded, so an abort-all reaches every member added before it returned.
  std::uint64_t abort_epoch = 0;
  // Spawned and not yet joined. Changed under the lock (members may spawn
  // members while the owner joins); read without it by size()/empty().
  Relaxed<std::size_t> outstanding;
  PostHook on_post = nullptr;
  void* hook_ctx = nullptr;

  void release() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete_object(this);
  }

  // Lock held (or plain). A waiting joiner gets the outcome directly.
  void post_locked(Joined<T>& outcome) noexcept {
    members[outcome.index] = Slot{nullptr, true};  // M
    if (on_post) on_post(hook_ctx, *this, outcome);
    if (SyncWaiter* w = site.waiters.next_waiting()) {
      static_cast<Waiter*>(w)->slot.emplace(std::move(outcome));
      site.waiters.wake(w);
      return;
    }
    (void)done.push_back(outcome);  // R: cannot fail
  }
  void post(Joined<T>&& outcome) noexcept {
    SyncCore::Guard g(site.core, tls_context.scheduler);
    post_locked(outcome);
  }

  // Lock held: the joiner took an outcome.
  void joined_locked() noexcept { --outstanding; }

  // Lock held. Cancels member `index` if it has not posted (M).
  void abort_locked(std::size_t index) noexcept {
    TaskHeader* t = index < members.size() ? members[index].task : nullptr;
    if (!t) return;
    ContextGuard guard(scheduler);
    scheduler->request_cancel(t);
  }

  bool take_front(std::optional<Joined<T>>& out) noexcept {
    if (done.empty()) return false;
    out.emplace(done.pop_front());
    return true;
  }

  void abort_all_locked() noexcept {
    ++abort_epoch;
    for (std::size_t i = 0; i < members.size(); ++i) abort_locked(i);
  }
};

// A member's input and its promise to post exactly once. It is a parameter
// of the member's coroutine, so it lives in the frame from the spawn to the
// frame's destruction: the body posts the outcome, and a frame destroyed
// before that (a member cancelled before its first step never runs; a runtime
// shut down under it) posts Cancelled, cancelling an adopted task it never
// got to await.
template <class T, class Source>
class MemberInput {
 public:
  MemberInput(Source source, SetBoard<T>* board, std::size_t index) noexcept
      : source_(std::move(source)), board_(board), index_(index) {}
  MemberInput(MemberInput&& o) noexcept
      : source_(std::move(o.source_)), board_(std::exchange(o.board_, nullptr)), index_(o.index_) {}
  MemberInput& operator=(MemberInput&&) = delete;
  ~MemberInput() {
    if (!board_) return;
    if constexpr (requires { source_.abort(); }) source_.abort();
    send(Error::cancelled());
  }
  bool armed() const noexcept { return board_ != nullptr; }
  Source take_source() noexcept { return std::move(source_); }
  void send(Result<T>&& r) noexcept {
    SetBoard<T>* b = std::exchange(board_, nullptr);
    b->post(Joined<T>{index_, std::move(r)});
    b->release();
  }

 private:
  Source source_;
  SetBoard<T>* board_;
  std::size_t index_;
};

template <class T, class U>
Result<T> convert_outcome(Result<U>&& r) noexcept {
  if constexpr (std::is_same_v<T, U>) {
    return std::move(r);
  } else {
    static_assert(std::is_void_v<T>, "a member's outcome converts only to Result<void>");
    if (!r) return r.error();
    return {};
  }
}

// A member: runs `source` (a Task, run inline here, or a JoinHandle, awaited)
// and posts its outcome. A Task member yields once after its body returns:
// asyncio runs a finished task's done callbacks a turn later, and this is
// that turn. A JoinHandle member is already woken a turn after its task ends.
template <class T, class Source>
Task<void> run_member(MemberInput<T, Source> input) {
  Source own = input.take_source();
  auto outcome = co_await own;
  if constexpr (!requires { own.abort(); }) {
    (void)co_await yield_now();  // a cancel that comes now changes nothing: the outcome is in
  }
  input.send(convert_outcome<T>(std::move(outcome)));
  co_return Result<void>{};
}

inline Error set_empty_error() noexcept { return Error(ErrorKind::ChannelClosed, "JoinSet::join_next: the set is empty"); }

}  // namespace detail

template <class T>
class JoinSet {
  using Board = detail::SetBoard<T>;

 public:
  JoinSet() noexcept = default;
  JoinSet(JoinSet&& o) noexcept : b_(std::exchange(o.b_, nullptr)) {}
  JoinSet& operator=(JoinSet&& o) noexcept {
    if (this != &o) {
      drop();
      b_ = std::exchange(o.b_, nullptr);
    }
    return *this;
  }
  JoinSet(const JoinSet&) = delete;
  JoinSet& operator=(const JoinSet&) = delete;
  ~JoinSet() { drop(); }

  // Spawns `task` as a member; its index, or why it could not be added.
  Result<std::size_t> spawn(Task<T> task) noexcept { return add(std::move(task)); }
  // Takes a task spawned already: its outcome comes through the set, and
  // abort(i) cancels it.
  Result<std::size_t> adopt(JoinHandle<T> handle) noexcept { return add(std::move(handle)); }

  class [[nodiscard]] JoinNext : public Board::Waiter {
   public:
    explicit JoinNext(JoinSet* set) noexcept : set_(set) {}
    JoinNext(JoinNext&& o) noexcept : set_(o.set_) { PRT_DEBUG_ASSERT(!o.linked()); }
    JoinNext& operator=(JoinNext&&) = delete;
    ~JoinNext() { detail::leave_site(this); }

    bool await_ready() noexcept {
      Board* b = set_->b_;
      if (!b || b->outstanding == 0) {
        outcome_ = detail::set_empty_error();
        return true;
      }
      if (!b->site.core.owned_plainly(detail::tls_context.scheduler)) return false;
      return b->take_front(this->slot);
    }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept {
      detail::Context& ctx = detail::tls_context;
      if (!ctx.current) {
        outcome_ = Error(ErrorKind::Runtime, "JoinSet::join_next awaited outside a prt task");
        return false;
      }
      Board* b = set_->b_;
      detail::SyncCore::Guard g(b->site.core, ctx.scheduler);
      if (auto r = b->site.core.bind(ctx.scheduler, false, "JoinSet::join_next outside a runtime"); !r) {
        outcome_ = r.error();
        return false;
      }
      if (b->take_front(this->slot)) return false;
      if (detail::cancel_pending(ctx.current)) return false;  // contract step 1
      detail::park_on(b->site, this, leaf);
      return true;
    }
    Result<Joined<T>> await_resume() noexcept {
      if (outcome_.has_error()) return outcome_.error();
      Board* b = set_->b_;
      {
        detail::SyncCore::Guard g(b->site.core, detail::tls_context.scheduler);
        // A parked waiter leaves the line under the lock, handed an outcome
        // or not: other threads relink its neighbours meanwhile.
        b->site.waiters.remove(this);
        if (!this->slot) {
          // An outcome handed over wins over a cancel that came after it: the
          // cancel is delivered at the next await instead, nothing is lost.
          if (detail::consume_cancel(detail::tls_context.current)) return Error::cancelled();
          if (!b->take_front(this->slot)) return Error::cancelled();  // a cancel consumed elsewhere
        }
        b->joined_locked();
      }
      return Result<Joined<T>>(std::move(*this->slot));
    }

   private:
    JoinSet* set_;
    ErrorSlot outcome_;
  };

  // The next member to finish (waits while none has).
  JoinNext join_next() noexcept { return JoinNext(this); }

  Result<Joined<T>> try_join_next() noexcept {
    if (!b_ || b_->outstanding == 0) return detail::set_empty_error();
    detail::SyncCore::Guard g(b_->site.core, detail::tls_context.scheduler);
    if (b_->done.empty()) return Error(ErrorKind::Timeout, "JoinSet::try_join_next: no member has finished");
    Joined<T> j = b_->done.pop_front();
    b_->joined_locked();
    return Result<Joined<T>>(std::move(j));
  }

  // Gives back an outcome taken by join_next / try_join_next: it is the next
  // one joined again (asyncio.wait uses this when its own wait is cancelled
  // after it had collected some). Other (out of memory) if it cannot.
  Result<void> put_back(Joined<T> outcome) noexcept {
    if (!b_) return Error(ErrorKind::Runtime, "JoinSet::put_back on a set that was never used");
    detail::SyncCore::Guard g(b_->site.core, detail::tls_context.scheduler);
    if (!b_->done.reserve(b_->outstanding + 1)) return Error(ErrorKind::Other, "JoinSet::put_back: out of memory");
    (void)b_->done.push_front(outcome);
    ++b_->outstanding;
    return {};
  }

  // Cancels member `index` (no-op once it finished or was joined).
  void abort(std::size_t index) noexcept {
    if (!b_) return;
    detail::SyncCore::Guard g(b_->site.core, detail::tls_context.scheduler);
    b_->abort_locked(index);
  }
  void abort_all() noexcept {
    if (!b_) return;
    detail::SyncCore::Guard g(b_->site.core, detail::tls_context.scheduler);
    b_->abort_all_locked();
  }

  // Forgets every member: they run on and their outcomes are dropped. The
  // set is empty afterwards and can be used again.
  void detach_all() noexcept {
    // The members hold their own references to the board and post into it
    // when they end; nobody joins those outcomes any more.
    if (Board* b = std::exchange(b_, nullptr)) b->release();
  }

  // Aborts every member and waits until each has finished (outcomes
  // dropped). Cancelled if this wait itself was cancelled; it still waits.
  Task<void> shutdown() {
    abort_all();
    bool cancelled = false;
    while (!empty()) {
      auto j = co_await join_next();
      if (!j && j.error().is(ErrorKind::Cancelled)) cancelled = true;
    }
    if (cancelled) co_return Error::cancelled();
    co_return Result<void>{};
  }

  // Members not joined yet (running, or finished and waiting to be joined).
  std::size_t size() const noexcept { return b_ ? b_->outstanding : 0; }
  bool empty() const noexcept { return size() == 0; }

 private:
  friend class TaskGroup;

  static Result<void> open_gate(const Board&) noexcept { return {}; }

  // Adds a member running `source`; `gate` (under the lock) may refuse it.
  template <class Source, class Gate = decltype(&open_gate)>
  Result<std::size_t> add(Source source, Gate gate = &open_gate) noexcept {
    detail::Scheduler* s = detail::tls_context.scheduler;
    if (!s) return Error(ErrorKind::Runtime, "JoinSet::spawn outside a runtime");
    if (!ensure_board()) return Error(ErrorKind::Other, "JoinSet::spawn: out of memory");
    std::size_t index;
    std::uint64_t epoch;
    {
      detail::SyncCore::Guard g(b_->site.core, s);
      if (auto r = b_->site.core.bind(s, b_->outstanding == 0, "JoinSet::spawn outside a runtime"); !r) return r.error();
      if (auto r = gate(*b_); !r) return r.error();
      if (!b_->done.reserve(b_->outstanding + 1)) return Error(ErrorKind::Other, "JoinSet::spawn: out of memory");
      index = b_->members.size();
      b_->members.emplace_back();
      b_->scheduler = s;
      ++b_->outstanding;
      epoch = b_->abort_epoch;
    }
    b_->refs.fetch_add(1, std::memory_order_relaxed);  // the member's; the set's own keeps the board alive meanwhile
    detail::MemberInput<T, Source> input(std::move(source), b_, index);
    Task<void> member = detail::run_member<T, Source>(std::move(input));
    if (input.armed()) {  // no frame: the member never existed
      input.send(Error(ErrorKind::Spawn, "JoinSet::spawn: out of memory for the task"));
      return index;
    }
    // A refused spawn destroys the frame, which posts Cancelled (MemberInput).
    JoinHandle<void> h = detail::Spawner::spawn(s, std::move(member));
    if (detail::TaskHeader* t = detail::Spawner::header(h)) {
      // Still alive: the handle's claim keeps the frame (invariant F).
      detail::SyncCore::Guard g(b_->site.core, s);
      if (!b_->members[index].posted) {
        b_->members[index].task = t;  // M
        if (b_->abort_epoch != epoch) b_->abort_locked(index);
      }
    }
    return index;  // dropping the handle detaches the member: it frees itself
  }

  Board* ensure_board() noexcept {
    if (!b_) b_ = detail::new_object<Board>();
    return b_;
  }

  void drop() noexcept {
    abort_all();
    detach_all();
  }

  Board* b_ = nullptr;
};

}  // namespace prt
