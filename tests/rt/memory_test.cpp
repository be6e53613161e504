// The frame cache behind PRT_FRAME_ALLOC.
#include <thread>

#include "test_support.h"

namespace {

TEST(FrameCache, ReusesFreedBlocksOfTheSameClass) {
  prt::frame_cache_trim();
  prt::FrameStats before = prt::frame_stats();
  void* a = prt::frame_alloc(106);
  ASSERT_NE(a, nullptr);
  prt::frame_free(a, 106);
  void* b = prt::frame_alloc(118);  // same class (105..120 bytes)
  EXPECT_EQ(a, b);
  prt::FrameStats mid = prt::frame_stats();
  EXPECT_EQ(mid.cache_hits, before.cache_hits + 1);
  EXPECT_EQ(mid.live_frames, before.live_frames + 1);
  EXPECT_EQ(mid.live_bytes, before.live_bytes + 118);
  prt::frame_free(b, 118);
  EXPECT_EQ(prt::frame_stats().live_frames, before.live_frames);
  EXPECT_EQ(prt::frame_stats().cached_bytes, 120u);
  prt::frame_cache_trim();
  EXPECT_EQ(prt::frame_stats().cached_bytes, 0u);
}

TEST(FrameCache, LargeFramesBypassTheCache) {
  prt::frame_cache_trim();
  void* big = prt::frame_alloc(64 * 1024);  // beyond the largest class
  ASSERT_NE(big, nullptr);
  prt::frame_free(big, 64 * 1024);
  EXPECT_EQ(prt::frame_stats().cached_bytes, 0u);
}

TEST(FrameCache, HoldsAtMostItsBudget) {
  prt::frame_cache_trim();
  constexpr int kBlocks = 20000;
  std::vector<void*> blocks;
  for (int i = 0; i < kBlocks; ++i) blocks.push_back(prt::frame_alloc(128));
  for (void* p : blocks) prt::frame_free(p, 128);
  EXPECT_LE(prt::frame_stats().cached_bytes, std::size_t{PRT_FRAME_CACHE_BYTES});
  EXPECT_GT(prt::frame_stats().cached_bytes, 0u);
  prt::frame_cache_trim();
}

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

TEST(FrameCache, FramesMayBeFreedOnAnotherThread) {
  void* p = prt::frame_alloc(64);
  std::int64_t live = prt::frame_stats().live_frames;
  std::thread t([p] {
    prt::frame_free(p, 64);  // joins that thread's cache, freed at its exit
    EXPECT_EQ(prt::frame_stats().live_frames, -1);
  });
  t.join();
  EXPECT_EQ(prt::frame_stats().live_frames, live);  // this thread still counts it
}

}  // namespace
