// The platform contract (rt/platform.h) on WASI preview 1: clock_time_get for
// the clock, poll_oneoff for the poller, and no threads.
//
// One thread. Parking degrades to sleeping: nobody else can change a word,
// so a bounded park sleeps its timeout out, and an unbounded one (a
// thread-level wait that only another thread could end) stops the program
// with a message instead of hanging. thread_start reports
// PlatformNotSupported; threads_supported() lets the portable core refuse
// multi-threaded runtimes up front and run blocking jobs inline.
//
// The poller keeps its registrations in a small array and builds the
// subscription list on every wait. poll_oneoff is level-triggered; the
// contract promises edges. A direction that was reported is therefore left
// out of later waits until poller_rearm says its owner saw "would block",
// which is exactly the point where an edge-triggered poller could fire
// again. Regular files and directories are never subscribed to: they are
// always ready (POSIX poll says so, and Node's WASI refuses to poll them).
// Clock subscriptions are relative (some hosts hang on absolute
// MONOTONIC ones) and a host may end them up to a millisecond early, so
// poller_wait re-checks the clock and polls again for the rest.
#include <errno.h>
#include <string.h>
#include <wasi/api.h>

#include <cstdio>
#include <cstdlib>

#include "../memory.h"
#include "../platform.h"

namespace prt::sys {
namespace {

Error wasi_error(const char* what, __wasi_errno_t code) { return Error(ErrorKind::Io, what, static_cast<int>(code)); }

// Sleeps for `ns` (relative), however early the host ends the wait.
void sleep_ns(std::int64_t ns) noexcept {
  const std::int64_t deadline = monotonic_ns() + ns;
  for (std::int64_t left = ns; left > 0; left = deadline - monotonic_ns()) {
    __wasi_subscription_t sub{};
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = static_cast<__wasi_timestamp_t>(left);
    __wasi_event_t ev;
    __wasi_size_t n = 0;
    if (__wasi_poll_oneoff(&sub, &ev, 1, &n) != 0) return;
  }
}

}  // namespace

// ---- 1. Clock ---------------------------------------------------------------

std::int64_t monotonic_ns() noexcept {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0) return 0;
  return static_cast<std::int64_t>(t);
}

// ---- 2. Parking -------------------------------------------------------------

bool park(const std::atomic<std::uint32_t>* word, std::uint32_t expected, std::int64_t timeout_ns) noexcept {
  if (word->load(std::memory_order_relaxed) != expected) return true;
  if (timeout_ns < 0) {
    PRT_ABORT(
        "prt: a thread-level wait with no timeout on WASI, where no other thread exists to end it "
        "(a threading:: lock, event or channel waited on by its only thread)");
  }
  sleep_ns(timeout_ns);
  return false;
}

void unpark_one(const std::atomic<std::uint32_t>*) noexcept {}
void unpark_all(const std::atomic<std::uint32_t>*) noexcept {}

// ---- 3. Poller --------------------------------------------------------------

struct Registration {
  RawFd fd;
  std::uint32_t interest;  // kReadable | kWritable asked for
  std::uint32_t armed;     // directions to subscribe to (reported ones drop out until rearmed)
  void* token;
  // A regular file or directory: always ready, as POSIX poll reports them.
  // It is never subscribed to (Node's WASI fails the whole poll_oneoff with
  // EPERM for one); an armed direction is reported at once.
  bool always_ready;
};

struct Poller {
  Registration* regs = nullptr;
  std::size_t count = 0;
  std::size_t capacity = 0;
  // Set by poller_wake, cleared by the wait it ends. One thread: plain.
  bool wake_pending = false;
  // Scratch for poll_oneoff, grown with the registrations.
  __wasi_subscription_t* subs = nullptr;
  __wasi_event_t* events = nullptr;
  std::size_t scratch = 0;
  // The host cuts clock timeouts down to whole milliseconds (Node's does):
  // seen once a wait of a millisecond or more ended well before its time.
  bool host_truncates_ms = false;
};

