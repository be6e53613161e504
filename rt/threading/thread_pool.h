// prt::threading::ThreadPool — threads running submitted work in submission
// order (concurrent.futures.ThreadPoolExecutor's model).
//
//   auto pool = prt::threading::ThreadPool::create({.threads = 4});
//   auto f = pool->submit([] { return 6 * 7; });      // Future<int>
//   prt::Result<int> r = f.get();
//   auto squares = pool->map(std::vector<int>{1, 2, 3}, [](int x) { return x * x; });
//
// A function may return a plain value, a Result<U> (Future<U>) or nothing
// (Future<void>). shutdown() stops the pool: Drain runs the queued work
// first; CancelQueued completes the queued work's futures with
// ErrorKind::Cancelled instead. Submitting after shutdown yields a future
// that reports ErrorKind::Runtime. The destructor drains and joins.
//
// By default the threads start with the pool and live until it shuts down.
// With a keep-alive they start on demand, one per job that finds no idle
// thread (up to `threads`), and exit after idling that long: the runtime's
// blocking pool (prt::spawn_blocking, rt/blocking.h) is such a pool.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../memory.h"
#include "../result.h"
#include "future.h"
#include "thread.h"

namespace prt::threading {

namespace detail {

struct Job {
  Job* next = nullptr;
  void (*run)(Job*) = nullptr;            // runs and frees the job
  void (*cancel)(Job*, Error) = nullptr;  // completes it with the error instead, frees it
};

template <class R>
struct result_of_work {
  using type = R;
};
template <class U>
struct result_of_work<Result<U>> {
  using type = U;
};

template <class F, class T>
struct JobBox final : Job {
  F fn;
  FutureState<T>* state;
  JobBox(F&& f, FutureState<T>* s) : fn(std::move(f)), state(s) {
    run = [](Job* j) {
      auto* self = static_cast<JobBox*>(j);
      if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
        self->fn();
        self->state->set(Result<void>{});
      } else {
        self->state->set(Result<T>(self->fn()));
      }
      finish(self);
    };
    cancel = [](Job* j, Error why) {
      auto* self = static_cast<JobBox*>(j);
      self->state->set(why);
      finish(self);
    };
  }
  static void finish(JobBox* self) {
    self->state->release();
    prt::detail::delete_object(self);
  }
};

}  // namespace detail

enum class ShutdownMode { Drain, CancelQueued };

namespace detail {

// The pool machinery, shared by ThreadPool and the runtime's blocking pool.
struct PoolConfig {
  std::size_t max_threads = 1;
  std::int64_t keep_alive_ns = -1;  // < 0: threads start at once and never idle out
  std::string name_prefix;
  std::size_t stack_size = 0;
};
struct PoolShared;
Result<PoolShared*> pool_create(const PoolConfig& config) noexcept;
// Queues the job; false once the pool is shut down (the caller keeps it).
// A job that can never run (no thread could be started) is cancelled.
bool pool_enqueue(PoolShared* pool, Job* job) noexcept;
// Stops taking jobs, drains or cancels the queued ones and joins every
// thread. Idempotent. From one of the pool's own threads it cannot join:
// it stops the pool, joins the others and returns false.
bool pool_shutdown(PoolShared* pool, ShutdownMode mode) noexcept;
void pool_destroy(PoolShared* pool) noexcept;  // shuts down, then frees
std::size_t pool_threads(const PoolShared* pool) noexcept;  // started, not yet exited
bool pool_owns_current_thread(const PoolShared* pool) noexcept;

}  // namespace detail

class ThreadPool {
 public:
  struct Options {
    std::size_t threads = 0;            // 0: one per CPU; at most 1024
    std::string name_prefix = "prt-pool";
    std::size_t stack_size = 0;
    std::int64_t keep_alive_ns = -1;    // >= 0: start threads on demand, retire
                                        // them after idling this long
  };

  static Result<ThreadPool> create(const Options& options) noexcept;
  static Result<ThreadPool> create() noexcept { return create(Options{}); }

  ThreadPool(ThreadPool&& o) noexcept : shared_(std::exchange(o.shared_, nullptr)) {}
  ThreadPool& operator=(ThreadPool&& o) noexcept {
    if (this != &o) {
      destroy();
      shared_ = std::exchange(o.shared_, nullptr);
    }
    return *this;
  }
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool() { destroy(); }

  template <class F>
  auto submit(F&& f) noexcept -> Future<typename detail::result_of_work<std::invoke_result_t<std::decay_t<F>&>>::type> {
    using T = typename detail::result_of_work<std::invoke_result_t<std::decay_t<F>&>>::type;
    auto* state = prt::detail::new_object<detail::FutureState<T>>();
    if (!state) return failed<T>(Error(ErrorKind::Other, "out of memory: ThreadPool::submit"));
    using Box = detail::JobBox<std::decay_t<F>, T>;
    auto* job = prt::detail::new_object<Box>(std::decay_t<F>(std::forward<F>(f)), state);
    if (!job) {
      state->release();
      state->release();
      return failed<T>(Error(ErrorKind::Other, "out of memory: ThreadPool::submit"));
    }
    if (!shared_ || !detail::pool_enqueue(shared_, job)) {
      state->set(Error(ErrorKind::Runtime, "ThreadPool is shut down"));
      Box::finish(job);
    }
    return Future<T>(state);
  }

  // Runs f on every item, in parallel; results in input order.
  template <class T, class F>
  auto map(const std::vector<T>& items, F f) noexcept
      -> std::vector<Result<typename detail::result_of_work<std::invoke_result_t<F&, const T&>>::type>> {
    using R = typename detail::result_of_work<std::invoke_result_t<F&, const T&>>::type;
    std::vector<Future<R>> futures;
    futures.reserve(items.size());
    for (const T& item : items) futures.push_back(submit([f, item]() mutable { return f(item); }));
    std::vector<Result<R>> out;
    out.reserve(items.size());
    for (auto& fu : futures) out.push_back(fu.get());
    return out;
  }

  // Stops the pool and joins its threads; idempotent. From inside one of the
  // pool's jobs it stops the pool but cannot join its own thread: that is
  // left to the destructor, which must then run on another thread.
  void shutdown(ShutdownMode mode = ShutdownMode::Drain) noexcept;
  std::size_t size() const noexcept;  // threads running now

 private:
  explicit ThreadPool(detail::PoolShared* s) noexcept : shared_(s) {}
  void destroy() noexcept;

  template <class T>
  static Future<T> failed(Error e) noexcept {
    auto* state = prt::detail::new_object<detail::FutureState<T>>();
    if (!state) return Future<T>();  // get() then reports an empty Future
    state->set(e);
    state->release();  // the producer's reference
    return Future<T>(state);
  }

  detail::PoolShared* shared_ = nullptr;
};

}  // namespace prt::threading
