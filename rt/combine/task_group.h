// prt::TaskGroup — structured concurrency (asyncio.TaskGroup).
//
//   prt::TaskGroup group;
//   prt::Result<void> r = co_await group.run([&](prt::TaskGroup& g) -> prt::Task<> {
//     g.spawn(fetch(1));
//     g.spawn(fetch(2));
//     co_return prt::ok();
//   });
//   // every member has finished here; r is ok, or the first error, and
//   // group.errors() lists every error.
//
// The scope is run(): it runs the body in the calling task, then waits for
// every member, whatever the body returned, so it cannot end before its
// children. Members may spawn more members while the group is open.
//
// Protocol (every step under the board's lock on a multi-threaded runtime):
//  1. run() enters: the group records its parent (the calling task) and the
//     parent's cancel count, and opens.
//  2. A member that ends with an error other than Cancelled records it. The
//     first such error aborts the group: every other member is cancelled,
//     and, while the body still runs, so is the parent, to stop the body at
//     its next await (asyncio cancels the parent task the same way).
//  3. When the body returns, the group exits: a body error other than
//     Cancelled aborts the group too. The group's own cancel of the parent is
//     withdrawn; when no other cancel request is left, the Cancelled it
//     caused in the body is not passed on (asyncio's uncancel()).
//  4. run() waits for every member. If the parent is cancelled meanwhile
//     (from outside), the group aborts and keeps waiting; run() then reports
//     Cancelled unless there are errors.
//  5. The group is finished: run() returns the first recorded error (the
//     members' in the order they ended, then the body's), else Cancelled when
//     a cancel from outside is to be passed on, else ok.
//
// Errors (values, returned by spawn / run):
//   spawn before run() entered       Runtime "TaskGroup has not been entered"
//   spawn once the group is aborting Runtime "TaskGroup is shutting down"
//   spawn after run() finished       Runtime "TaskGroup is finished"
//   run() twice                      Runtime "TaskGroup has already been entered"
//   run() outside a task             Runtime
// A member's value is dropped: results travel through the member's own state
// or through a JoinSet.
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "join_set.h"

namespace prt {

class TaskGroup {
 public:
  TaskGroup() noexcept = default;
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  // Spawns `task` as a member (its value is dropped, its error recorded).
  template <class T>
  Result<void> spawn(Task<T> task) noexcept {
    auto r = set_.add(std::move(task), [this](const detail::SetBoard<void>&) noexcept { return admit(); });
    if (!r) return r.error();
    return {};
  }

  // The scope: `body` is a callable taking TaskGroup& (or nothing) and
  // returning Task<void>, or a Task<void>. It runs inline in the caller.
  template <class Body>
  Task<void> run(Body body) {
    Body own = std::move(body);
    if (auto e = enter(); !e) co_return e.error();
    Result<void> body_result = Error::cancelled();
    if constexpr (std::is_same_v<Body, Task<void>>) {
      body_result = co_await own;
    } else if constexpr (std::is_invocable_v<Body&, TaskGroup&>) {
      Task<void> t = own(*this);
      body_result = co_await t;
    } else {
      Task<void> t = own();
      body_result = co_await t;
    }
    co_return co_await finish(body_result);
  }

  // Every error recorded, in order: members' as they ended, then the body's.
  const std::vector<Error>& errors() const noexcept { return errors_; }
  // Members spawned and not yet finished with (snapshot).
  std::size_t size() const noexcept { return set_.size(); }

 private:
  enum class Phase : std::uint8_t { New, Open, Exiting, Finished };

  Result<void> enter() noexcept;
  Task<void> finish(Result<void> body_result);
  Result<void> admit() const noexcept;
  void abort_locked() noexcept;
  static void on_post(void* ctx, detail::SetBoard<void>& board, const Joined<void>& outcome) noexcept;
  detail::SetBoard<void>* board() noexcept;

  JoinSet<void> set_;
  // The following change under the board's lock (plainly on a single-
  // threaded runtime): members post from their own tasks.
  Phase phase_ = Phase::New;
  bool aborting_ = false;
  bool parent_cancel_requested_ = false;
  detail::TaskHeader* parent_ = nullptr;
  detail::Scheduler* scheduler_ = nullptr;
  std::uint32_t parent_cancels_at_entry_ = 0;
  std::vector<Error> errors_;
};

}  // namespace prt
