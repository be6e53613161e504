// prt::Error — the runtime's one error type. Errors are values: nothing in
// prt throws, and every operation that can fail returns a Result<T>
// (rt/result.h) holding either its value or an Error.
#pragma once

#include <cstddef>
#include <cstdint>

namespace prt {

// The kinds of the design documents' AsyncError, one per way an operation
// can fail. Zero is reserved: Result<void> uses it to mean "no error".
enum class ErrorKind : std::uint8_t {
  Join = 1,              // a JoinHandle was misused (empty, awaited twice, ...)
  Cancelled,             // the task was cancelled at this await point
  Timeout,               // a prt::timeout expired before the operation finished
  Runtime,               // the runtime refused: no runtime, bad config, deadlock
  Spawn,                 // a task could not be spawned
  Panic,                 // a task ended abnormally
  ChannelClosed,         // the other side of a channel is gone
  LockPoisoned,          // a lock's holder ended abnormally while holding it
  PlatformNotSupported,  // this target cannot provide the operation
  Io,                    // an operating-system call failed; code() is the OS error
  Other,                 // anything else, including out of memory
  Lagged,                // a broadcast receiver fell behind; code() is the number
                         // of values it missed (rt/sync/broadcast.h)
};

// Lower-case name of a kind ("cancelled", "i/o error", ...).
const char* to_string(ErrorKind kind) noexcept;

// A kind, an optional context string and an optional code. 16 bytes,
// trivially copyable, so it can be returned and stored anywhere for free.
//
// The context must be a string with static storage duration (a literal):
// errors are created on paths that must not allocate, and they may outlive
// every frame. It names what failed ("epoll_ctl", "RuntimeConfig.worker_threads
// must be between 1 and 1024"). For ErrorKind::Io the code is the OS error
// number; for ErrorKind::Lagged it is the number of values the broadcast
// receiver missed (capped at INT32_MAX); other kinds may carry an OS code
// (a failed pthread call) or leave it 0.
class Error {
 public:
  constexpr Error(ErrorKind kind, const char* context = nullptr, std::int32_t code = 0) noexcept
      : context_(context), kind_(kind), code_(code) {}

  constexpr ErrorKind kind() const noexcept { return kind_; }
  constexpr bool is(ErrorKind kind) const noexcept { return kind_ == kind; }
  constexpr const char* context() const noexcept { return context_ ? context_ : ""; }
  constexpr std::int32_t code() const noexcept { return code_; }

  // Writes "<kind>: <context> (os error N: <description>)" into buf, always
  // NUL-terminated when size > 0; returns the length the full text needs,
  // like snprintf.
  std::size_t format(char* buf, std::size_t size) const noexcept;

  static constexpr Error cancelled() noexcept { return Error(ErrorKind::Cancelled); }

 private:
  friend class ErrorSlot;
  struct NoError {};
  constexpr explicit Error(NoError) noexcept : context_(nullptr), kind_(ErrorKind{}), code_(0) {}

  const char* context_;
  ErrorKind kind_;
  std::int32_t code_;
};

static_assert(sizeof(Error) == 16 || sizeof(void*) != 8, "Error is meant to stay two words");

// Error storage that can also mean "no error" (kind zero). Result<void> and
// the task header keep their outcome in one of these.
class ErrorSlot {
 public:
  constexpr ErrorSlot() noexcept : error_(Error::NoError{}) {}
  constexpr ErrorSlot(Error e) noexcept : error_(e) {}  // NOLINT: implicit by design
  constexpr bool has_error() const noexcept { return error_.kind_ != ErrorKind{}; }
  constexpr const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

}  // namespace prt
