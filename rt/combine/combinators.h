// Combinators: running tasks together and waiting for some or all of them.
//
//   auto all = co_await prt::join_all(std::move(tasks));  // every outcome, input order
//   auto vals = co_await prt::gather(std::move(tasks));   // values, or the first error
//   auto won = co_await prt::race(std::move(tasks));      // first to finish; losers cancelled
//   auto sel = co_await prt::select(a(), b());            // the same, tasks of different types
//   auto done = co_await prt::wait(set, prt::ReturnWhen::FirstCompleted);
//   auto set = prt::as_completed(std::move(tasks));       // then co_await set->join_next()
//   auto v = co_await prt::shield(critical());            // a cancel stops the wait, not the task
//
// Every task given to a combinator is spawned on the caller's runtime, in
// input order, as asyncio.gather and asyncio.wait wrap coroutines in tasks.
//
//                 returns                     an error in a task      the caller cancelled
//   join_all      vector<Result<T>>, in      is that task's entry    every task cancelled and
//                 input order                                         waited for; Cancelled
//   gather        vector<T> in input order   returned at once (the   as join_all
//                 (void for Task<void>)      first in completion
//                                            order); the rest run on
//   race          Joined<T>: the first to    wins like a value       as join_all
//                 finish, index and Result;
//                 losers cancelled and
//                 waited for
//   select        std::variant<Result<A>,…>  wins like a value       as join_all
//                 by the winner's position
//   wait          the members of a JoinSet   FirstError returns on   Cancelled; what it had
//                 that finished (taken out    it                      taken goes back
//                 of it); the rest stay
//   shield        the task's Result          the task's Result       Cancelled at once; the
//                                                                     task runs on, detached
//
// The caller resumes when asyncio's would: two turns of the ready queue after
// the task that settles the call finishes (one for the done callback, one for
// the wake-up), see rt/combine/join_set.h. Combinators never leave a task
// behind that could outlive what it refers to, except shield and gather's
// early error, which leave tasks running detached on purpose, as asyncio
// does.
//
// Errors: a task whose frame could not be allocated reports ErrorKind::Spawn
// in its entry, and so does one refused by a runtime shutting down (join_all;
// through a JoinSet that one reports Cancelled); a set that
// cannot take another member fails the whole call (gather, race); an empty
// input is an error for race and select (Runtime) and gives an empty result
// for the others. Outside a runtime: Runtime. The result vectors come from
// the standard allocator, which aborts when memory runs out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "../join_handle.h"
#include "../runtime.h"
#include "../time.h"
#include "join_set.h"

