#include "memory.h"

#if defined(__SANITIZE_ADDRESS__)
#define PRT_HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PRT_HAVE_ASAN 1
#endif
#endif

#ifdef PRT_HAVE_ASAN
#include <sanitizer/asan_interface.h>
#define PRT_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define PRT_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define PRT_POISON(p, n) ((void)(p), (void)(n))
#define PRT_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace prt {
namespace {

// Size classes of 16k + 8 bytes (8, 24, 40, ... 1032): a malloc that puts an
// 8-byte header before 16-byte-aligned chunks (glibc, musl, most others)
// then hands out chunks of exactly 16(k + 1) bytes, with nothing wasted
// between the block and the next chunk.
constexpr std::size_t kGranule = 16;
constexpr std::size_t kMaxCachedSize = 1032;
constexpr std::size_t kClasses = (kMaxCachedSize + 7) / kGranule + 1;

struct FreeBlock {
  FreeBlock* next;
};

// Zero-initialised and trivially destructible, so every access is a plain
// thread-local load with no initialisation guard. The destructor that empties
// it at thread exit lives in CacheReaper, touched only when the first block
// is cached.
struct FrameCache {
  FreeBlock* heads[kClasses];
  FrameStats stats;
  std::uint32_t fail_countdown;
  bool reaper_armed;
  bool thread_exited;  // the reaper ran: bypass the cache from now on
};

constinit thread_local FrameCache tls_cache{};

std::size_t class_of(std::size_t size) { return (size + 7) / kGranule; }
std::size_t class_size(std::size_t cls) { return cls * kGranule + 8; }

void drain(FrameCache& c) noexcept {
  for (std::size_t cls = 0; cls < kClasses; ++cls) {
    FreeBlock* b = c.heads[cls];
    while (b) {
      PRT_UNPOISON(b, class_size(cls));
      FreeBlock* next = b->next;
      PRT_FREE(static_cast<void*>(b), class_size(cls));
      b = next;
    }
    c.heads[cls] = nullptr;
  }
  c.stats.cached_bytes = 0;
}

struct CacheReaper {
  ~CacheReaper() {
    drain(tls_cache);
    tls_cache.thread_exited = true;
  }
};
thread_local CacheReaper tls_reaper;

}  // namespace

void* frame_alloc(std::size_t size) noexcept {
  FrameCache& c = tls_cache;
  if (PRT_UNLIKELY(c.fail_countdown != 0) && --c.fail_countdown == 0) return nullptr;
  void* p;
  if (size != 0 && size <= kMaxCachedSize) {
    std::size_t cls = class_of(size);
    if (FreeBlock* b = c.heads[cls]) {
      PRT_UNPOISON(b, class_size(cls));
      c.heads[cls] = b->next;
      c.stats.cached_bytes -= class_size(cls);
      ++c.stats.cache_hits;
      p = b;
    } else {
      p = PRT_ALLOC(class_size(cls));
    }
  } else {
    p = PRT_ALLOC(size);
  }
  if (PRT_UNLIKELY(!p)) return nullptr;
  ++c.stats.allocations;
  ++c.stats.live_frames;
  c.stats.live_bytes += static_cast<std::int64_t>(size);
  return p;
}

void frame_free(void* ptr, std::size_t size) noexcept {
  if (!ptr) return;
  FrameCache& c = tls_cache;
  ++c.stats.frees;
  --c.stats.live_frames;
  c.stats.live_bytes -= static_cast<std::int64_t>(size);
  if (size != 0 && size <= kMaxCachedSize) {
    std::size_t cls = class_of(size);
    std::size_t bytes = class_size(cls);
    if (!c.thread_exited && c.stats.cached_bytes + bytes <= PRT_FRAME_CACHE_BYTES) {
      if (PRT_UNLIKELY(!c.reaper_armed)) {
        c.reaper_armed = true;
        (void)&tls_reaper;  // odr-use registers its destructor for thread exit
      }
      FreeBlock* b = static_cast<FreeBlock*>(ptr);
      b->next = c.heads[cls];
      c.heads[cls] = b;
      c.stats.cached_bytes += bytes;
      PRT_POISON(b, bytes);
      return;
    }
    PRT_FREE(ptr, bytes);
    return;
  }
  PRT_FREE(ptr, size);
}

FrameStats frame_stats() noexcept { return tls_cache.stats; }

void frame_cache_trim() noexcept { drain(tls_cache); }

namespace detail {
void inject_frame_alloc_failure(std::uint32_t n) noexcept { tls_cache.fail_countdown = n; }
}  // namespace detail

}  // namespace prt