namespace {

Registration* find(Poller* p, RawFd fd) noexcept {
  for (std::size_t i = 0; i < p->count; ++i) {
    if (p->regs[i].fd == fd) return &p->regs[i];
  }
  return nullptr;
}

// Room for `subs` subscriptions (every armed direction plus the clock).
bool reserve_scratch(Poller* p, std::size_t subs) noexcept {
  if (subs <= p->scratch) return true;
  std::size_t n = p->scratch ? p->scratch * 2 : 8;
  while (n < subs) n *= 2;
  auto* s = static_cast<__wasi_subscription_t*>(PRT_ALLOC(n * sizeof(__wasi_subscription_t)));
  auto* e = static_cast<__wasi_event_t*>(PRT_ALLOC(n * sizeof(__wasi_event_t)));
  if (!s || !e) {
    if (s) PRT_FREE(s, n * sizeof(__wasi_subscription_t));
    if (e) PRT_FREE(e, n * sizeof(__wasi_event_t));
    return false;
  }
  if (p->subs) PRT_FREE(p->subs, p->scratch * sizeof(__wasi_subscription_t));
  if (p->events) PRT_FREE(p->events, p->scratch * sizeof(__wasi_event_t));
  p->subs = s;
  p->events = e;
  p->scratch = n;
  return true;
}

constexpr __wasi_userdata_t kClockUserdata = ~__wasi_userdata_t{0};
constexpr std::int64_t kMillisecond = 1'000'000;

// The clock timeout to ask for when `left` ns remain. A host that truncates
// to whole milliseconds would end a 20.3 ms wait at 20 ms, and the rest,
// under a millisecond, would become a run of zero timeouts: the thread spins
// (measured under Node: up to 1 ms of CPU per timer). There the request is
// rounded to the nearest millisecond: a sleep of whole milliseconds (the
// common case) then ends just after its deadline with no spin, and any other
// spins or is late by at most half a millisecond. A wait that ends before
// the deadline is polled again, so rounding down never makes a sleep early.
// Under a millisecond the precise spin stays.
std::int64_t clock_timeout(const Poller* p, std::int64_t left) noexcept {
  if (!p->host_truncates_ms || left < kMillisecond) return left;
  return (left + kMillisecond / 2) / kMillisecond * kMillisecond;
}

}  // namespace

Result<Poller*> poller_create(std::uint32_t) noexcept {
  Poller* p = detail::new_object<Poller>();
  if (!p) return Error(ErrorKind::Other, "out of memory: poller");
  return p;
}

void poller_destroy(Poller* p) noexcept {
  if (!p) return;
  if (p->regs) PRT_FREE(p->regs, p->capacity * sizeof(Registration));
  if (p->subs) PRT_FREE(p->subs, p->scratch * sizeof(__wasi_subscription_t));
  if (p->events) PRT_FREE(p->events, p->scratch * sizeof(__wasi_event_t));
  detail::delete_object(p);
}

Result<void> poller_register(Poller* p, RawFd fd, std::uint32_t interest, void* token) noexcept {
  if (find(p, fd)) return Error(ErrorKind::Io, "poller_register: handle already registered", EEXIST);
  if (p->count == p->capacity) {
    const std::size_t n = p->capacity ? p->capacity * 2 : 8;
    auto* regs = static_cast<Registration*>(PRT_ALLOC(n * sizeof(Registration)));
    if (!regs) return Error(ErrorKind::Other, "out of memory: poller registration");
    if (p->regs) {
      memcpy(regs, p->regs, p->count * sizeof(Registration));
      PRT_FREE(p->regs, p->capacity * sizeof(Registration));
    }
    p->regs = regs;
    p->capacity = n;
  }
  if (!reserve_scratch(p, 2 * (p->count + 1) + 1)) return Error(ErrorKind::Other, "out of memory: poller");
  __wasi_fdstat_t st;
  if (const __wasi_errno_t rc = __wasi_fd_fdstat_get(static_cast<__wasi_fd_t>(fd), &st); rc != 0)
    return wasi_error("poller_register: fd_fdstat_get", rc);
  const bool always_ready =
      st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE || st.fs_filetype == __WASI_FILETYPE_DIRECTORY;
  const std::uint32_t dirs = interest & (kReadable | kWritable);
  p->regs[p->count++] = Registration{fd, dirs, dirs, token, always_ready};
  return {};
}

