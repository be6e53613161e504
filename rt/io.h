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
// detach it (or destroy the source) before closing the handle.
#pragma once

#include <coroutine>
#include <cstdint>

#include "executor.h"
#include "platform.h"
#include "task.h"

namespace prt {

class IoSource : private detail::ListNode {
 public:
  IoSource() noexcept = default;
  ~IoSource() { detach(); }
  IoSource(const IoSource&) = delete;
  IoSource& operator=(const IoSource&) = delete;

  // Registers `fd` with the running runtime's poller. Fails outside a
  // runtime, when the I/O driver is off, when already attached, or when the
  // OS refuses the handle (ErrorKind::Io).
  Result<void> attach(sys::RawFd fd, std::uint32_t interest = sys::kReadable | sys::kWritable) noexcept;
  // Unregisters; tasks waiting on the source resume with ErrorKind::Io. The
  // destructor detaches too, so a source may go away under a waiting task.
  void detach() noexcept;

  bool attached() const noexcept { return executor_ != nullptr; }
  sys::RawFd fd() const noexcept { return fd_; }
  std::uint32_t readiness() const noexcept { return ready_; }
  void clear_readable() noexcept { ready_ &= ~sys::kReadable; }
  void clear_writable() noexcept { ready_ &= ~sys::kWritable; }

  class ReadyAwaiter : detail::WaitNode {
   public:
    bool await_ready() const noexcept;
    bool await_suspend(std::coroutine_handle<> leaf) noexcept;
    Result<void> await_resume() noexcept;

   private:
    friend class IoSource;
    ReadyAwaiter(IoSource* source, std::uint32_t want) noexcept : source_(source), want_(want) {}
    static bool on_event(detail::WaitNode* node, detail::WaitOp op) noexcept;
    ReadyAwaiter*& slot() noexcept { return want_ == sys::kReadable ? source_->reader_ : source_->writer_; }

    IoSource* source_;
    std::uint32_t want_;
    detail::TaskHeader* task_ = nullptr;
    ErrorSlot refused_;
    bool detached_ = false;  // the source went away while this waited: do not touch it
  };

  // Complete when the handle is (or becomes) readable / writable.
  ReadyAwaiter readable() noexcept { return ReadyAwaiter(this, sys::kReadable); }
  ReadyAwaiter writable() noexcept { return ReadyAwaiter(this, sys::kWritable); }

 private:
  friend class detail::Executor;
  void dispatch(std::uint32_t readiness) noexcept;
  void wake_waiter(ReadyAwaiter*& slot, bool detaching) noexcept;

  detail::Executor* executor_ = nullptr;
  sys::RawFd fd_ = -1;
  std::uint32_t ready_ = 0;
  ReadyAwaiter* reader_ = nullptr;
  ReadyAwaiter* writer_ = nullptr;
};

}  // namespace prt
