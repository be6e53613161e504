// IoSource on the runtime's poller, with pipes.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

#include "test_support.h"

using namespace std::chrono_literals;

namespace {

using prt::ErrorKind;
using prt::IoSource;
using prt::Result;
using prt::Task;

class IoTest : public prt_test::LeakChecked {
 protected:
  void SetUp() override {
    LeakChecked::SetUp();
    ASSERT_EQ(pipe2(fds_, O_NONBLOCK | O_CLOEXEC), 0);
  }
  void TearDown() override {
    if (fds_[0] >= 0) close(fds_[0]);
    if (fds_[1] >= 0) close(fds_[1]);
    LeakChecked::TearDown();
  }
  int fds_[2] = {-1, -1};
};

Task<int> read_when_ready(int fd) {
  IoSource src;
  PRT_CO_TRY(src.attach(fd, prt::sys::kReadable));
  char buf[16];
  for (;;) {
    PRT_CO_TRY(co_await src.readable());
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) co_return static_cast<int>(n);
    if (n == 0) co_return 0;  // end of file
    src.clear_readable();     // spurious: wait for the next edge
  }
}

Task<> write_later(int fd, prt::Duration after, const char* text) {
  PRT_CO_TRY(co_await prt::sleep(after));
  EXPECT_EQ(write(fd, text, std::strlen(text)), static_cast<ssize_t>(std::strlen(text)));
  co_return prt::ok();
}

TEST_F(IoTest, AReaderWakesWhenDataArrives) {
  auto main_task = [](int rfd, int wfd) -> Task<int> {
    auto reader = prt::spawn(read_when_ready(rfd));
    auto writer = prt::spawn(write_later(wfd, 2ms, "hello"));
    PRT_CO_TRY(co_await writer);
    co_return co_await reader;
  };
  auto rt = prt_test::make_runtime();
  auto r = rt.block_on(main_task(fds_[0], fds_[1]));
  ASSERT_TRUE(r.ok()) << prt_test::describe(r.error());
  EXPECT_EQ(*r, 5);
  EXPECT_GE(rt.stats().io_events, 1u);
  EXPECT_EQ(rt.stats().io_sources, 0u);
}

TEST_F(IoTest, HangUpIsReportedAsReadable) {
  auto main_task = [](int rfd, int* wfd) -> Task<int> {
    auto reader = prt::spawn(read_when_ready(rfd));
    PRT_CO_TRY(co_await prt::yield_now());
    close(*wfd);
    *wfd = -1;
    co_return co_await reader;
  };
  auto r = prt::run(main_task(fds_[0], &fds_[1]));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0);
}

TEST_F(IoTest, AnEmptyPipeIsWritableAtOnce) {
  auto main_task = [](int wfd) -> Task<> {
    IoSource src;
    PRT_CO_TRY(src.attach(wfd, prt::sys::kWritable));
    PRT_CO_TRY(co_await prt::timeout(1s, src.writable()));
    EXPECT_TRUE(src.readiness() & prt::sys::kWritable);
    src.clear_writable();
    EXPECT_FALSE(src.readiness() & prt::sys::kWritable);
    co_return prt::ok();
  };
  EXPECT_TRUE(prt::run(main_task(fds_[1])).ok());
}

TEST_F(IoTest, ASecondWaiterInTheSameDirectionIsRefused) {
  auto main_task = [](int rfd) -> Task<> {
    IoSource src;
    PRT_CO_TRY(src.attach(rfd, prt::sys::kReadable));
    auto first = prt::spawn([](IoSource* s) -> Task<> { co_return co_await s->readable(); }(&src));
    PRT_CO_TRY(co_await prt::yield_now());
    auto second = co_await src.readable();
    EXPECT_FALSE(second.ok());
    EXPECT_TRUE(second.error().is(ErrorKind::Runtime));
    src.detach();  // wakes the first waiter with an error
    auto r = co_await first;
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error().is(ErrorKind::Io));
    co_return prt::ok();
  };
  EXPECT_TRUE(prt::run(main_task(fds_[0])).ok());
}

TEST_F(IoTest, AttachIsRefusedOutsideARuntimeAndWhenDisabled) {
  IoSource outside;
  auto r = outside.attach(fds_[0]);
  EXPECT_TRUE(r.error().is(ErrorKind::Runtime));

  prt::RuntimeConfig c;
  c.enable_io = false;
  auto rt = prt_test::make_runtime(c);
  auto in = rt.block_on([](int fd) -> Task<> {
    IoSource src;
    auto a = src.attach(fd);
    EXPECT_TRUE(a.error().is(ErrorKind::Runtime));
    co_return prt::ok();
  }(fds_[0]));
  EXPECT_TRUE(in.ok());
}

TEST_F(IoTest, BadHandlesAreIoErrors) {
  auto r = prt::run([]() -> Task<> {
    IoSource src;
    auto a = src.attach(-1);
    EXPECT_FALSE(a.ok());
    EXPECT_TRUE(a.error().is(ErrorKind::Io));
    EXPECT_NE(a.error().code(), 0);
    EXPECT_FALSE(src.attached());
    co_return prt::ok();
  }());
  EXPECT_TRUE(r.ok());
}

TEST_F(IoTest, ASourceInAFrameAtShutdownIsReleased) {
  int rfd = fds_[0];
  {
    auto rt = prt_test::make_runtime();
    auto h = rt.spawn(read_when_ready(rfd));
    auto r = rt.block_on([]() -> Task<> { co_return co_await prt::sleep(1ms); }());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(rt.stats().io_sources, 1u);
  }  // the reader's frame (and its IoSource) is destroyed with the runtime
}

}  // namespace