Result<void> poller_deregister(Poller* p, RawFd fd) noexcept {
  Registration* r = find(p, fd);
  if (!r) return Error(ErrorKind::Io, "poller_deregister: handle not registered", ENOENT);
  *r = p->regs[--p->count];
  return {};
}

void poller_rearm(Poller* p, RawFd fd, std::uint32_t directions) noexcept {
  if (Registration* r = find(p, fd)) r->armed |= directions & r->interest;
}

Result<int> poller_wait(Poller* p, PollEvent* out, int capacity, std::int64_t timeout_ns) noexcept {
  if (p->wake_pending || timeout_ns == 0) {
    // A wake is pending or this is a plain poll: look at the handles only.
    p->wake_pending = false;
    timeout_ns = 0;
  }
  // Files and directories first: they are ready now, so if any is armed the
  // rest are only looked at, not waited for.
  int written = 0;
  for (std::size_t i = 0; i < p->count && written < capacity; ++i) {
    Registration& r = p->regs[i];
    if (!r.always_ready || !r.armed) continue;
    out[written++] = PollEvent{r.token, r.armed};
    r.armed = 0;  // reported: an edge, quiet until poller_rearm
  }
  if (written > 0) timeout_ns = 0;
  const std::int64_t deadline = timeout_ns > 0 ? monotonic_ns() + timeout_ns : 0;
  for (;;) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < p->count; ++i) {
      const Registration& r = p->regs[i];
      if (r.always_ready) continue;
      for (std::uint32_t dir : {std::uint32_t{kReadable}, std::uint32_t{kWritable}}) {
        if (!(r.armed & dir)) continue;
        __wasi_subscription_t& s = p->subs[n++];
        s = __wasi_subscription_t{};
        s.userdata = static_cast<__wasi_userdata_t>(i) * 2 + (dir == kWritable ? 1 : 0);
        s.u.tag = dir == kReadable ? __WASI_EVENTTYPE_FD_READ : __WASI_EVENTTYPE_FD_WRITE;
        if (dir == kReadable) s.u.u.fd_read.file_descriptor = static_cast<__wasi_fd_t>(r.fd);
        else s.u.u.fd_write.file_descriptor = static_cast<__wasi_fd_t>(r.fd);
      }
    }
    std::int64_t left = timeout_ns < 0 ? -1 : (timeout_ns == 0 ? 0 : deadline - monotonic_ns());
    if (left < 0 && timeout_ns >= 0) left = 0;
    if (left >= 0) {
      __wasi_subscription_t& s = p->subs[n++];
      s = __wasi_subscription_t{};
      s.userdata = kClockUserdata;
      s.u.tag = __WASI_EVENTTYPE_CLOCK;
      s.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
      s.u.u.clock.timeout = static_cast<__wasi_timestamp_t>(clock_timeout(p, left));
    }
    if (n == 0) {
      // No timer, no armed handle and nobody else to call poller_wake: the
      // wait could never end. The executor treats this like a deadlock.
      return Error(ErrorKind::PlatformNotSupported, "poller_wait: nothing to wait for and no other thread on WASI");
    }
    __wasi_size_t got = 0;
    const __wasi_errno_t rc = __wasi_poll_oneoff(p->subs, p->events, static_cast<__wasi_size_t>(n), &got);
    if (rc == __WASI_ERRNO_INTR) return written;
    if (rc != 0) return wasi_error("poll_oneoff", rc);
    bool clock_fired = false;
    for (__wasi_size_t i = 0; i < got; ++i) {
      const __wasi_event_t& ev = p->events[i];
      if (ev.userdata == kClockUserdata) {
        clock_fired = true;
        continue;
      }
      Registration& r = p->regs[ev.userdata / 2];
      const std::uint32_t dir = (ev.userdata & 1) ? kWritable : kReadable;
      std::uint32_t readiness = dir;
      if (ev.error != 0) readiness |= kError | kReadable | kWritable;
      if (ev.fd_readwrite.flags & __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP) readiness |= kHangup | kReadable;
      // Both directions of one handle come as two events; merge them.
      int slot = 0;
      while (slot < written && out[slot].token != r.token) ++slot;
      if (slot == written) {
        if (written == capacity) continue;  // no room: still armed, so the next wait reports it
        out[written++] = PollEvent{r.token, 0};
      }
      out[slot].readiness |= readiness;
      r.armed &= ~dir;  // reported: an edge, quiet until poller_rearm
    }
    if (written > 0 || timeout_ns <= 0) return written;
    if (clock_fired) {
      const std::int64_t now = monotonic_ns();
      if (now >= deadline) return 0;
      // A wait of a millisecond or more that ended over a tenth of one early:
      // the host truncates (see clock_timeout).
      if (left >= kMillisecond && deadline - now > kMillisecond / 10) p->host_truncates_ms = true;
    }
    // The host ended the clock early (or woke for nothing): wait for the rest.
  }
}