namespace prt {

namespace detail {
// Spawns every task into `set`, in order; if one cannot be added, what was
// spawned is cancelled and waited for, and the reason returned.
template <class T>
Task<void> spawn_all(JoinSet<T>& set, std::vector<Task<T>>& input) {
  for (Task<T>& t : input) {
    auto s = set.spawn(std::move(t));
    if (!s) {
      (void)co_await set.shutdown();
      co_return s.error();
    }
  }
  co_return Result<void>{};
}

template <class T>
using gather_value_t = std::conditional_t<std::is_void_v<T>, void, std::vector<T>>;
}

// Runs every task and waits for all of them: each one's Result, in input
// order (asyncio.gather(..., return_exceptions=True), tokio's join_all).
template <class T>
Task<std::vector<Result<T>>> join_all(std::vector<Task<T>> tasks) {
  std::vector<Task<T>> input = std::move(tasks);
  std::vector<JoinHandle<T>> handles;
  handles.reserve(input.size());
  for (Task<T>& t : input) handles.push_back(spawn(std::move(t)));
  std::vector<Result<T>> out;
  out.reserve(handles.size());
  // A cancel of this task goes on to the task it awaits (JoinHandle), whose
  // outcome then comes back Cancelled; the request count says it was ours:
  // every other task is cancelled too, and waited for, as asyncio's gather does.
  detail::TaskHeader* self = detail::tls_context.current;
  const std::uint32_t cancels_at_entry = self ? self->cancel_count.load(std::memory_order_relaxed) : 0;
  bool cancelled = false;
  for (std::size_t i = 0; i < handles.size(); ++i) {
    out.push_back(co_await handles[i]);
    if (!cancelled && self && self->cancel_count.load(std::memory_order_relaxed) != cancels_at_entry) {
      cancelled = true;
      for (JoinHandle<T>& h : handles) h.abort();
    }
  }
  if (cancelled) co_return Error::cancelled();
  // asyncio's gather resumes its caller from a done callback: one turn later.
  if (!handles.empty()) PRT_CO_TRY(co_await yield_now());
  co_return out;
}

// Runs every task; their values in input order, or the first error in
// completion order as soon as it happens, the other tasks running on
// (asyncio.gather with return_exceptions=False).
template <class T>
Task<detail::gather_value_t<T>> gather(std::vector<Task<T>> tasks) {
  std::vector<Task<T>> input = std::move(tasks);
  const std::size_t n = input.size();
  JoinSet<T> set;
  PRT_CO_TRY(co_await detail::spawn_all(set, input));
  using Slot = std::conditional_t<std::is_void_v<T>, bool, std::optional<T>>;
  std::vector<Slot> slots(n);
  for (std::size_t k = 0; k < n; ++k) {
    auto j = co_await set.join_next();
    if (!j) {  // cancelled: every task is cancelled and waited for
      (void)co_await set.shutdown();
      co_return j.error();
    }
    if (!j->result) {
      set.detach_all();
      co_return j->result.error();
    }
    if constexpr (!std::is_void_v<T>) slots[j->index].emplace(std::move(*j->result));
  }
  if constexpr (std::is_void_v<T>) {
    co_return Result<void>{};
  } else {
    std::vector<T> out;
    out.reserve(n);
    for (std::optional<T>& v : slots) out.push_back(std::move(*v));
    co_return out;
  }
}

// The first task to finish, with its position; the others are cancelled and
// waited for before race returns.
template <class T>
Task<Joined<T>> race(std::vector<Task<T>> tasks) {
  std::vector<Task<T>> input = std::move(tasks);
  if (input.empty()) co_return Error(ErrorKind::Runtime, "prt::race of no tasks");
  JoinSet<T> set;
  PRT_CO_TRY(co_await detail::spawn_all(set, input));
  auto first = co_await set.join_next();
  auto drained = co_await set.shutdown();  // losers cancelled; their cleanup has run when this returns
  if (!first) co_return first.error();
  if (!drained) co_return drained.error();
  co_return std::move(*first);
}

namespace detail {
template <class A>
Task<void> select_branch(Task<A> task, std::optional<Result<A>>* slot) {
  Task<A> own = std::move(task);
  slot->emplace(co_await own);
  co_return Result<void>{};
}

template <class... A, std::size_t... I>
Task<std::variant<Result<A>...>> select_impl(std::index_sequence<I...>, Task<A>... tasks) {
  std::tuple<Task<A>...> input(std::move(tasks)...);
  std::tuple<std::optional<Result<A>>...> slots;
  std::vector<Task<void>> branches;
  (branches.push_back(select_branch<A>(std::move(std::get<I>(input)), &std::get<I>(slots))), ...);
  auto won = co_await race(std::move(branches));  // every branch has finished when this returns
  if (!won) co_return won.error();
  const std::size_t winner = won->index;
  std::optional<std::variant<Result<A>...>> out;
  (void)((winner == I && std::get<I>(slots) && (out.emplace(std::in_place_index<I>, std::move(*std::get<I>(slots))), true)) || ...);
  if (!out) co_return won->result.error();  // the winning branch never ran its task (spawn failed)
  co_return std::move(*out);
}
}  // namespace detail

// race over tasks of different types: the winner's Result at its position in
// the variant (std::variant::index() is the winner's argument position).
template <class... A>
Task<std::variant<Result<A>...>> select(Task<A>... tasks) {
  static_assert(sizeof...(A) > 0, "prt::select needs at least one task");
  return detail::select_impl<A...>(std::index_sequence_for<A...>{}, std::move(tasks)...);
}

// asyncio.wait's return_when.
enum class ReturnWhen : std::uint8_t {
  FirstCompleted,  // at least one member finished
  FirstError,      // a member finished with an error other than Cancelled, or all finished
  AllCompleted,    // every member finished
};

namespace detail {
template <class T>
bool wait_satisfied(ReturnWhen when, const std::vector<Joined<T>>& done, const JoinSet<T>& set) noexcept {
  if (set.empty()) return true;
  switch (when) {
    case ReturnWhen::FirstCompleted: return !done.empty();
    case ReturnWhen::AllCompleted: return false;
    case ReturnWhen::FirstError:
      for (const Joined<T>& j : done) {
        if (!j.result && !j.result.error().is(ErrorKind::Cancelled)) return true;
      }
      return false;
  }
  return true;
}

template <class T>
Task<std::vector<Joined<T>>> wait_impl(JoinSet<T>& set, ReturnWhen when, std::int64_t deadline_ns) {
  std::vector<Joined<T>> done;
  for (;;) {
    for (auto j = set.try_join_next(); j; j = set.try_join_next()) done.push_back(std::move(*j));
    if (wait_satisfied(when, done, set)) co_return done;
    Result<Joined<T>> next = Error(ErrorKind::Timeout);
    if (deadline_ns < 0) {
      next = co_await set.join_next();
    } else {
      next = co_await timeout_impl<typename JoinSet<T>::JoinNext>(deadline_ns, set.join_next());
    }
    if (next) {
      done.push_back(std::move(*next));
      continue;
    }
    if (next.error().is(ErrorKind::Timeout)) co_return done;  // what finished in time; the rest stay
    // This wait was cancelled: what it took goes back, as if it never ran.
    while (!done.empty()) {
      (void)set.put_back(std::move(done.back()));
      done.pop_back();
    }
    co_return next.error();
  }
}
}  // namespace detail

// Waits on the members of `set` (asyncio.wait): returns those that finished,
// taken out of the set, with their outcomes; the pending ones stay in the set
// (set.size() of them) and keep running. Nothing is cancelled, not even at
// the timeout. With an empty set it returns at once with nothing.
template <class T>
Task<std::vector<Joined<T>>> wait(JoinSet<T>& set, ReturnWhen when) {
  return detail::wait_impl<T>(set, when, -1);
}
template <class T>
Task<std::vector<Joined<T>>> wait(JoinSet<T>& set, ReturnWhen when, Duration timeout) {
  return detail::wait_impl<T>(set, when, detail::deadline_after(timeout));
}

// Spawns every task into a set whose join_next() yields them as they finish
// (asyncio.as_completed; the index says which one it was).
template <class T>
Result<JoinSet<T>> as_completed(std::vector<Task<T>> tasks) noexcept {
  JoinSet<T> set;
  for (Task<T>& t : tasks) {
    auto s = set.spawn(std::move(t));
    if (!s) return s.error();  // the set's destructor cancels what started
  }
  return Result<JoinSet<T>>(std::move(set));
}

// Runs `task` as its own task and waits for it. A cancel of the caller ends
// the wait with Cancelled but not the task, which runs on detached
// (asyncio.shield).
template <class T>
Task<T> shield(Task<T> task) {
  JoinSet<T> set;
  auto s = set.spawn(std::move(task));
  if (!s) co_return s.error();
  auto j = co_await set.join_next();
  if (!j) {
    set.detach_all();
    co_return j.error();
  }
  co_return std::move(j->result);
}

}  // namespace prt
