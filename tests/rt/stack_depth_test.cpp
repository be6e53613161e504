// The stack must not grow from one round of a workload to the next.
//
// A coroutine resumes the next one by symmetric transfer, a tail call. A
// resume function that keeps locals on the stack must give that frame back
// before the tail call; clang 14's WebAssembly back end did not (it put the
// stack-pointer restore after the `return_call`, where it never runs), so on
// the browser target every member of a gather or TaskGroup kept 32-48 bytes
// of its worker's 1 MiB stack until `bench_rt` overflowed it
// (cmake/browser.toolchain.cmake now compiles through LLVM 19's back end).
// On native targets the same tests catch a transfer that is compiled as a
// plain call, which grows the stack the same way.
//
// Each workload runs `kRounds` times inside one task; after each round the
// task records how deep the stack is (the address of a local in a function
// it calls) on the thread it is on. The depth at that point may differ
// between threads, and by a few frames with the path that resumed the task,
// but must not drift: a leak of even 16 bytes per resumed task would move it
// by kRounds * kMembers * 16 = 32 KiB.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace {

using prt::Result;
using prt::Task;

constexpr int kRounds = 64;
constexpr int kMembers = 32;
// Allowed spread of the depth on one thread: a few frames of a different
// resume path, far below what a per-task leak adds up to.
constexpr std::uintptr_t kToleranceBytes = 1024;

// The address of a local of a function called from the workload's task:
// where the stack is at that point. noinline and volatile keep the local in a
// real stack frame (on wasm, the shadow stack that leaked).
[[gnu::noinline]] void stack_depth_probe(std::uintptr_t* depth) {
  volatile char local = 0;
  *depth = reinterpret_cast<std::uintptr_t>(&local);
}

// Keeps `*p` in memory, so a task calling it has a stack frame of its own.
[[gnu::noinline]] int read_through(const volatile int* p) { return *p; }

// Which thread the caller is on, without std::thread (WASI has none).
const void* this_thread_key() {
  thread_local char key;
  return &key;
}

Task<int> leaf(int i) { co_return i; }

// A member whose resume function has a stack frame, the shape that leaked.
Task<int> leaf_with_frame(int i) {
  volatile int local = i;
  co_return read_through(&local);
}

std::vector<Task<int>> members() {
  std::vector<Task<int>> v;
  v.reserve(kMembers);
  for (int i = 0; i < kMembers; ++i) v.push_back(i % 2 ? leaf(i) : leaf_with_frame(i));
  return v;
}

prt::Error wrong(const char* what) { return prt::Error(prt::ErrorKind::Other, what); }

struct Workload {
  const char* name;
  Task<> (*round)();
};

// One round of each workload: kMembers tasks through one resume path.
const Workload kWorkloads[] = {
    {"InlineAwaits",
     []() -> Task<> {
       int sum = 0;
       for (int i = 0; i < kMembers; ++i) {
         auto r = co_await leaf_with_frame(i);
         if (!r) co_return r.error();
         sum += *r;
       }
       if (sum != kMembers * (kMembers - 1) / 2) co_return wrong("inline awaits: wrong sum");
       co_return prt::ok();
     }},
    {"SpawnJoin",
     []() -> Task<> {
       for (int i = 0; i < kMembers; ++i) {
         auto r = co_await prt::spawn(leaf_with_frame(i));
         if (!r || *r != i) co_return wrong("spawn/join: wrong value");
       }
       co_return prt::ok();
     }},
    {"JoinAll",
     []() -> Task<> {
       auto all = co_await prt::join_all(members());
       if (!all || all->size() != kMembers) co_return wrong("join_all: wrong count");
       co_return prt::ok();
     }},
    {"Gather",
     []() -> Task<> {
       auto all = co_await prt::gather(members());
       if (!all || all->size() != kMembers) co_return wrong("gather: wrong count");
       co_return prt::ok();
     }},
    {"TaskGroup",
     []() -> Task<> {
       prt::TaskGroup group;
       co_return co_await group.run([](prt::TaskGroup& g) -> Task<> {
         for (int i = 0; i < kMembers; ++i) PRT_CO_TRY(g.spawn(leaf_with_frame(i)));
         co_return prt::ok();
       });
     }},
    {"JoinSet",
     []() -> Task<> {
       prt::JoinSet<int> set;
       for (int i = 0; i < kMembers; ++i) PRT_CO_TRY(set.spawn(leaf_with_frame(i)));
       for (int i = 0; i < kMembers; ++i) {
         auto j = co_await set.join_next();
         if (!j || !j->result) co_return wrong("join set: a member failed");
       }
       co_return prt::ok();
     }},
    {"Channel",
     []() -> Task<> {
       auto [tx, rx] = prt::channel<int>(1);
       auto producer = prt::spawn([](prt::Sender<int> out) -> Task<> {
         for (int i = 0; i < kMembers; ++i) PRT_CO_TRY(co_await out.send(i));
         co_return prt::ok();
       }(std::move(tx)));
       for (int i = 0; i < kMembers; ++i) {
         auto v = co_await rx.recv();
         if (!v || *v != i) co_return wrong("channel: wrong value");
       }
       co_return co_await producer;
     }},
};

struct Case {
  int workload;
  int runtime_kind;
};

class StackDepthTest : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    if (GetParam().runtime_kind > 0 && !prt::sys::threads_supported())
      GTEST_SKIP() << "multi-threaded runtime: " PRT_NO_THREADS_REASON;
  }
};

TEST_P(StackDepthTest, DoesNotGrowFromRoundToRound) {
  const Workload& w = kWorkloads[GetParam().workload];
  auto rt = prt_test::make_runtime(prt_test::config_for(GetParam().runtime_kind));
  // Per thread: the shallowest and deepest point seen after a round.
  struct Extent {
    std::uintptr_t low = UINTPTR_MAX, high = 0;
    int rounds = 0;
  };
  std::map<const void*, Extent> extents;
  auto r = rt.block_on([](const Workload& w, std::map<const void*, Extent>& extents) -> Task<> {
    for (int round = 0; round < kRounds; ++round) {
      PRT_CO_TRY(co_await w.round());
      std::uintptr_t depth = 0;
      stack_depth_probe(&depth);
      Extent& e = extents[this_thread_key()];
      if (e.rounds++ == 0) continue;  // the first round may take a path no later one does
      e.low = std::min(e.low, depth);
      e.high = std::max(e.high, depth);
    }
    co_return prt::ok();
  }(w, extents));
  ASSERT_TRUE(r) << prt_test::describe(r.error());
  for (const auto& per_thread : extents) {
    const Extent& e = per_thread.second;
    if (e.rounds < 2) continue;
    EXPECT_LE(e.high - e.low, kToleranceBytes)
        << w.name << ": the stack moved by " << (e.high - e.low) << " bytes over " << e.rounds
        << " rounds on one thread (a resume path that does not give its frame back)";
  }
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (int w = 0; w < static_cast<int>(std::size(kWorkloads)); ++w)
    for (int kind : {0, 1, 2}) cases.push_back({w, kind});
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<Case>& i) {
  return std::string(kWorkloads[i.param.workload].name) +
         (i.param.runtime_kind == 0 ? std::string("_SingleThreaded")
                                    : "_Workers" + std::to_string(i.param.runtime_kind));
}

INSTANTIATE_TEST_SUITE_P(Workloads, StackDepthTest, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
