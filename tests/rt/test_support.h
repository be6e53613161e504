// Shared helpers for the runtime suites.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rt/platform.h"
#include "rt/prt.h"

// 1 where the target has threads, 0 where it has none (WASI); set by
// tests/CMakeLists.txt. Code that needs threads (std::thread, the
// multi-threaded scheduler, blocking waits another thread ends) sits in
//   #if PRT_TEST_HAS_THREADS ... #else <the same tests, skipped> #endif
// so that a target without threads still lists every test, as skipped and
// with the reason, instead of dropping it silently.
#ifndef PRT_TEST_HAS_THREADS
#define PRT_TEST_HAS_THREADS 1
#endif
#define PRT_NO_THREADS_REASON "needs threads; this target has none"
// A test (or a parameterised one) compiled as skipped without threads.
#define PRT_SKIPPED_TEST(suite, name) \
  TEST(suite, name) { GTEST_SKIP() << PRT_NO_THREADS_REASON; }
#define PRT_SKIPPED_TEST_P(suite, name) \
  TEST_P(suite, name) { GTEST_SKIP() << PRT_NO_THREADS_REASON; }
#define PRT_SKIPPED_TEST_F(fixture, name) \
  TEST_F(fixture, name) { GTEST_SKIP() << PRT_NO_THREADS_REASON; }
// 1 where tests can make pipes and the poller watches them: natively. WASI
// preview 1 has no pipe(); the browser has no file descriptors to poll. Set
// by tests/CMakeLists.txt; tests that make pipes check this one.
#ifndef PRT_TEST_HAS_PIPES
#define PRT_TEST_HAS_PIPES PRT_TEST_HAS_THREADS
#endif
#define PRT_NO_PIPES_REASON "needs pipes and a poller that watches them; this target has neither"
#define PRT_SKIPPED_PIPE_TEST_F(fixture, name) \
  TEST_F(fixture, name) { GTEST_SKIP() << PRT_NO_PIPES_REASON; }
#define PRT_SKIPPED_PIPE_TEST_P(suite, name) \
  TEST_P(suite, name) { GTEST_SKIP() << PRT_NO_PIPES_REASON; }

namespace prt_test {

// Leak-checking fixture: every test that derives from it must free every
// coroutine frame it allocated (frames are the runtime's per-task memory).
// It works in every build, not only under AddressSanitizer.
class LeakChecked : public ::testing::Test {
 protected:
  void SetUp() override { frames_at_start_ = prt::frame_stats().live_frames; }
  void TearDown() override {
    EXPECT_EQ(prt::frame_stats().live_frames, frames_at_start_) << "coroutine frames leaked";
  }

 private:
  std::int64_t frames_at_start_ = 0;
};

// Creates a runtime or fails the test.
inline prt::Runtime make_runtime(const prt::RuntimeConfig& config = {}) {
  auto rt = prt::Runtime::create(config);
  if (!rt) {
    char msg[256];
    rt.error().format(msg, sizeof msg);
    ADD_FAILURE() << "Runtime::create failed: " << msg;
    std::abort();
  }
  return std::move(*rt);
}

// Suites that run on every runtime kind take the worker count as their
// parameter: 0 is the single-threaded executor, n > 0 the work-stealing
// scheduler with n workers.
//   INSTANTIATE_TEST_SUITE_P(Runtimes, Suite, prt_test::kRuntimeKinds, prt_test::runtime_kind_name);
inline prt::RuntimeConfig config_for(int workers) {
  prt::RuntimeConfig c;
  if (workers > 0) {
    c.runtime_type = prt::RuntimeType::MultiThreaded;
    c.worker_threads = static_cast<std::size_t>(workers);
  }
  return c;
}
inline const auto kRuntimeKinds = ::testing::Values(0, 1, 2, 4);

// The base of those suites. Without threads the multi-threaded instances
// are skipped in SetUp, with the reason.
class RuntimeKindTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    if (GetParam() > 0 && !prt::sys::threads_supported()) GTEST_SKIP() << "multi-threaded runtime: " PRT_NO_THREADS_REASON;
  }
  // For fixtures that build their runtime before SetUp runs: the kind to
  // build, single-threaded where the instance will be skipped anyway.
  static int buildable_kind(int kind) { return prt::sys::threads_supported() ? kind : 0; }
};
inline std::string runtime_kind_name(const ::testing::TestParamInfo<int>& i) {
  return i.param == 0 ? std::string("SingleThreaded") : "Workers" + std::to_string(i.param);
}

inline std::string describe(const prt::Error& e) {
  char msg[256];
  e.format(msg, sizeof msg);
  return msg;
}

// An ordered record of what tasks did, to assert interleavings.
struct Trace {
  std::vector<std::string> events;
  void add(std::string e) { events.push_back(std::move(e)); }
};

// Counts destructions: proves a frame's locals were destroyed.
struct DropCounter {
  int* drops;
  explicit DropCounter(int* d) : drops(d) {}
  DropCounter(const DropCounter&) = delete;
  ~DropCounter() { ++*drops; }
};

// A test task's way to fail with a message (its result is checked by the test).
inline prt::Error failure(const char* what) { return prt::Error(prt::ErrorKind::Other, what); }

template <class R>
bool is_cancelled(const R& r) {
  return !r.ok() && r.error().is(prt::ErrorKind::Cancelled);
}

}  // namespace prt_test
