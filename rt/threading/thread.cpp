#include "thread.h"

namespace prt::threading {
namespace detail {
namespace {

void thread_entry(void* arg) {
  auto* s = static_cast<ThreadState*>(arg);
  s->run(s);
  s->finished.store(1, std::memory_order_release);
  release(s);
}

}  // namespace

void release(ThreadState* s) noexcept {
  if (s->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) s->destroy(s);
}

Result<sys::Thread> start(ThreadState* s, const ThreadOptions& options) noexcept {
  if (options.stack_size != 0 && options.stack_size > (std::size_t{1} << 30)) {
    s->destroy(s);
    return Error(ErrorKind::Spawn, "ThreadOptions.stack_size is above 1 GiB");
  }
  sys::ThreadOptions o;
  o.name = options.name.empty() ? nullptr : options.name.c_str();
  o.stack_size = options.stack_size;
  auto t = sys::thread_start(thread_entry, s, o);
  if (!t) s->destroy(s);  // the thread never started: nobody else holds it
  return t;
}

}  // namespace detail

Result<void> Thread::join() noexcept {
  if (!state_) return Error(ErrorKind::Join, "Thread::join: no thread (empty, already joined or detached)");
  if (sys::thread_is_current(native_)) return Error(ErrorKind::Join, "Thread::join: a thread cannot join itself");
  auto r = sys::thread_join(native_);
  if (!r) return r.error();
  detail::release(std::exchange(state_, nullptr));
  return {};
}

void Thread::detach() noexcept {
  if (!state_) return;
  (void)sys::thread_detach(native_);
  detail::release(std::exchange(state_, nullptr));
}

}  // namespace prt::threading
