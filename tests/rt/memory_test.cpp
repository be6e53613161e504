// The frame cache behind PRT_FRAME_ALLOC: size classes, cache-line blocks,
// the per-thread budget, the shared pool, trim, and threads that exit.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "test_support.h"

namespace {

bool line_aligned(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 64 == 0; }
std::size_t rounded(std::size_t size) { return size <= 64 ? 64 : (size + 63) / 64 * 64; }

TEST(FrameCache, ReusesFreedBlocksOfTheSameClass) {
  prt::frame_cache_trim();
  prt::FrameStats before = prt::frame_stats();
  void* a = prt::frame_alloc(106);
  ASSERT_NE(a, nullptr);
  prt::frame_free(a, 106);
  void* b = prt::frame_alloc(128);  // same class (65..128 bytes)
  EXPECT_EQ(a, b);
  prt::FrameStats mid = prt::frame_stats();
  EXPECT_EQ(mid.cache_hits, before.cache_hits + 1);
  EXPECT_EQ(mid.live_frames, before.live_frames + 1);
  EXPECT_EQ(mid.live_bytes, before.live_bytes + 128);
  prt::frame_free(b, 128);
  EXPECT_EQ(prt::frame_stats().live_frames, before.live_frames);
  EXPECT_EQ(prt::frame_stats().cached_bytes, 128u);
  prt::frame_cache_trim();
  EXPECT_EQ(prt::frame_stats().cached_bytes, 0u);
}

TEST(FrameCache, BlocksAreLineAlignedAndNeverShareALine) {
  std::vector<std::pair<char*, std::size_t>> blocks;
  for (int i = 0; i < 3000; ++i) {
    const std::size_t size = 1 + static_cast<std::size_t>(i * 37) % 1024;
    char* p = static_cast<char*>(prt::frame_alloc(size));
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(line_aligned(p)) << "size " << size;
    std::memset(p, 0xab, size);
    blocks.emplace_back(p, size);
  }
  auto sorted = blocks;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    // The next block starts at or after the end of this one's last line.
    EXPECT_GE(sorted[i].first, sorted[i - 1].first + rounded(sorted[i - 1].second));
  }
  for (auto [p, size] : blocks) prt::frame_free(p, size);
}

TEST(FrameCache, LargeFramesBypassTheCache) {
  prt::frame_cache_trim();
  void* big = prt::frame_alloc(64 * 1024);  // beyond the largest class
  ASSERT_NE(big, nullptr);
  prt::frame_free(big, 64 * 1024);
  EXPECT_EQ(prt::frame_stats().cached_bytes, 0u);
}

TEST(FrameCache, HoldsAtMostItsBudgetAndPoolsTheRest) {
  prt::frame_cache_trim();
  constexpr int kBlocks = 20000;  // 2.5 MB of 128-byte blocks
  std::vector<void*> blocks;
  for (int i = 0; i < kBlocks; ++i) blocks.push_back(prt::frame_alloc(128));
  for (void* p : blocks) prt::frame_free(p, 128);
  EXPECT_LE(prt::frame_stats().cached_bytes, std::size_t{PRT_FRAME_CACHE_BYTES});
  EXPECT_GT(prt::frame_stats().cached_bytes, 0u);
  EXPECT_GE(prt::frame_memory().pooled_bytes, kBlocks * 128u - PRT_FRAME_CACHE_BYTES);
  prt::frame_cache_trim();
}

TEST(FrameCache, TrimGivesBackEntirelyFreeSpans) {
  prt::frame_cache_trim();
  const prt::FrameMemory start = prt::frame_memory();
  std::vector<void*> blocks;
  for (int i = 0; i < 10000; ++i) blocks.push_back(prt::frame_alloc(192));
  EXPECT_GE(prt::frame_memory().reserved_bytes, start.reserved_bytes + 10000u * 192);
  for (void* p : blocks) prt::frame_free(p, 192);
  prt::frame_cache_trim();
  EXPECT_LE(prt::frame_memory().spans, start.spans);
  EXPECT_EQ(prt::frame_stats().cached_bytes, 0u);
}

TEST(FrameCache, TrimKeepsSpansWithLiveFrames) {
  prt::frame_cache_trim();
  std::vector<void*> blocks;
  for (int i = 0; i < 4000; ++i) blocks.push_back(prt::frame_alloc(256));
  char* keep = static_cast<char*>(blocks[1234]);
  std::memset(keep, 0x5a, 256);
  for (void* p : blocks) {
    if (p != keep) prt::frame_free(p, 256);
  }
  prt::frame_cache_trim();
  EXPECT_GE(prt::frame_memory().spans, 1u);
  for (int i = 0; i < 256; ++i) ASSERT_EQ(static_cast<unsigned char>(keep[i]), 0x5a);
  // The kept span's other blocks are still handed out.
  void* again = prt::frame_alloc(256);
  ASSERT_NE(again, nullptr);
  prt::frame_free(again, 256);
  prt::frame_free(keep, 256);
  prt::frame_cache_trim();
}

