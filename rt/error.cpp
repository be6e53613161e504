#include "error.h"

#include <cstdio>
#include <cstdlib>

#include "config.h"
#include "platform.h"

namespace prt {

const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::Join: return "join error";
    case ErrorKind::Cancelled: return "cancelled";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::Runtime: return "runtime error";
    case ErrorKind::Spawn: return "spawn error";
    case ErrorKind::Panic: return "panic";
    case ErrorKind::ChannelClosed: return "channel closed";
    case ErrorKind::LockPoisoned: return "lock poisoned";
    case ErrorKind::PlatformNotSupported: return "platform not supported";
    case ErrorKind::Io: return "i/o error";
    case ErrorKind::Other: return "error";
    case ErrorKind::Lagged: return "lagged";
  }
  return "unknown error";
}

std::size_t Error::format(char* buf, std::size_t size) const noexcept {
  int n;
  const char* ctx = context();
  const char* sep = *ctx ? ": " : "";
  if (kind_ == ErrorKind::Io) {
    char os[128];
    sys::describe_os_error(code_, os, sizeof os);
    n = std::snprintf(buf, size, "%s%s%s (os error %d: %s)", to_string(kind_), sep, ctx,
                      static_cast<int>(code_), os);
  } else if (code_ != 0) {
    n = std::snprintf(buf, size, "%s%s%s (%d)", to_string(kind_), sep, ctx, static_cast<int>(code_));
  } else {
    n = std::snprintf(buf, size, "%s%s%s", to_string(kind_), sep, ctx);
  }
  return n < 0 ? 0 : static_cast<std::size_t>(n);
}

namespace detail {

void abort_with(const char* msg) noexcept {
  std::fputs("prt: fatal: ", stderr);
  std::fputs(msg, stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::abort();
}

void assert_fail(const char* cond, const char* file, int line) noexcept {
  std::fprintf(stderr, "prt: assertion failed: %s at %s:%d\n", cond, file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace detail
}  // namespace prt
