// All memory prt takes: coroutine frames through PRT_FRAME_ALLOC (default:
// the per-thread frame cache below) and the runtime's own objects through
// PRT_ALLOC (rt/config.h).
//
// The frame cache keeps freed frames in per-thread free lists, one per size
// class (16k + 8 bytes, up to 1 KiB), and serves the next frame of that class from there
// without a call into malloc. Each thread keeps at most PRT_FRAME_CACHE_BYTES;
// the rest goes back to PRT_FREE at once, and a thread's cache is emptied when
// the thread exits. A frame may be freed on another thread than the one that
// allocated it; the block then joins the freeing thread's cache. Larger frames
// bypass the cache. Under AddressSanitizer cached blocks are poisoned, so a
// use after free of a frame is still reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>

#include "config.h"

namespace prt {

void* frame_alloc(std::size_t size) noexcept;  // nullptr when memory is exhausted
void frame_free(void* ptr, std::size_t size) noexcept;

// Counters of the calling thread's frame allocations (what a test or a
// benchmark needs to see a leak or the memory of a task). Frames allocated
// on one thread and freed on another move the live counts between threads.
struct FrameStats {
  std::uint64_t allocations = 0;  // successful frame_alloc calls
  std::uint64_t frees = 0;        // frame_free calls
  std::uint64_t cache_hits = 0;   // allocations served from the cache
  std::int64_t live_frames = 0;   // allocations - frees
  std::int64_t live_bytes = 0;    // requested bytes of live frames
  std::size_t cached_bytes = 0;   // bytes held in this thread's cache
};
FrameStats frame_stats() noexcept;

// Returns every block this thread's cache holds to PRT_FREE.
void frame_cache_trim() noexcept;

namespace detail {

// Test hook: the n-th frame_alloc from now on this thread fails (n >= 1);
// 0 cancels a pending failure.
void inject_frame_alloc_failure(std::uint32_t n) noexcept;

// Runtime objects: PRT_ALLOC plus placement new; nullptr when out of memory.
template <class T, class... Args>
T* new_object(Args&&... args) noexcept {
  void* p = PRT_ALLOC(sizeof(T));
  if (!p) return nullptr;
  return ::new (p) T(std::forward<Args>(args)...);
}

template <class T>
void delete_object(T* p) noexcept {
  if (!p) return;
  p->~T();
  PRT_FREE(static_cast<void*>(p), sizeof(T));
}

}  // namespace detail
}  // namespace prt
