// The pool behind ThreadPool and the runtime's blocking pool.
//
// Every counter and list below is guarded by PoolShared::m. The protocol:
//
//  1. pool_enqueue appends the job. If a thread is idle it claims that
//     thread for the job (idle - 1, wakeups + 1) and notifies one waiter.
//     Otherwise, below max_threads, it reserves a start (live + 1,
//     starting + 1) and starts the thread after unlocking; it also takes the
//     retired threads to join them. Claiming on the enqueuer's side is what
//     gives two jobs queued back to back two threads, not one thread twice.
//  2. A thread runs queued jobs in order until the queue is empty, then
//     idles (idle + 1) and waits. It leaves the wait when it can consume a
//     wakeup (its idle count was already taken by the claimer), when the
//     pool stops (idle - 1), or when the keep-alive passes with no wakeup
//     (idle - 1, live - 1): it then moves its node to `retired` and returns.
//     A thread whose node is not linked yet (step 3) does not retire.
//  3. The starter stores the new Thread in the node and links it under m
//     (starting - 1). A start that fails gives its reservation back; when no
//     thread is left at all, the queued jobs can never run and are cancelled.
//  4. pool_shutdown sets stopping (no enqueue, no start, no retirement from
//     then on), wakes every thread, cancels the queue or lets the threads
//     drain it, waits for starts in flight (starting == 0) and joins every
//     linked and retired thread. Nothing can be linked or retired after
//     that, so one pass joins them all.
#include "thread_pool.h"

#include <cstdio>

#include "condvar.h"
#include "mutex.h"

