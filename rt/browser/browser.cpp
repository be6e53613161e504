// The platform contract (rt/platform.h) in the browser and under Node.js,
// built with emscripten and -pthread: performance's shared clock,
// Atomics.wait/notify (emscripten_futex_wait/wake) for parking, Web Workers
// (emscripten's pthreads) for threads, and no file descriptors.
//
// Threads and what may block:
//  - Workers may block: parking and the poller's wait are Atomics.wait.
//  - The browser's main thread must not: browsers forbid Atomics.wait there.
//    emscripten_futex_wait on the main thread spins instead (and runs the
//    calls other threads proxied to it meanwhile), so a lock taken there
//    briefly still works; a long wait would freeze the page, which is why
//    programs run their runtime on a worker (-sPROXY_TO_PTHREAD) or drive it
//    from the event loop.
//
// The poller has no handles to watch: it is a timed wait on one word that
// poller_wake sets. Wake protocol (poller_wake from any thread, poller_wait
// on the loop's thread):
//  1. A waker publishes its work (pushes to a queue the loop reads), then
//     swaps `wake_word` to 1; only the swap that finds 0 calls
//     Atomics.notify, so a burst of wakes costs one notify.
//  2. The loop swaps `wake_word` to 0 before it waits: finding 1 means a
//     wake is pending, and it returns at once.
//  3. Otherwise it waits while the word is still 0; a wake between its swap
//     and the wait changes the word, and Atomics.wait returns at once.
//  4. After the wait it swaps the word to 0 again (consuming the wake) and
//     returns; the caller then checks its queues.
// The waker's swap is a release and the loop's an acquire on the same word,
// so the queue check after step 2 or 4 sees the work published in step 1.
#include <emscripten.h>
#include <emscripten/threading.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <cmath>
#include <cstdio>

#include "../memory.h"
#include "../platform.h"
#include "../posix/threads.h"

namespace prt::sys {

// ---- 1. Clock ---------------------------------------------------------------

namespace {
// performance.now() counts from the calling context's own time origin, and
// every worker has its own: a deadline computed on one thread and checked on
// another would be off by the distance between their origins (emscripten's
// estimate of it let sleeps end 10 us early in Chromium). timeOrigin + now
// is on the clock all contexts share. In milliseconds, since 1970: a double
// keeps that to a quarter of a microsecond; browsers coarsen now() further
// (5 us when cross-origin isolated), Node does not.
EM_JS(double, prt_shared_now_ms, (), { return performance.timeOrigin + performance.now(); });
}  // namespace

std::int64_t monotonic_ns() noexcept { return static_cast<std::int64_t>(prt_shared_now_ms() * 1e6); }

// ---- 2. Parking -------------------------------------------------------------

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t),
              "futex words must be plain 32-bit integers");

namespace {

double to_ms(std::int64_t timeout_ns) { return timeout_ns < 0 ? INFINITY : static_cast<double>(timeout_ns) / 1e6; }

// Atomics.wait on `word` while it holds `expected`: 0 when woken (or the
// word differed), -ETIMEDOUT when the time ran out.
int futex_wait(const std::atomic<std::uint32_t>* word, std::uint32_t expected, std::int64_t timeout_ns) {
  auto* addr = const_cast<std::atomic<std::uint32_t>*>(word);
  return emscripten_futex_wait(addr, expected, to_ms(timeout_ns));
}

}  // namespace

bool park(const std::atomic<std::uint32_t>* word, std::uint32_t expected, std::int64_t timeout_ns) noexcept {
  return futex_wait(word, expected, timeout_ns) != -ETIMEDOUT;
}

void unpark_one(const std::atomic<std::uint32_t>* word) noexcept {
  emscripten_futex_wake(const_cast<std::atomic<std::uint32_t>*>(word), 1);
}

void unpark_all(const std::atomic<std::uint32_t>* word) noexcept {
  emscripten_futex_wake(const_cast<std::atomic<std::uint32_t>*>(word), INT32_MAX);
}

// ---- 3. Poller --------------------------------------------------------------

struct Poller {
  // 1 while a wake is pending. Swapped to 1 by poller_wake (any thread,
  // release: publishes the waker's work) and to 0 by poller_wait (the loop,
  // acquire: sees it); see the protocol at the top of the file. Relaxed
  // swaps would let the loop's queue check after a wake miss the work the
  // wake announced.
  std::atomic<std::uint32_t> wake_word{0};
};

Result<Poller*> poller_create(std::uint32_t) noexcept {
  Poller* p = detail::new_object<Poller>();
  if (!p) return Error(ErrorKind::Other, "out of memory: poller");
  return p;
}

void poller_destroy(Poller* p) noexcept {
  if (p) detail::delete_object(p);
}

Result<void> poller_register(Poller*, RawFd, std::uint32_t, void*) noexcept {
  return Error(ErrorKind::PlatformNotSupported, "poller_register: the browser has no file descriptors");
}

Result<void> poller_deregister(Poller*, RawFd) noexcept {
  return Error(ErrorKind::Io, "poller_deregister: handle not registered", ENOENT);
}

Result<int> poller_wait(Poller* p, PollEvent*, int, std::int64_t timeout_ns) noexcept {
  // Step 2: a pending wake ends the wait before it starts.
  if (p->wake_word.exchange(0, std::memory_order_acq_rel) != 0 || timeout_ns == 0) return 0;
  const std::int64_t deadline = timeout_ns > 0 ? monotonic_ns() + timeout_ns : 0;
  for (;;) {
    const std::int64_t left = timeout_ns < 0 ? -1 : deadline - monotonic_ns();
    if (timeout_ns > 0 && left <= 0) return 0;
    (void)futex_wait(&p->wake_word, 0, left);  // step 3
    if (p->wake_word.exchange(0, std::memory_order_acq_rel) != 0) return 0;  // step 4
    // No wake: the time ran out, perhaps a little early (Atomics.wait counts
    // in coarsened milliseconds), or the wait ended spuriously. Wait for the
    // rest, so a timed wait never returns early.
  }
}

void poller_rearm(Poller*, RawFd, std::uint32_t) noexcept {}  // nothing is ever registered

void poller_wake(Poller* p) noexcept {
  // Step 1.
  if (p->wake_word.exchange(1, std::memory_order_acq_rel) == 0) emscripten_futex_wake(&p->wake_word, 1);
}

// ---- 4. Threads -------------------------------------------------------------
// pthreads, which emscripten runs as Web Workers: rt/posix/threads.cpp. A
// worker's name shows in the developer tools.

void posix::set_current_thread_name(const char* name) noexcept {
  emscripten_set_thread_name(pthread_self(), name);
}

bool threads_supported() noexcept { return true; }

// ---- 5. Odds ----------------------------------------------------------------

std::uint64_t precise_timers_begin() noexcept { return 0; }
void precise_timers_end(std::uint64_t) noexcept {}

std::size_t cpu_count() noexcept {
  const int n = emscripten_num_logical_cores();  // navigator.hardwareConcurrency
  return n > 0 ? static_cast<std::size_t>(n) : 1;
}

std::size_t max_thread_name() noexcept { return 15; }

std::size_t min_stack_size() noexcept { return 16 * 1024; }

void describe_os_error(int code, char* buf, std::size_t size) noexcept {
  if (size == 0) return;
  std::snprintf(buf, size, "%s", strerror(code));
}

}  // namespace prt::sys
