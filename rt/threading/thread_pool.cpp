#include "thread_pool.h"

#include <cstdio>

#include "condvar.h"
#include "mutex.h"

namespace prt::threading {
namespace detail {

struct PoolShared {
  Mutex m;
  Condvar work_ready;
  // Guarded by m: the FIFO of queued jobs and whether shutdown began.
  Job* head = nullptr;
  Job* tail = nullptr;
  bool stopping = false;
  std::vector<Thread> threads;  // written before the workers start and at shutdown
};

bool pool_enqueue(PoolShared* pool, Job* job) noexcept {
  {
    MutexGuard g(pool->m);
    if (pool->stopping) return false;
    job->next = nullptr;
    if (pool->tail) pool->tail->next = job;
    else pool->head = job;
    pool->tail = job;
  }
  pool->work_ready.notify_one();
  return true;
}

namespace {

void worker_loop(PoolShared* pool) {
  for (;;) {
    Job* job;
    {
      MutexGuard g(pool->m);
      while (!pool->head && !pool->stopping) pool->work_ready.wait(pool->m);
      job = pool->head;
      if (!job) return;  // stopping, and nothing left
      pool->head = job->next;
      if (!pool->head) pool->tail = nullptr;
    }
    job->run(job);
  }
}

}  // namespace
}  // namespace detail

Result<ThreadPool> ThreadPool::create(const Options& options) noexcept {
  std::size_t n = options.threads == 0 ? sys::cpu_count() : options.threads;
  if (n > 1024) return Error(ErrorKind::Runtime, "ThreadPool.Options.threads must be between 1 and 1024");
  auto* pool = prt::detail::new_object<detail::PoolShared>();
  if (!pool) return Error(ErrorKind::Other, "out of memory: ThreadPool");
  pool->threads.reserve(n);
  ThreadPool result(pool);
  for (std::size_t i = 0; i < n; ++i) {
    ThreadOptions to;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%zu", i);
    to.name = options.name_prefix + suffix;
    to.stack_size = options.stack_size;
    auto t = Thread::spawn([pool] { detail::worker_loop(pool); }, to);
    if (!t) {
      result.shutdown(ShutdownMode::CancelQueued);  // joins the threads started so far
      return t.error();
    }
    pool->threads.push_back(std::move(*t));
  }
  return result;
}

void ThreadPool::shutdown(ShutdownMode mode) noexcept {
  if (!shared_) return;
  detail::Job* cancelled = nullptr;
  {
    MutexGuard g(shared_->m);
    shared_->stopping = true;
    if (mode == ShutdownMode::CancelQueued) {
      cancelled = shared_->head;
      shared_->head = shared_->tail = nullptr;
    }
  }
  shared_->work_ready.notify_all();
  while (cancelled) {
    detail::Job* next = cancelled->next;
    cancelled->cancel(cancelled);
    cancelled = next;
  }
  for (Thread& t : shared_->threads) (void)t.join();
  shared_->threads.clear();
}

std::size_t ThreadPool::size() const noexcept { return shared_ ? shared_->threads.size() : 0; }

void ThreadPool::destroy() noexcept {
  if (!shared_) return;
  shutdown(ShutdownMode::Drain);
  prt::detail::delete_object(std::exchange(shared_, nullptr));
}

}  // namespace prt::threading
