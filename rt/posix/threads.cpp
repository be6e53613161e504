// Threads of the platform contract (rt/platform.h, part 4) on pthreads:
// Linux and the other native POSIX systems, and emscripten, whose pthreads
// are Web Workers. The platform file that includes this in the build sets
// the thread's name (the one call that differs) and says threads_supported.
#include <pthread.h>
#include <string.h>

#include "../memory.h"
#include "../platform.h"
#include "threads.h"

namespace prt::sys {

namespace {
struct StartBlock {
  void (*entry)(void*);
  void* arg;
  char name[16];
};

void* thread_main(void* raw) {
  StartBlock block = *static_cast<StartBlock*>(raw);
  detail::delete_object(static_cast<StartBlock*>(raw));
  if (block.name[0]) posix::set_current_thread_name(block.name);
  block.entry(block.arg);
  return nullptr;
}
}  // namespace

Result<Thread> thread_start(void (*entry)(void*), void* arg, const ThreadOptions& options) noexcept {
  if (options.stack_size != 0 && options.stack_size < min_stack_size()) {
    return Error(ErrorKind::Spawn, "thread stack size below the platform minimum");
  }
  StartBlock* block = detail::new_object<StartBlock>(StartBlock{entry, arg, {}});
  if (!block) return Error(ErrorKind::Other, "out of memory: thread start");
  if (options.name) {
    std::size_t n = strnlen(options.name, sizeof block->name - 1);
    memcpy(block->name, options.name, n);
    block->name[n] = '\0';
  }
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  if (options.stack_size != 0) {
    int rc = pthread_attr_setstacksize(&attr, options.stack_size);
    if (rc != 0) {
      pthread_attr_destroy(&attr);
      detail::delete_object(block);
      return Error(ErrorKind::Spawn, "pthread_attr_setstacksize", rc);
    }
  }
  pthread_t tid;
  int rc = pthread_create(&tid, &attr, thread_main, block);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    detail::delete_object(block);
    return Error(ErrorKind::Spawn, "pthread_create", rc);
  }
  return Thread{static_cast<std::uintptr_t>(tid)};
}

Result<void> thread_join(Thread thread) noexcept {
  int rc = pthread_join(static_cast<pthread_t>(thread.native), nullptr);
  if (rc != 0) return Error(ErrorKind::Join, "pthread_join", rc);
  return {};
}

bool thread_is_current(Thread thread) noexcept {
  return pthread_equal(static_cast<pthread_t>(thread.native), pthread_self()) != 0;
}

Result<void> thread_detach(Thread thread) noexcept {
  int rc = pthread_detach(static_cast<pthread_t>(thread.native));
  if (rc != 0) return Error(ErrorKind::Join, "pthread_detach", rc);
  return {};
}

}  // namespace prt::sys
