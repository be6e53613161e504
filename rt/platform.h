// The platform contract (internal): everything the portable core asks of the
// operating system. rt/native (Linux today; kqueue and IOCP next), rt/wasi and
// rt/browser each implement exactly this header and nothing more, and the
// build compiles exactly one of them (with rt/posix/threads.cpp, the
// pthreads part Linux and the browser share). No other file in rt/ names an
// OS.
//
//  1. Clock     monotonic_ns: a clock that never goes backwards.
//  2. Parking   park / unpark_one / unpark_all: block a thread while a 32-bit
//               word holds an expected value (a futex; Atomics.wait).
//  3. Poller    one object per event loop: readiness of registered handles,
//               a wait with a nanosecond timeout, and a wake that any thread
//               may call to end a current or the next wait early.
//  4. Threads   thread_start / thread_join / thread_detach, with a name and a
//               stack size; threads_supported says whether there are any
//               (WASI preview 1 has none).
//  5. Odds      precise-timer mode, CPU count, OS error text, limits.
//  6. Host loop where the platform has an event loop of its own that a
//               program returns to (the browser's): a callback on it after a
//               delay, and a wake any thread may send. Elsewhere: absent.
//
// Every function is noexcept and reports failure as a prt::Error.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "result.h"

namespace prt::sys {

// ---- 1. Clock ---------------------------------------------------------------

// Nanoseconds since an unspecified origin; never decreases, keeps counting
// while the process sleeps on every supported platform.
std::int64_t monotonic_ns() noexcept;

// ---- 2. Parking -------------------------------------------------------------

// Blocks the calling thread while `*word == expected`, until another thread
// calls unpark_* on the same word, `timeout_ns` passes (negative: no limit),
// or a spurious wake-up. Returns false only when the timeout expired. Callers
// re-check their condition in a loop: a true return promises nothing.
bool park(const std::atomic<std::uint32_t>* word, std::uint32_t expected,
          std::int64_t timeout_ns) noexcept;
// Wakes one or every thread parked on `word`. The word is not read: these
// may be called after the object holding it was destroyed (an Event that a
// woken waiter freed), and then at worst wake a parked thread spuriously.
void unpark_one(const std::atomic<std::uint32_t>* word) noexcept;
void unpark_all(const std::atomic<std::uint32_t>* word) noexcept;

// ---- 3. Poller --------------------------------------------------------------

using RawFd = std::intptr_t;  // a file descriptor, or a SOCKET on Windows

enum Readiness : std::uint32_t {
  kReadable = 1u << 0,
  kWritable = 1u << 1,
  kHangup = 1u << 2,  // the peer closed; reads will see end of file
  kError = 1u << 3,   // the handle has a pending error
};

struct PollEvent {
  void* token;              // as given to poller_register
  std::uint32_t readiness;  // Readiness bits
};

enum PollerFlags : std::uint32_t {
  kPollerDefault = 0,
  // Time waits with a timer handle instead of the wait call's own timeout
  // (on Linux: a timerfd instead of epoll_pwait2). The poller falls back to
  // this by itself where the faster path is missing; tests force it.
  kPollerTimerHandle = 1u << 0,
};

struct Poller;

Result<Poller*> poller_create(std::uint32_t flags) noexcept;
void poller_destroy(Poller* poller) noexcept;

// Reports readiness changes (edge-triggered) of `fd` for the interest bits
// (kReadable | kWritable), tagged with `token`. kHangup and kError are always
// reported. A handle is registered at most once per poller.
Result<void> poller_register(Poller* poller, RawFd fd, std::uint32_t interest, void* token) noexcept;
Result<void> poller_deregister(Poller* poller, RawFd fd) noexcept;

// Waits until a registered handle changes readiness, poller_wake is called,
// or `timeout_ns` passes (0: just poll; negative: no limit). Returns the number
// of events written to `events` (0 after a timeout, a wake or an interrupted
// wait: callers re-check their clock and queues after every return).
Result<int> poller_wait(Poller* poller, PollEvent* events, int capacity,
                        std::int64_t timeout_ns) noexcept;

// The owner of `fd` saw an operation in these directions report "would
// block": report the next time the handle becomes ready that way. An
// edge-triggered backend (epoll) does that anyway and does nothing here; a
// level-triggered one (WASI's poll_oneoff) stops asking about a direction
// once it reported it, until this call. Called by the thread that runs the
// loop.
void poller_rearm(Poller* poller, RawFd fd, std::uint32_t directions) noexcept;

// Thread-safe. Makes the wait in progress return, or if none is in progress,
// the next one. Wakes coalesce: many calls before a wait returns cost one.
// Pairs with the waiter's queue checks as documented in the implementation.
void poller_wake(Poller* poller) noexcept;

// ---- 4. Threads -------------------------------------------------------------

struct ThreadOptions {
  const char* name = nullptr;  // truncated to max_thread_name() bytes
  std::size_t stack_size = 0;  // 0: the platform default
};

struct Thread {
  std::uintptr_t native = 0;
};

Result<Thread> thread_start(void (*entry)(void*), void* arg, const ThreadOptions& options) noexcept;
Result<void> thread_join(Thread thread) noexcept;
// The thread's resources are released when it ends; it cannot be joined.
Result<void> thread_detach(Thread thread) noexcept;
// True when `thread` is the calling thread.
bool thread_is_current(Thread thread) noexcept;
// False where thread_start can never succeed: the portable core then refuses
// multi-threaded runtimes up front and runs blocking jobs inline.
bool threads_supported() noexcept;

// ---- 5. Odds ----------------------------------------------------------------

// Asks the OS to wake timed waits of the calling thread as close to their
// deadline as it can (on Linux: timer slack of 1 ns instead of 50 us).
// Returns a token for precise_timers_end, which restores the previous mode.
std::uint64_t precise_timers_begin() noexcept;
void precise_timers_end(std::uint64_t token) noexcept;

std::size_t cpu_count() noexcept;           // at least 1
std::size_t max_thread_name() noexcept;     // longest name the OS keeps, in bytes
std::size_t min_stack_size() noexcept;      // smallest stack thread_start accepts
void describe_os_error(int code, char* buf, std::size_t size) noexcept;

// ---- 6. Host loop -------------------------------------------------------------
//
// A runtime driven by the platform's own event loop instead of blocking in
// poller_wait (Runtime::run_in_host_loop): the loop calls `run(arg)` on the
// thread that created the HostLoop, which must be the loop's thread.

struct HostLoop;

// False where there is no such loop (native programs, WASI): then
// host_loop_create reports PlatformNotSupported.
bool host_loop_supported() noexcept;
Result<HostLoop*> host_loop_create(void (*run)(void*), void* arg) noexcept;
// Loop thread. Calls run after `delay_ns` (0: as soon as the loop is free),
// replacing a call scheduled earlier; a negative delay only cancels that.
void host_loop_schedule(HostLoop* loop, std::int64_t delay_ns) noexcept;
// Any thread. Calls run soon; wakes coalesce until that call starts.
void host_loop_wake(HostLoop* loop) noexcept;
// Loop thread. No call starts after this, including wakes already sent.
void host_loop_destroy(HostLoop* loop) noexcept;

}  // namespace prt::sys
