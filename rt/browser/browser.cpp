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
#include <utility>

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

// ---- 6. Host loop ----------------------------------------------------------
//
// The browser's main thread (the "main runtime thread": without
// PROXY_TO_PTHREAD, where main() runs) has an event loop that a program
// returns to. A scheduled call is a setTimeout; a wake from a worker is a
// call dispatched to the main thread's queue, and from the main thread
// itself a setTimeout(0).
//
// Wakes race with destroy: a wake already dispatched runs after the loop may
// be gone. So the dispatched call carries the loop's id, not its address,
// and looks it up in a table only the main thread touches; a destroyed loop
// is not found and the call does nothing. The address itself stays valid
// for a waker on another thread as long as the runtime that owns the loop
// does, which is the runtime's contract with its users.

struct HostLoop {
  void (*run)(void*) = nullptr;
  void* arg = nullptr;
  std::uint32_t id = 0;
  long timeout = 0;  // emscripten_set_timeout's id, 0 when none is scheduled
  // 1 while a wake is on its way: set by host_loop_wake (any thread), cleared
  // by the main thread just before it calls run. acq_rel: the waker's work
  // (pushed before the swap) is seen by the run that clears the flag; a
  // wake after the clear sends another call, so none is lost.
  std::atomic<std::uint32_t> wake_in_flight{0};
};

namespace {

// Main thread only: the live loops by id (few: one per runtime in the mode).
struct LoopTable {
  HostLoop** slots = nullptr;
  std::uint32_t count = 0;
  std::uint32_t capacity = 0;
  std::uint32_t next_id = 1;
};
LoopTable loop_table;

HostLoop* find_loop(std::uint32_t id) {
  for (std::uint32_t i = 0; i < loop_table.count; ++i) {
    if (loop_table.slots[i]->id == id) return loop_table.slots[i];
  }
  return nullptr;
}

void run_scheduled(void* raw) {
  auto* loop = static_cast<HostLoop*>(raw);  // a cleared timeout never fires
  loop->timeout = 0;
  loop->run(loop->arg);
}

void run_woken(void* raw_id) {
  HostLoop* loop = find_loop(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(raw_id)));
  if (!loop) return;  // destroyed after the wake was sent
  loop->wake_in_flight.store(0, std::memory_order_seq_cst);
  loop->run(loop->arg);
}

}  // namespace

bool host_loop_supported() noexcept { return true; }

Result<HostLoop*> host_loop_create(void (*run)(void*), void* arg) noexcept {
  if (!emscripten_is_main_runtime_thread()) {
    return Error(ErrorKind::PlatformNotSupported,
                 "host_loop_create: the browser's event loop runs on the main thread (build without PROXY_TO_PTHREAD)");
  }
  if (loop_table.count == loop_table.capacity) {
    const std::uint32_t n = loop_table.capacity ? loop_table.capacity * 2 : 4;
    auto** slots = static_cast<HostLoop**>(PRT_ALLOC(n * sizeof(HostLoop*)));
    if (!slots) return Error(ErrorKind::Other, "out of memory: host loop");
    if (loop_table.count) memcpy(slots, loop_table.slots, loop_table.count * sizeof(HostLoop*));
    if (loop_table.slots) PRT_FREE(loop_table.slots, loop_table.capacity * sizeof(HostLoop*));
    loop_table.slots = slots;
    loop_table.capacity = n;
  }
  HostLoop* loop = detail::new_object<HostLoop>();
  if (!loop) return Error(ErrorKind::Other, "out of memory: host loop");
  loop->run = run;
  loop->arg = arg;
  loop->id = loop_table.next_id++;
  loop_table.slots[loop_table.count++] = loop;
  return loop;
}

void host_loop_schedule(HostLoop* loop, std::int64_t delay_ns) noexcept {
  if (loop->timeout) emscripten_clear_timeout(std::exchange(loop->timeout, 0));
  if (delay_ns >= 0) loop->timeout = emscripten_set_timeout(run_scheduled, static_cast<double>(delay_ns) / 1e6, loop);
}

void host_loop_wake(HostLoop* loop) noexcept {
  if (loop->wake_in_flight.exchange(1, std::memory_order_seq_cst) != 0) return;
  void* id = reinterpret_cast<void*>(static_cast<std::uintptr_t>(loop->id));
  if (emscripten_is_main_runtime_thread()) {
    (void)emscripten_set_timeout(run_woken, 0, id);
  } else {
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_VI, run_woken, id);
  }
}

void host_loop_destroy(HostLoop* loop) noexcept {
  host_loop_schedule(loop, -1);
  for (std::uint32_t i = 0; i < loop_table.count; ++i) {
    if (loop_table.slots[i] == loop) {
      loop_table.slots[i] = loop_table.slots[--loop_table.count];
      break;
    }
  }
  detail::delete_object(loop);
}

}  // namespace prt::sys
