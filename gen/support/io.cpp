#include "gen/support/io.h"

#include <unistd.h>

#include <cerrno>
#include <string>

namespace gen {

namespace {

std::string& stdout_buffer() {
  static std::string buffer;
  return buffer;
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // a closed pipe: nothing more can be said
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

bool stdout_is_tty() {
  static const bool tty = ::isatty(1) == 1;
  return tty;
}

}  // namespace

void write_stdout(std::string_view text) {
  std::string& b = stdout_buffer();
  b.append(text);
  // A terminal sees each line as it is printed, as CPython's line buffering.
  if (b.size() >= (1u << 16) || (stdout_is_tty() && text.find('\n') != std::string_view::npos)) flush_stdout();
}

void flush_stdout() {
  std::string& b = stdout_buffer();
  write_all(1, b);
  b.clear();
}

void write_stderr(std::string_view text) { write_all(2, text); }

}  // namespace gen
