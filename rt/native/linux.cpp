// The platform contract (rt/platform.h) on Linux: CLOCK_MONOTONIC, futex,
// epoll with an eventfd for cross-thread wakes, epoll_pwait2 for nanosecond
// timeouts (a timerfd where the kernel lacks it), pthreads.
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "../memory.h"

#include "../platform.h"
#include "../posix/threads.h"

namespace prt::sys {
namespace {

timespec to_timespec(std::int64_t ns) {
  timespec ts;
  ts.tv_sec = static_cast<time_t>(ns / 1000000000);
  ts.tv_nsec = static_cast<long>(ns % 1000000000);
  return ts;
}

Error os_error(const char* what) { return Error(ErrorKind::Io, what, errno); }

}  // namespace

// ---- 1. Clock ---------------------------------------------------------------

std::int64_t monotonic_ns() noexcept {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// ---- 2. Parking -------------------------------------------------------------

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t),
              "futex words must be plain 32-bit integers");

bool park(const std::atomic<std::uint32_t>* word, std::uint32_t expected,
          std::int64_t timeout_ns) noexcept {
  timespec ts;
  timespec* tsp = nullptr;
  if (timeout_ns >= 0) {
    ts = to_timespec(timeout_ns);
    tsp = &ts;
  }
  long r = syscall(SYS_futex, reinterpret_cast<const std::uint32_t*>(word), FUTEX_WAIT_PRIVATE,
                   expected, tsp, nullptr, 0);
  return !(r == -1 && errno == ETIMEDOUT);
}

void unpark_one(const std::atomic<std::uint32_t>* word) noexcept {
  syscall(SYS_futex, reinterpret_cast<const std::uint32_t*>(word), FUTEX_WAKE_PRIVATE, 1, nullptr,
          nullptr, 0);
}

void unpark_all(const std::atomic<std::uint32_t>* word) noexcept {
  syscall(SYS_futex, reinterpret_cast<const std::uint32_t*>(word), FUTEX_WAKE_PRIVATE, INT_MAX,
          nullptr, nullptr, 0);
}

// ---- 3. Poller --------------------------------------------------------------
//
// Wake protocol (poller_wake from any thread, poller_wait on the loop thread):
//  1. A waker publishes its work (pushes to a queue the loop reads), then
//     calls poller_wake, which issues a seq_cst fence and swaps
//     wake_pending to true. Only the swap that finds false writes the eventfd,
//     so a burst of wakes costs one system call.
//  2. The eventfd stays readable until the loop reads it, so a write made
//     while no wait is in progress ends the next wait at once.
//  3. The loop, seeing the eventfd readable, reads it, stores
//     wake_pending = false, issues a seq_cst fence, and returns; the caller then
//     checks its queues.
// A waker whose swap found true skipped the write. Its swap comes before the
// loop's store of false in wake_pending's order, and the fences on both sides
// then guarantee that the loop's queue check after step 3 sees the work the
// waker published before step 1. No wake is lost.

struct Poller {
  int epfd = -1;
  int eventfd = -1;
  int timerfd = -1;  // >= 0 when waits are timed by a timerfd
  // Written by poller_wake (any thread) and by the loop in step 3; pairs
  // with the fences described above. Relaxed would let a waker skip the
  // write while the loop has already decided nothing is pending.
  std::atomic<bool> wake_pending{false};
};

namespace {
// Tokens for the poller's own handles; user tokens are object addresses and
// cannot collide with these.
char wake_token;
char timer_token;
}  // namespace