namespace prt::threading {
namespace detail {

struct PoolThread {
  PoolThread* next = nullptr;
  Thread thread;        // stored by the starter before `linked` is set
  bool linked = false;  // in PoolShared::running (step 3)
};

struct PoolShared {
  PoolConfig config;
  mutable Mutex m;
  Condvar work_ready;  // idle threads wait here
  Condvar started;     // shutdown waits here for starts in flight
  Job* head = nullptr;
  Job* tail = nullptr;
  bool stopping = false;
  std::size_t live = 0;      // threads reserved or running, not retired
  std::size_t idle = 0;      // waiting threads no job has claimed
  std::size_t wakeups = 0;   // claims not yet consumed by a waiting thread
  std::size_t starting = 0;  // reserved starts whose node is not linked yet
  std::size_t next_index = 0;
  PoolThread* running = nullptr;
  PoolThread* retired = nullptr;
};

namespace {

// The pool whose thread this is, and its node: a pool must not join itself.
thread_local PoolShared* tls_pool = nullptr;
thread_local PoolThread* tls_pool_thread = nullptr;

void join_and_free(PoolThread* list) noexcept {
  while (list) {
    PoolThread* next = list->next;
    (void)list->thread.join();
    prt::detail::delete_object(list);
    list = next;
  }
}

void cancel_all(Job* job, Error why) noexcept {
  while (job) {
    Job* next = job->next;
    job->cancel(job, why);
    job = next;
  }
}

void unlink(PoolThread*& list, PoolThread* node) noexcept {
  for (PoolThread** p = &list; *p; p = &(*p)->next) {
    if (*p == node) {
      *p = node->next;
      node->next = nullptr;
      return;
    }
  }
}

// Step 2: waits for a claim. False when the thread retires instead (m held throughout).
bool idle_wait(PoolShared* pool, PoolThread* self) noexcept {
  ++pool->idle;
  const std::int64_t keep_alive = pool->config.keep_alive_ns;
  std::int64_t deadline = keep_alive < 0 ? -1 : sys::monotonic_ns() + keep_alive;
  for (;;) {
    std::int64_t left = -1;
    if (deadline >= 0) left = deadline > sys::monotonic_ns() ? deadline - sys::monotonic_ns() : 0;
    bool timed_out = left == 0 || !pool->work_ready.wait_for(pool->m, left);
    if (pool->wakeups > 0) {
      --pool->wakeups;
      return true;
    }
    if (pool->stopping) {
      --pool->idle;
      return true;
    }
    if (timed_out && deadline >= 0) {
      if (self->linked) {
        --pool->idle;
        return false;
      }
      deadline = sys::monotonic_ns() + keep_alive;  // wait for the starter (step 3)
    }
  }
}

void worker_loop(PoolShared* pool, PoolThread* self) noexcept {
  tls_pool = pool;
  tls_pool_thread = self;
  pool->m.lock();
  for (;;) {
    if (Job* job = pool->head) {
      pool->head = job->next;
      if (!pool->head) pool->tail = nullptr;
      pool->m.unlock();
      job->run(job);
      pool->m.lock();
      continue;
    }
    if (pool->stopping) break;
    if (!idle_wait(pool, self)) {
      unlink(pool->running, self);
      self->linked = false;
      self->next = pool->retired;
      pool->retired = self;
      break;
    }
  }
  --pool->live;
  pool->m.unlock();
}

// Step 3, for a start reserved under m.
Result<void> start_thread(PoolShared* pool) noexcept {
  std::size_t index;
  {
    MutexGuard g(pool->m);
    index = pool->next_index++;
  }
  ThreadOptions to;
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, "-%zu", index);
  to.name = pool->config.name_prefix + suffix;
  to.stack_size = pool->config.stack_size;
  auto* node = prt::detail::new_object<PoolThread>();
  Result<Thread> t = node ? Thread::spawn([pool, node] { worker_loop(pool, node); }, to)
                          : Result<Thread>(Error(ErrorKind::Other, "out of memory: thread pool"));
  Job* orphans = nullptr;
  {
    MutexGuard g(pool->m);
    --pool->starting;
    if (t) {
      node->thread = std::move(*t);
      node->linked = true;
      node->next = pool->running;
      pool->running = node;
    } else {
      --pool->live;
      if (pool->live == 0) {
        orphans = pool->head;
        pool->head = pool->tail = nullptr;
      }
    }
    if (pool->stopping && pool->starting == 0) pool->started.notify_all();
  }
  if (t) return {};
  prt::detail::delete_object(node);
  cancel_all(orphans, t.error());
  return t.error();
}

}  // namespace

Result<PoolShared*> pool_create(const PoolConfig& config) noexcept {
  auto* pool = prt::detail::new_object<PoolShared>();
  if (!pool) return Error(ErrorKind::Other, "out of memory: thread pool");
  pool->config = config;
  if (config.keep_alive_ns >= 0) return pool;  // threads start on demand
  for (std::size_t i = 0; i < config.max_threads; ++i) {
    {
      MutexGuard g(pool->m);
      ++pool->live;
      ++pool->starting;
    }
    if (auto started = start_thread(pool); !started) {
      pool_destroy(pool);  // joins the threads started so far
      return started.error();
    }
  }
  return pool;
}

bool pool_enqueue(PoolShared* pool, Job* job) noexcept {
  bool wake = false;
  bool start = false;
  PoolThread* reap = nullptr;
  {
    MutexGuard g(pool->m);
    if (pool->stopping) return false;
    job->next = nullptr;
    if (pool->tail) pool->tail->next = job;
    else pool->head = job;
    pool->tail = job;
    if (pool->idle > 0) {
      --pool->idle;
      ++pool->wakeups;
      wake = true;
    } else if (pool->live < pool->config.max_threads) {
      ++pool->live;
      ++pool->starting;
      start = true;
      reap = std::exchange(pool->retired, nullptr);
    }
  }
  if (wake) pool->work_ready.notify_one();
  join_and_free(reap);
  if (start) (void)start_thread(pool);  // a failure cancels what can never run
  return true;
}

bool pool_shutdown(PoolShared* pool, ShutdownMode mode) noexcept {
  Job* cancelled = nullptr;
  {
    MutexGuard g(pool->m);
    pool->stopping = true;
    if (mode == ShutdownMode::CancelQueued) {
      cancelled = std::exchange(pool->head, nullptr);
      pool->tail = nullptr;
    }
  }
  pool->work_ready.notify_all();
  cancel_all(cancelled, Error(ErrorKind::Cancelled, "the pool shut down before the work ran"));
  PoolThread* all;
  {
    MutexGuard g(pool->m);
    while (pool->starting > 0) pool->started.wait(pool->m);
    all = std::exchange(pool->running, nullptr);
    while (PoolThread* r = pool->retired) {
      pool->retired = r->next;
      r->next = all;
      all = r;
    }
  }
  // Step 4. A job that shuts its own pool down cannot join its own thread:
  // that node goes back on the list for the destructor (on another thread).
  const bool from_inside = tls_pool == pool;
  if (from_inside) unlink(all, tls_pool_thread);
  join_and_free(all);
  if (from_inside) {
    MutexGuard g(pool->m);
    tls_pool_thread->next = pool->running;
    pool->running = tls_pool_thread;
  }
  return !from_inside;
}

void pool_destroy(PoolShared* pool) noexcept {
  if (!pool_shutdown(pool, ShutdownMode::Drain)) {
    // Destroyed by one of its own jobs: this thread still runs the pool's
    // loop after the job returns, so the pool must outlive it. Leaking the
    // few bytes is the only sound choice; the thread ends with the job.
    tls_pool_thread->thread = Thread();  // detached by the move-assignment
    return;
  }
  prt::detail::delete_object(pool);
}

bool pool_owns_current_thread(const PoolShared* pool) noexcept { return pool && tls_pool == pool; }

std::size_t pool_threads(const PoolShared* pool) noexcept {
  MutexGuard g(pool->m);
  return pool->live;
}

}  // namespace detail

Result<ThreadPool> ThreadPool::create(const Options& options) noexcept {
  std::size_t n = options.threads == 0 ? sys::cpu_count() : options.threads;
  if (n > 1024) return Error(ErrorKind::Runtime, "ThreadPool.Options.threads must be between 1 and 1024");
  if (options.stack_size != 0 &&
      (options.stack_size < sys::min_stack_size() || options.stack_size > (std::size_t{1} << 30))) {
    return Error(ErrorKind::Spawn, "ThreadPool.Options.stack_size must be 0 or between 16 KiB and 1 GiB");
  }
  detail::PoolConfig config;
  config.max_threads = n;
  config.keep_alive_ns = options.keep_alive_ns;
  config.name_prefix = options.name_prefix;
  config.stack_size = options.stack_size;
  auto pool = detail::pool_create(config);
  if (!pool) return pool.error();
  return ThreadPool(*pool);
}

void ThreadPool::shutdown(ShutdownMode mode) noexcept {
  if (shared_) (void)detail::pool_shutdown(shared_, mode);
}

std::size_t ThreadPool::size() const noexcept { return shared_ ? detail::pool_threads(shared_) : 0; }

void ThreadPool::destroy() noexcept {
  if (shared_) detail::pool_destroy(std::exchange(shared_, nullptr));
}

}  // namespace prt::threading
