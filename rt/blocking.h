// prt::spawn_blocking(f) — runs a function that blocks (a file read, a
// lock, a long computation) on the runtime's blocking pool, away from the
// threads that run tasks, and hands back a JoinHandle for its result.
//
//   prt::JoinHandle<std::string> h = prt::spawn_blocking([] { return read_file("a.txt"); });
//   prt::Result<std::string> text = co_await h;
//
// - f returns a value (JoinHandle<U>), a Result<U> (JoinHandle<U>, its error
//   passed through) or nothing (JoinHandle<void>). It runs on a pool thread,
//   outside any runtime: prt::spawn there reports ErrorKind::Spawn.
// - The pool starts a thread for each job that finds no idle one, up to
//   RuntimeConfig::max_blocking_threads (default 512); later jobs wait in
//   submission order. A thread idle for RuntimeConfig::blocking_keep_alive
//   (default 10 s) exits. RuntimeStats::blocking_threads counts them.
// - abort() before a pool thread has picked the job up: it never runs, and
//   the handle reports Cancelled. After: a thread cannot be interrupted, so
//   f runs to completion and its result is dropped; the handle reports
//   Cancelled at once (asyncio's run_in_executor behaves the same way).
// - Runtime shutdown cancels the tasks first (the handles report
//   Cancelled), then the queued jobs (they never run), then waits for the
//   running ones.
// - On a single-threaded runtime a task awaiting the handle is woken from
//   the pool thread; the loop does not call the wait a deadlock.
// - Outside a runtime, or once it has shut down, the handle reports
//   ErrorKind::Spawn and f never runs.
// - On a target without threads (WASI) f runs inline, in a task of its own,
//   when the runtime first runs that task; see run_blocking_inline.
#pragma once

#include <type_traits>
#include <utility>

#include "join_handle.h"
#include "memory.h"
#include "oneshot.h"
#include "platform.h"
#include "task.h"
#include "threading/thread_pool.h"

namespace prt {

namespace detail {

template <class F>
using blocking_result_t = typename threading::detail::result_of_work<std::invoke_result_t<F&>>::type;

// A queued call of f. It holds the sending side of the task's oneshot: the
// receiver closing (the task ended, aborted) is how it learns not to start.
template <class T, class F>
struct BlockingJob final : threading::detail::Job {
  F fn;
  OneshotSender<Result<T>> tx;

  BlockingJob(F&& f, OneshotSender<Result<T>> s) noexcept : fn(std::move(f)), tx(std::move(s)) {
    run = [](threading::detail::Job* j) {
      auto* self = static_cast<BlockingJob*>(j);
      if (!self->tx.is_closed()) {  // nobody was waiting any more: do not start
        if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
          self->fn();
          (void)self->tx.send(Result<T>{});
        } else {
          (void)self->tx.send(Result<T>(self->fn()));
        }
      }
      delete_object(self);
    };
    cancel = [](threading::detail::Job* j, Error why) {
      auto* self = static_cast<BlockingJob*>(j);
      (void)self->tx.send(Result<T>(why));
      delete_object(self);
    };
  }
};

// The task behind the handle: waits for the job's result. The receiver is a
// local, not the parameter, so that it closes as soon as the task ends (see
// "parameters" in rt/join_handle.h) and an aborted job is skipped.
template <class T>
Task<T> await_blocking(OneshotReceiver<Result<T>> rx_param) {
  OneshotReceiver<Result<T>> rx = std::move(rx_param);
  Result<Result<T>> r = co_await rx;
  if (!r) co_return r.error();
  co_return std::move(*r);
}

// Where there are no threads (WASI): f runs inline, as a task of its own,
// when the runtime first runs that task. It holds the loop while it runs,
// which is what any blocking call does on a one-thread target; abort before
// it starts means it never runs, as with the pool.
template <class T, class F>
Task<T> run_blocking_inline(F f_param) {
  F f = std::move(f_param);
  if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
    f();
    co_return Result<T>{};
  } else {
    co_return Result<T>(f());
  }
}

template <class F>
JoinHandle<blocking_result_t<std::decay_t<F>>> spawn_blocking_on(Scheduler* s, F&& f) noexcept {
  using T = blocking_result_t<std::decay_t<F>>;
  using Job = BlockingJob<T, std::decay_t<F>>;
  if (!s || !s->blocking_pool()) {
    return Spawner::failed<T>(Error(ErrorKind::Spawn, "spawn_blocking called outside a runtime"));
  }
  if (!sys::threads_supported()) {
    return Spawner::spawn(s, run_blocking_inline<T, std::decay_t<F>>(std::decay_t<F>(std::forward<F>(f))));
  }
  auto* state = new_object<OneshotState<Result<T>>>();  // not oneshot(): it aborts when out of memory
  if (!state) return Spawner::failed<T>(Error(ErrorKind::Other, "out of memory: spawn_blocking"));
  OneshotReceiver<Result<T>> rx(state);
  auto* job = new_object<Job>(std::decay_t<F>(std::forward<F>(f)), OneshotSender<Result<T>>(state));
  if (!job) return Spawner::failed<T>(Error(ErrorKind::Other, "out of memory: spawn_blocking"));
  // The task first: if the runtime refuses it, its receiver is gone and the
  // job, cancelled below or skipped when it runs, never calls f.
  JoinHandle<T> handle = Spawner::spawn(s, await_blocking<T>(std::move(rx)));
  if (!threading::detail::pool_enqueue(s->blocking_pool(), job)) {
    job->cancel(job, Error(ErrorKind::Spawn, "spawn_blocking: the runtime is shut down"));
  }
  return handle;
}

}  // namespace detail

// Runs f on the blocking pool of the runtime running the calling task.
template <class F>
JoinHandle<detail::blocking_result_t<std::decay_t<F>>> spawn_blocking(F&& f) noexcept {
  return detail::spawn_blocking_on(detail::tls_context.scheduler, std::forward<F>(f));
}

}  // namespace prt
