// prt::IoSource — readiness of an OS handle (socket, pipe, terminal) on the
// runtime's poller.
//
//   prt::IoSource src;
//   PRT_CO_TRY(src.attach(fd));            // fd must be non-blocking
//   for (;;) {
//     PRT_CO_TRY(co_await src.readable());
//     ssize_t n = read(fd, buf, sizeof buf);
//     if (n < 0 && errno == EAGAIN) { src.clear_readable(); continue; }
//     ...
//   }
//
// Readiness is edge-triggered: the source remembers that the handle became
// readable (or writable) until the owner calls clear_readable() after an
// operation reported "would block". Hang-ups and errors count as both
// readable and writable, so the next read or write reports them. One task
// at a time may wait for each direction. The source does not own the handle:
// detach it (or destroy the source) before closing the handle. Destroying a
// source under a waiting task wakes that task with ErrorKind::Io.
//
// The state lives in a reference-counted block (detail::IoShared) held by the
// source, by the poller registration and by each task registered to wait, so
// a waiter or the poller never touches freed memory, whatever thread drops
// the source.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstdint>

#include "intrusive_list.h"
#include "platform.h"
#include "scheduler.h"
#include "task.h"
#include "threading/mutex.h"

namespace prt {

class IoSource;

namespace detail {

struct IoWaiter;

struct IoShared : ListNode {  // ListNode: the scheduler's list of registrations
  // Owners: the IoSource, the poller registration, each registered waiter.
  // acq_rel decrements: the last owner sees the others' writes, then frees.
  std::atomic<std::uint32_t> refs{1};
  // Guards everything below (dispatch runs on the driver's thread; waiters
  // register from the tasks' threads).
  threading::Mutex lock;
  Scheduler* scheduler = nullptr;  // null once detached or orphaned
  sys::RawFd fd = -1;
  std::uint32_t ready = 0;
  IoWaiter* reader = nullptr;
  IoWaiter* writer = nullptr;

  void add_ref() noexcept { refs.fetch_add(1, std::memory_order_relaxed); }
  void release() noexcept;
  // The driver: readiness arrived. Wakes the waiters it satisfies.
  void dispatch(std::uint32_t readiness) noexcept;
  // Shutdown: the scheduler forgets the registration without waking anyone.
  void orphan(sys::Poller* poller) noexcept;
};

struct IoWaiter : WaitNode {
  IoShared* shared = nullptr;   // a reference held from registration to resumption
  TaskHeader* task = nullptr;
  std::uint32_t want = 0;
  bool detached = false;        // the source was detached while this waited (under shared->lock)
};

}  // namespace detail

class IoSource {
 public:
  IoSource() noexcept = default;
  ~IoSource() { detach(); }
  IoSource(const IoSource&) = delete;
  IoSource& operator=(const IoSource&) = delete;

  // Registers `fd` with the running runtime's poller. Fails outside a
  // runtime, when the I/O driver is off, when already attached, or when the
  // OS refuses the handle (ErrorKind::Io).
  Result<void> attach(sys::RawFd fd, std::uint32_t interest = sys::kReadable | sys::kWritable) noexcept;
  // Unregisters; tasks waiting on the source resume with ErrorKind::Io.
  void detach() noexcept;

  bool attached() noexcept;
  sys::RawFd fd() const noexcept { return fd_; }
  std::uint32_t readiness() noexcept;
  void clear_readable() noexcept { clear(sys::kReadable); }
  void clear_writable() noexcept { clear(sys::kWritable); }

  class ReadyAwaiter {
   public:
    // Movable until awaited (timeout() moves its operand into its frame).
    ReadyAwaiter(ReadyAwaiter&& o) noexcept : ReadyAwaiter(o.source_shared_, o.node_.want) {
      PRT_ASSERT(!o.node_.shared);
    }
    ReadyAwaiter(const ReadyAwaiter&) = delete;
    ReadyAwaiter& operator=(const ReadyAwaiter&) = delete;
    ~ReadyAwaiter();
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> leaf) noexcept;
    Result<void> await_resume() noexcept;

   private:
    friend class IoSource;
    ReadyAwaiter(detail::IoShared* shared, std::uint32_t want) noexcept : source_shared_(shared) { node_.want = want; }
    static bool on_event(detail::WaitNode* node, detail::WaitOp op) noexcept;

    detail::IoShared* source_shared_;  // borrowed from the source until registration
    detail::IoWaiter node_;
    ErrorSlot refused_;
  };

  // Complete when the handle is (or becomes) readable / writable.
  ReadyAwaiter readable() noexcept { return ReadyAwaiter(shared_, sys::kReadable); }
  ReadyAwaiter writable() noexcept { return ReadyAwaiter(shared_, sys::kWritable); }

 private:
  void clear(std::uint32_t bits) noexcept;

  detail::IoShared* shared_ = nullptr;
  sys::RawFd fd_ = -1;
};

}  // namespace prt