void poller_wake(Poller* p) noexcept { p->wake_pending = true; }

// ---- 4. Threads -------------------------------------------------------------

Result<Thread> thread_start(void (*)(void*), void*, const ThreadOptions&) noexcept {
  return Error(ErrorKind::PlatformNotSupported, "thread_start: WASI preview 1 has no threads");
}

Result<void> thread_join(Thread) noexcept {
  return Error(ErrorKind::PlatformNotSupported, "thread_join: WASI preview 1 has no threads");
}

Result<void> thread_detach(Thread) noexcept {
  return Error(ErrorKind::PlatformNotSupported, "thread_detach: WASI preview 1 has no threads");
}

bool thread_is_current(Thread) noexcept { return false; }

bool threads_supported() noexcept { return false; }

// ---- 5. Odds ----------------------------------------------------------------

std::uint64_t precise_timers_begin() noexcept { return 0; }
void precise_timers_end(std::uint64_t) noexcept {}
std::size_t cpu_count() noexcept { return 1; }
std::size_t max_thread_name() noexcept { return 0; }
// No threads to give a stack to; the native minimum keeps RuntimeConfig's
// validation the same on every target.
std::size_t min_stack_size() noexcept { return 16 * 1024; }

void describe_os_error(int code, char* buf, std::size_t size) noexcept {
  if (size == 0) return;
  std::snprintf(buf, size, "%s", strerror(code));
}

// ---- 6. Host loop ----------------------------------------------------------
// WASI has no event loop of its own to return to: block_on is the loop.

bool host_loop_supported() noexcept { return false; }
Result<HostLoop*> host_loop_create(void (*)(void*), void*) noexcept {
  return Error(ErrorKind::PlatformNotSupported, "host_loop_create: WASI has no event loop to return to");
}
void host_loop_schedule(HostLoop*, std::int64_t) noexcept {}
void host_loop_wake(HostLoop*) noexcept {}
void host_loop_destroy(HostLoop*) noexcept {}

}  // namespace prt::sys

// The C++ ABI hook behind thread_local objects with destructors (the frame
// cache has one). wasi-libc has no threads and does not provide it; the
// only thread's destructors run at exit, newest first, as a thread's would.
namespace {
struct ThreadExitEntry {
  void (*dtor)(void*);
  void* obj;
};
constexpr int kMaxThreadExitEntries = 64;
ThreadExitEntry thread_exit_entries[kMaxThreadExitEntries];
int thread_exit_count = 0;

void run_thread_exit_entries() {
  while (thread_exit_count > 0) {
    const ThreadExitEntry e = thread_exit_entries[--thread_exit_count];
    e.dtor(e.obj);
  }
}
}  // namespace

extern "C" int __cxa_thread_atexit(void (*dtor)(void*), void* obj, void*) {
  if (thread_exit_count == kMaxThreadExitEntries) return -1;
  if (thread_exit_count == 0 && std::atexit(run_thread_exit_entries) != 0) return -1;
  thread_exit_entries[thread_exit_count++] = ThreadExitEntry{dtor, obj};
  return 0;
}