#if PRT_TEST_HAS_THREADS
TEST(FrameCache, ThreadsThatExitLeaveTheirMemoryForOthers) {
  prt::frame_cache_trim();
  auto churn = [] {
    std::thread t([] {
      std::vector<void*> blocks;
      for (int i = 0; i < 100; ++i) blocks.push_back(prt::frame_alloc(128));
      for (void* p : blocks) prt::frame_free(p, 128);
    });
    t.join();
  };
  churn();
  const std::size_t after_one = prt::frame_memory().spans;
  for (int i = 0; i < 50; ++i) churn();
  // Each thread carves from what the ones before it left, not a span of its own.
  EXPECT_LE(prt::frame_memory().spans, after_one + 1);
  prt::frame_cache_trim();
}
#else
PRT_SKIPPED_TEST(FrameCache, ThreadsThatExitLeaveTheirMemoryForOthers)
#endif

TEST(FrameCache, InjectedFailureHitsTheNthAllocation) {
  prt::detail::inject_frame_alloc_failure(2);
  void* first = prt::frame_alloc(32);
  void* second = prt::frame_alloc(32);
  void* third = prt::frame_alloc(32);
  EXPECT_NE(first, nullptr);
  EXPECT_EQ(second, nullptr);
  EXPECT_NE(third, nullptr);
  prt::frame_free(first, 32);
  prt::frame_free(third, 32);
}

#if PRT_TEST_HAS_THREADS
TEST(FrameCache, FramesMayBeFreedOnAnotherThread) {
  void* p = prt::frame_alloc(64);
  std::int64_t live = prt::frame_stats().live_frames;
  std::thread t([p] {
    prt::frame_free(p, 64);  // joins that thread's cache, pooled at its exit
    EXPECT_EQ(prt::frame_stats().live_frames, -1);
  });
  t.join();
  EXPECT_EQ(prt::frame_stats().live_frames, live);  // this thread still counts it
}
#else
PRT_SKIPPED_TEST(FrameCache, FramesMayBeFreedOnAnotherThread)
#endif

// A thread_local destroyed after the cache's own exit hook may still allocate
// and free frames (a runtime owned by a thread_local does): they come from
// and go to the shared pool.
struct LateUser {
  bool* ok = nullptr;
  ~LateUser() {
    void* p = prt::frame_alloc(100);
    void* q = prt::frame_alloc(700);
    if (ok) *ok = p && q && line_aligned(p) && line_aligned(q) && p != q;
    if (p) std::memset(p, 1, 100);
    prt::frame_free(p, 100);
    prt::frame_free(q, 700);
  }
};
thread_local LateUser late_user;

#if PRT_TEST_HAS_THREADS
TEST(FrameCache, AllocationAfterTheThreadsCacheIsGoneStillWorks) {
  bool ok = false;
  std::thread t([&ok] {
    late_user.ok = &ok;  // constructed before the cache's exit hook: destroyed after it
    prt::frame_free(prt::frame_alloc(100), 100);
  });
  t.join();
  EXPECT_TRUE(ok);
}
#else
PRT_SKIPPED_TEST(FrameCache, AllocationAfterTheThreadsCacheIsGoneStillWorks)
#endif

// Four threads allocate blocks, stamp them, and pass them round a ring to be
// checked and freed by the next thread: a block handed out twice, or freed
// into the wrong class, shows up as a broken stamp. Run under TSan.
#if PRT_TEST_HAS_THREADS
TEST(FrameCacheStress, BlocksPassedBetweenThreadsAreNeverHandedOutTwice) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 200;
  constexpr int kPerRound = 64;
  struct Mailbox {
    std::mutex lock;
    std::vector<std::pair<std::uint64_t*, std::size_t>> items;
  };
  Mailbox boxes[kThreads];
  std::atomic<int> broken{0};
  auto worker = [&](int me) {
    std::uint64_t stamp = static_cast<std::uint64_t>(me) << 32;
    for (int r = 0; r < kRounds; ++r) {
      std::vector<std::pair<std::uint64_t*, std::size_t>> mine;
      for (int i = 0; i < kPerRound; ++i) {
        const std::size_t size = 16 + static_cast<std::size_t>((r * 131 + i * 29) % 1000);
        auto* p = static_cast<std::uint64_t*>(prt::frame_alloc(size));
        if (!p) {
          broken.fetch_add(1);
          continue;
        }
        ++stamp;
        for (std::size_t w = 0; w < size / 8; ++w) p[w] = stamp;
        mine.emplace_back(p, size);
      }
      {
        std::lock_guard<std::mutex> g(boxes[(me + 1) % kThreads].lock);
        for (auto& m : mine) boxes[(me + 1) % kThreads].items.push_back(m);
      }
      std::vector<std::pair<std::uint64_t*, std::size_t>> got;
      {
        std::lock_guard<std::mutex> g(boxes[me].lock);
        got.swap(boxes[me].items);
      }
      for (auto [p, size] : got) {
        for (std::size_t w = 1; w < size / 8; ++w) {
          if (p[w] != p[0]) {
            broken.fetch_add(1);
            break;
          }
        }
        prt::frame_free(p, size);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back(worker, i);
  for (auto& t : threads) t.join();
  for (auto& box : boxes) {
    for (auto [p, size] : box.items) prt::frame_free(p, size);
  }
  EXPECT_EQ(broken.load(), 0);
  prt::frame_cache_trim();
}
#else
PRT_SKIPPED_TEST(FrameCacheStress, BlocksPassedBetweenThreadsAreNeverHandedOutTwice)
#endif

}  // namespace