Result<Poller*> poller_create(std::uint32_t flags) noexcept {
  Poller* p = detail::new_object<Poller>();
  if (!p) return Error(ErrorKind::Other, "out of memory: poller");
  p->epfd = epoll_create1(EPOLL_CLOEXEC);
  if (p->epfd < 0) {
    Error e = os_error("epoll_create1");
    detail::delete_object(p);
    return e;
  }
  p->eventfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (p->eventfd < 0) {
    Error e = os_error("eventfd");
    poller_destroy(p);
    return e;
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = &wake_token;
  if (epoll_ctl(p->epfd, EPOLL_CTL_ADD, p->eventfd, &ev) != 0) {
    Error e = os_error("epoll_ctl(eventfd)");
    poller_destroy(p);
    return e;
  }
  bool use_timerfd = (flags & kPollerTimerHandle) != 0;
  if (!use_timerfd) {
    // epoll_pwait2 arrived in Linux 5.11; probe it once with a zero timeout.
    epoll_event probe;
    timespec zero{0, 0};
    if (epoll_pwait2(p->epfd, &probe, 1, &zero, nullptr) < 0 && errno == ENOSYS) use_timerfd = true;
  }
  if (use_timerfd) {
    p->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (p->timerfd < 0) {
      Error e = os_error("timerfd_create");
      poller_destroy(p);
      return e;
    }
    ev.events = EPOLLIN;
    ev.data.ptr = &timer_token;
    if (epoll_ctl(p->epfd, EPOLL_CTL_ADD, p->timerfd, &ev) != 0) {
      Error e = os_error("epoll_ctl(timerfd)");
      poller_destroy(p);
      return e;
    }
  }
  return p;
}

void poller_destroy(Poller* p) noexcept {
  if (!p) return;
  if (p->timerfd >= 0) close(p->timerfd);
  if (p->eventfd >= 0) close(p->eventfd);
  if (p->epfd >= 0) close(p->epfd);
  detail::delete_object(p);
}

Result<void> poller_register(Poller* p, RawFd fd, std::uint32_t interest, void* token) noexcept {
  epoll_event ev{};
  ev.events = EPOLLET | EPOLLRDHUP;
  if (interest & kReadable) ev.events |= EPOLLIN;
  if (interest & kWritable) ev.events |= EPOLLOUT;
  ev.data.ptr = token;
  if (epoll_ctl(p->epfd, EPOLL_CTL_ADD, static_cast<int>(fd), &ev) != 0) return os_error("epoll_ctl(ADD)");
  return {};
}

Result<void> poller_deregister(Poller* p, RawFd fd) noexcept {
  if (epoll_ctl(p->epfd, EPOLL_CTL_DEL, static_cast<int>(fd), nullptr) != 0) {
    return os_error("epoll_ctl(DEL)");
  }
  return {};
}

Result<int> poller_wait(Poller* p, PollEvent* events, int capacity, std::int64_t timeout_ns) noexcept {
  constexpr int kBatch = 64;
  epoll_event raw[kBatch];
  int want = capacity < kBatch ? capacity : kBatch;
  if (want < 1) want = 1;
  int n;
  if (p->timerfd >= 0) {
    int ms = 0;
    if (timeout_ns < 0) {
      ms = -1;
    } else if (timeout_ns > 0) {
      // Arm the timerfd for the exact deadline and let epoll wait without a
      // timeout of its own; a zero it_value would disarm the timer.
      itimerspec its{};
      its.it_value = to_timespec(monotonic_ns() + timeout_ns);
      if (timerfd_settime(p->timerfd, TFD_TIMER_ABSTIME, &its, nullptr) != 0) {
        return os_error("timerfd_settime");
      }
      ms = -1;
    }
    n = epoll_wait(p->epfd, raw, want, ms);
  } else {
    timespec ts;
    timespec* tsp = nullptr;
    if (timeout_ns >= 0) {
      ts = to_timespec(timeout_ns);
      tsp = &ts;
    }
    n = epoll_pwait2(p->epfd, raw, want, tsp, nullptr);
  }
  if (n < 0) {
    if (errno == EINTR) return 0;
    return os_error("epoll_wait");
  }
  int out = 0;
  for (int i = 0; i < n; ++i) {
    void* token = raw[i].data.ptr;
    if (token == &wake_token) {
      std::uint64_t v;
      while (read(p->eventfd, &v, sizeof v) > 0) {
      }
      p->wake_pending.store(false, std::memory_order_seq_cst);
      std::atomic_thread_fence(std::memory_order_seq_cst);
      continue;
    }
    if (token == &timer_token) {
      std::uint64_t v;
      while (read(p->timerfd, &v, sizeof v) > 0) {
      }
      continue;
    }
    std::uint32_t r = 0;
    if (raw[i].events & EPOLLIN) r |= kReadable;
    if (raw[i].events & EPOLLOUT) r |= kWritable;
    if (raw[i].events & (EPOLLHUP | EPOLLRDHUP)) r |= kHangup | kReadable;
    if (raw[i].events & EPOLLERR) r |= kError | kReadable | kWritable;
    events[out].token = token;
    events[out].readiness = r;
    ++out;
  }
  if (p->timerfd >= 0 && timeout_ns > 0) {
    itimerspec off{};  // disarm and drain, so a stale expiry cannot end a later wait
    timerfd_settime(p->timerfd, 0, &off, nullptr);
    std::uint64_t v;
    while (read(p->timerfd, &v, sizeof v) > 0) {
    }
  }
  return out;
}

void poller_rearm(Poller*, RawFd, std::uint32_t) noexcept {}  // epoll is edge-triggered

void poller_wake(Poller* p) noexcept {
  std::atomic_thread_fence(std::memory_order_seq_cst);
  if (!p->wake_pending.exchange(true, std::memory_order_seq_cst)) {
    std::uint64_t one = 1;
    // EAGAIN means the counter is saturated, i.e. already readable: fine.
    ssize_t r = write(p->eventfd, &one, sizeof one);
    (void)r;
  }
}

// ---- 4. Threads -------------------------------------------------------------
// pthreads: rt/posix/threads.cpp, with the thread's name set here.

void posix::set_current_thread_name(const char* name) noexcept { pthread_setname_np(pthread_self(), name); }

bool threads_supported() noexcept { return true; }

// ---- 5. Odds ----------------------------------------------------------------

std::uint64_t precise_timers_begin() noexcept {
  int old = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  return old > 0 ? static_cast<std::uint64_t>(old) : 0;
}

void precise_timers_end(std::uint64_t token) noexcept {
  // 0 restores the thread's default slack.
  prctl(PR_SET_TIMERSLACK, static_cast<unsigned long>(token), 0, 0, 0);
}

std::size_t cpu_count() noexcept {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<std::size_t>(n) : 1;
}

std::size_t max_thread_name() noexcept { return 15; }  // 16 bytes with the NUL

std::size_t min_stack_size() noexcept { return 16 * 1024; }

void describe_os_error(int code, char* buf, std::size_t size) noexcept {
  if (size == 0) return;
  // GNU strerror_r may return a static string instead of filling buf.
  const char* s = strerror_r(code, buf, size);
  if (s != buf) {
    std::snprintf(buf, size, "%s", s);
  }
}

// ---- 6. Host loop ----------------------------------------------------------
// A native program has no event loop of its own to return to: block_on is
// the loop.

bool host_loop_supported() noexcept { return false; }
Result<HostLoop*> host_loop_create(void (*)(void*), void*) noexcept {
  return Error(ErrorKind::PlatformNotSupported, "host_loop_create: a native program has no event loop to return to");
}
void host_loop_schedule(HostLoop*, std::int64_t) noexcept {}
void host_loop_wake(HostLoop*) noexcept {}
void host_loop_destroy(HostLoop*) noexcept {}

}  // namespace prt::sys
