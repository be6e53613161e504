// fd readiness on WASI, end to end under a real host: the runtime waits for
// a handle through poll_oneoff while other tasks keep running.
//
//   fd_readiness stdin        reads standard input to its end, waiting for
//                             readability before each read, while a ticker
//                             task sleeps 10 ms at a time; prints
//                             "bytes=N reads=R ticks=T"
//   fd_readiness file PATH    awaits readability of a regular file (at once,
//                             as POSIX poll says) and reads it; prints
//                             "bytes=N"
//
// tests/wasi/fd-readiness-test feeds standard input through a pipe with
// pauses and checks what this prints. Exit status 1 on any runtime error.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "rt/prt.h"

using namespace std::chrono_literals;

namespace {

struct Counts {
  long bytes = 0;
  long reads = 0;
  long ticks = 0;
  bool done = false;
};

prt::Task<> ticker(Counts* c) {
  while (!c->done) {
    PRT_CO_TRY(co_await prt::sleep(10ms));
    ++c->ticks;
  }
  co_return prt::ok();
}

// Reads `fd` to its end. Every read is made only once the poller says the
// handle is readable, so a read never blocks the thread (a host may refuse
// non-blocking mode on standard input; this does not depend on it).
prt::Task<> drain(int fd, Counts* c) {
  prt::IoSource src;
  PRT_CO_TRY(src.attach(fd, prt::sys::kReadable));
  char buf[4096];
  for (;;) {
    PRT_CO_TRY(co_await src.readable());
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) co_return prt::Error(prt::ErrorKind::Io, "read failed");
    if (n == 0) break;
    c->bytes += n;
    ++c->reads;
    src.clear_readable();
  }
  c->done = true;
  co_return prt::ok();
}

prt::Task<> read_stdin(Counts* c) {
  auto tick = prt::spawn(ticker(c));
  PRT_CO_TRY(co_await drain(0, c));
  PRT_CO_TRY(co_await tick);
  co_return prt::ok();
}

int report(const prt::Result<void>& r) {
  if (r) return 0;
  char msg[256];
  r.error().format(msg, sizeof msg);
  std::fprintf(stderr, "fd_readiness: %s\n", msg);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "stdin") == 0) {
    Counts c;
    const int rc = report(prt::run(read_stdin(&c)));
    std::printf("bytes=%ld reads=%ld ticks=%ld\n", c.bytes, c.reads, c.ticks);
    return rc;
  }
  if (argc == 3 && std::strcmp(argv[1], "file") == 0) {
    const int fd = ::open(argv[2], O_RDONLY);
    if (fd < 0) {
      std::fprintf(stderr, "fd_readiness: cannot open %s: %s\n", argv[2], std::strerror(errno));
      return 2;
    }
    Counts c;
    const int rc = report(prt::run(drain(fd, &c)));
    ::close(fd);
    std::printf("bytes=%ld\n", c.bytes);
    return rc;
  }
  std::fprintf(stderr, "usage: fd_readiness stdin | fd_readiness file PATH\n");
  return 2;
}
