// All memory prt takes: coroutine frames through PRT_FRAME_ALLOC (default:
// the frame cache below) and the runtime's own objects through PRT_ALLOC
// (rt/config.h).
//
// The frame cache hands out frames of up to 1 KiB as 64-byte-aligned blocks
// in 64-byte size classes, so no two frames share a cache line (tasks on
// different workers never slow each other down by false sharing). Blocks are
// carved from 256 KiB spans taken from PRT_ALLOC; a freed block goes to the
// freeing thread's free list for its class (no lock, no atomic). A thread
// keeps at most PRT_FRAME_CACHE_BYTES there and hands the surplus, and
// everything it holds when it exits, to a shared pool that other threads
// refill from. Span memory stays reserved for frames until
// frame_cache_trim() gives back the spans that are entirely free. Larger
// frames come from PRT_ALLOC directly. Under AddressSanitizer free blocks are
// poisoned, so a use after free of a frame is still reported.
// (rt/memory.cpp has the design step by step.)
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

// Process-wide frame memory.
struct FrameMemory {
  std::size_t spans = 0;           // spans reserved
  std::size_t reserved_bytes = 0;  // their bytes, from PRT_ALLOC
  std::size_t pooled_bytes = 0;    // free in the shared pool (threads' own caches not included)
};
FrameMemory frame_memory() noexcept;

// Moves this thread's cached blocks to the shared pool, then returns to
// PRT_FREE every span whose memory is all free in the pool. Spans with a
// live frame, or free blocks in another thread's cache, stay.
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
