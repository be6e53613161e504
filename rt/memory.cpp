// Frame memory: cache-line blocks carved from spans, per-thread free lists,
// one shared pool. rt/memory.h has the contract; this is how it is kept.
//
// ---- Layout ---------------------------------------------------------------------
// Blocks: size classes in 64-byte steps, 64 .. 1024 bytes, each block 64-byte
// aligned. So two frames never share a cache line: tasks that run on
// different workers do not slow each other down by writing to the same line
// (with malloc's 16-byte placement, BM_MT_YieldMany took 2.6 or 7.2 ms per
// run depending on where neighbouring frames landed).
// Spans: kSpanBytes from PRT_ALLOC, carved front to back into blocks of any
// class. Their records (SpanRecord) are allocated apart, so a span is blocks
// only: a 120-byte frame costs 128 bytes.
//
// ---- Where memory is --------------------------------------------------------------
//  - a live frame;
//  - a free block in a thread's cache: per-class LIFO lists (tls_cache);
//  - a free block in the shared pool (pool.lock): per-class stacks of batches.
//    A batch is one thread's list flushed whole; its descriptor (Batch)
//    lives in its first block, so moving a batch either way is O(1);
//  - uncarved: a thread's current region [bump, bump_end) (its span record
//    says `carving`), or a Region in the pool, left by a thread that exited.
//
// ---- Allocation (size <= 1024) ---------------------------------------------------
//  1. Pop the thread's list for the class (no lock, no atomic).
//  2. Empty: take a batch of that class from the pool.
//  3. None: carve from the thread's region. Too small: the rest of it becomes
//     blocks in the thread's lists, and the thread takes a region from the
//     pool or a new span.
// Free: push on the thread's list. Past PRT_FRAME_CACHE_BYTES, every list of
// the thread goes to the pool. Thread exit: the lists and the region go to the
// pool; a thread that allocates or frees after that (a thread_local
// destructor) works on the pool directly, under the lock.
// Trim: the caller's lists and region go to the pool, then every span whose
// memory is all in the pool goes back to PRT_FREE.
//
// Under AddressSanitizer a free block is poisoned whole; the links and batch
// descriptors kept in free blocks are unpoisoned only while read or written,
// so a use after free of a frame is still reported.
#include "memory.h"

#include <algorithm>

#include "threading/mutex.h"

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

constexpr std::size_t kLine = 64;
constexpr std::size_t kClasses = 16;
constexpr std::size_t kMaxCachedSize = kLine * kClasses;  // larger frames go to PRT_ALLOC
// A little under 256 KiB: a request this large is its own mapping in most
// mallocs (glibc: above the 128 KiB mmap threshold), and malloc's header
// would otherwise push a 256 KiB span onto a 65th page, 1.6% more memory.
constexpr std::size_t kSpanBytes = 256 * 1024 - 64;

std::size_t class_of(std::size_t size) noexcept { return size <= kLine ? 0 : (size - 1) / kLine; }
std::size_t class_bytes(std::size_t cls) noexcept { return (cls + 1) * kLine; }

struct FreeBlock {
  FreeBlock* next;
};

// The first block of a batch in the pool. Its first member is the block's
// own link, so the batch's blocks stay a plain null-terminated list.
struct Batch {
  FreeBlock* next_block;
  Batch* next_batch;
  FreeBlock* last;
  std::size_t count;
};

struct SpanRecord {
  SpanRecord* next;
  void* raw;           // what PRT_ALLOC returned
  char* begin;         // first block (64-byte aligned)
  char* end;           // past the last whole block
  bool carving;        // a thread's current region is in this span
  std::size_t scratch; // trim: free bytes found
};

// Uncarved rest of a span, in the pool; the header sits at its start.
struct Region {
  Region* next;
  char* end;
  SpanRecord* span;
};
static_assert(sizeof(Batch) <= kLine && sizeof(Region) <= kLine);

struct Pool {
  threading::Mutex lock;
  // Everything below is guarded by `lock`.
  Batch* batches[kClasses];
  Region* regions;
  SpanRecord* spans;
  std::size_t span_count;
  std::size_t pooled_bytes;  // free blocks and regions held here
};
constinit Pool pool{};

// Zero-initialised and trivially destructible, so every access is a plain
// thread-local load with no initialisation guard. The destructor that hands
// it to the pool at thread exit lives in CacheReaper, armed on first use of
// a slow path.
struct FrameCache {
  FreeBlock* heads[kClasses];
  FreeBlock* tails[kClasses];  // valid while heads[cls] is not null
  std::size_t counts[kClasses];
  char* bump;
  char* bump_end;
  SpanRecord* bump_span;
  FrameStats stats;
  std::uint32_t fail_countdown;
  bool reaper_armed;
  bool thread_exited;  // the reaper ran: work on the pool from now on
};
constinit thread_local FrameCache tls_cache{};

// ---- links inside poisoned blocks ----

template <class T>
T* meta(void* block) noexcept {
  PRT_UNPOISON(block, sizeof(T));
  return static_cast<T*>(block);
}
void unmeta(void* block, std::size_t n) noexcept { PRT_POISON(block, n); }

FreeBlock* next_of(FreeBlock* b) noexcept {
  FreeBlock* n = meta<FreeBlock>(b)->next;
  unmeta(b, sizeof(FreeBlock));
  return n;
}

// Pushes a block that is poisoned already (carved but never handed out).
void push_poisoned(FrameCache& c, void* block, std::size_t cls) noexcept {
  auto* b = meta<FreeBlock>(block);
  b->next = c.heads[cls];
  unmeta(b, sizeof(FreeBlock));
  if (!c.heads[cls]) c.tails[cls] = b;
  c.heads[cls] = b;
  ++c.counts[cls];
  c.stats.cached_bytes += class_bytes(cls);
}

// Cuts [from, to) (a multiple of 64 bytes) into the largest blocks that fit.
template <class Sink>
void cut_into_blocks(char* from, char* to, Sink&& sink) noexcept {
  while (from != to) {
    std::size_t n = static_cast<std::size_t>(to - from);
    if (n > kMaxCachedSize) n = kMaxCachedSize;
    sink(from, class_of(n));
    from += n;
  }
}

// ---- the pool (pool.lock held) ----

void pool_push_batch(std::size_t cls, FreeBlock* head, FreeBlock* last, std::size_t count) noexcept {
  auto* b = meta<Batch>(head);  // head->next stays: it is next_block
  b->next_batch = pool.batches[cls];
  b->last = last;
  b->count = count;
  unmeta(b, sizeof(Batch));
  pool.batches[cls] = b;
  pool.pooled_bytes += count * class_bytes(cls);
}

void pool_push_region(char* from, char* to, SpanRecord* span) noexcept {
  span->carving = false;
  if (from == to) return;
  auto* r = meta<Region>(from);
  r->next = pool.regions;
  r->end = to;
  r->span = span;
  unmeta(r, sizeof(Region));
  pool.regions = r;
  pool.pooled_bytes += static_cast<std::size_t>(to - from);
}

void flush_lists(FrameCache& c) noexcept {
  for (std::size_t cls = 0; cls < kClasses; ++cls) {
    if (!c.heads[cls]) continue;
    pool_push_batch(cls, c.heads[cls], c.tails[cls], c.counts[cls]);
    c.heads[cls] = nullptr;
    c.counts[cls] = 0;
  }
  c.stats.cached_bytes = 0;
}

void release_region(FrameCache& c) noexcept {
  if (c.bump_span) pool_push_region(c.bump, c.bump_end, c.bump_span);
  c.bump = c.bump_end = nullptr;
  c.bump_span = nullptr;
}

// A new span, poisoned whole, or nullptr. Called without the lock.
SpanRecord* new_span() noexcept {
  auto* rec = static_cast<SpanRecord*>(PRT_ALLOC(sizeof(SpanRecord)));
  if (!rec) return nullptr;
  void* raw = PRT_ALLOC(kSpanBytes);
  if (!raw) {
    PRT_FREE(static_cast<void*>(rec), sizeof(SpanRecord));
    return nullptr;
  }
  const auto at = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t begin = (at + kLine - 1) & ~std::uintptr_t{kLine - 1};
  const std::uintptr_t end = begin + (at + kSpanBytes - begin) / kLine * kLine;
  *rec = SpanRecord{nullptr, raw, reinterpret_cast<char*>(begin), reinterpret_cast<char*>(end), false, 0};
  PRT_POISON(raw, kSpanBytes);
  return rec;
}

void register_span(SpanRecord* rec) noexcept {
  rec->next = pool.spans;
  pool.spans = rec;
  ++pool.span_count;
}

// ---- thread exit ----

void hand_over(FrameCache& c) noexcept {
  threading::MutexGuard g(pool.lock);
  flush_lists(c);
  release_region(c);
}

struct CacheReaper {
  ~CacheReaper() {
    hand_over(tls_cache);
    tls_cache.thread_exited = true;
  }
};
thread_local CacheReaper tls_reaper;

void arm_reaper(FrameCache& c) noexcept {
  if (PRT_UNLIKELY(!c.reaper_armed)) {
    c.reaper_armed = true;
    (void)&tls_reaper;  // odr-use registers its destructor for thread exit
  }
}

// ---- slow paths ----

// Gives the thread a region of at least `bytes`. pool.lock is held, and
// dropped while a new span is allocated; the caller's guard still owns it
// on return. False when out of memory.
bool refill_region(FrameCache& c, std::size_t bytes) noexcept {
  // The rest of the current region becomes blocks: nothing is left behind.
  if (c.bump_span) {
    cut_into_blocks(c.bump, c.bump_end, [&](char* p, std::size_t cls) { push_poisoned(c, p, cls); });
    c.bump_span->carving = false;
    c.bump = c.bump_end = nullptr;
    c.bump_span = nullptr;
  }
  while (Region* r = pool.regions) {
    r = meta<Region>(r);
    pool.regions = r->next;
    char* from = reinterpret_cast<char*>(r);
    char* to = r->end;
    SpanRecord* span = r->span;
    unmeta(r, sizeof(Region));
    pool.pooled_bytes -= static_cast<std::size_t>(to - from);
    if (static_cast<std::size_t>(to - from) >= bytes) {
      c.bump = from;
      c.bump_end = to;
      c.bump_span = span;
      span->carving = true;
      return true;
    }
    cut_into_blocks(from, to, [&](char* p, std::size_t cls) { push_poisoned(c, p, cls); });
  }
  pool.lock.unlock();
  SpanRecord* rec = new_span();
  pool.lock.lock();
  if (!rec) return false;
  register_span(rec);
  rec->carving = true;
  c.bump = rec->begin;
  c.bump_end = rec->end;
  c.bump_span = rec;
  return true;
}

FreeBlock* pop_list(FrameCache& c, std::size_t cls) noexcept {
  FreeBlock* b = c.heads[cls];
  PRT_UNPOISON(b, class_bytes(cls));
  c.heads[cls] = b->next;
  --c.counts[cls];
  c.stats.cached_bytes -= class_bytes(cls);
  return b;
}

// The thread has exited: one block straight from the pool.
void* alloc_after_exit(std::size_t cls) noexcept {
  const std::size_t bytes = class_bytes(cls);
  threading::MutexGuard g(pool.lock);
  if (Batch* b = pool.batches[cls]) {
    b = meta<Batch>(b);
    Batch rest = *b;
    if (rest.count > 1) {
      auto* nb = meta<Batch>(rest.next_block);  // its link to the block after stays
      nb->next_batch = rest.next_batch;
      nb->last = rest.last;
      nb->count = rest.count - 1;
      unmeta(nb, sizeof(Batch));
      pool.batches[cls] = nb;
    } else {
      pool.batches[cls] = rest.next_batch;
    }
    pool.pooled_bytes -= bytes;
    PRT_UNPOISON(b, bytes);
    return b;
  }
  // Carve it with a throwaway cache and give everything else back.
  FrameCache scratch{};
  if (!refill_region(scratch, bytes)) return nullptr;
  void* p = scratch.bump;
  scratch.bump += bytes;
  flush_lists(scratch);
  release_region(scratch);
  PRT_UNPOISON(p, bytes);
  return p;
}

void free_after_exit(void* ptr, std::size_t cls) noexcept {
  PRT_POISON(ptr, class_bytes(cls));
  auto* b = meta<FreeBlock>(ptr);
  b->next = nullptr;
  unmeta(b, sizeof(FreeBlock));
  threading::MutexGuard g(pool.lock);
  pool_push_batch(cls, b, b, 1);
}

void* alloc_slow(FrameCache& c, std::size_t cls) noexcept {
  if (PRT_UNLIKELY(c.thread_exited)) return alloc_after_exit(cls);
  arm_reaper(c);
  const std::size_t bytes = class_bytes(cls);
  threading::MutexGuard g(pool.lock);
  if (Batch* b = pool.batches[cls]) {
    b = meta<Batch>(b);
    pool.batches[cls] = b->next_batch;
    c.heads[cls] = reinterpret_cast<FreeBlock*>(b);
    c.tails[cls] = b->last;
    c.counts[cls] = b->count;
    pool.pooled_bytes -= b->count * bytes;
    c.stats.cached_bytes += b->count * bytes;
    unmeta(b, sizeof(Batch));
    ++c.stats.cache_hits;
    return pop_list(c, cls);
  }
  if (static_cast<std::size_t>(c.bump_end - c.bump) < bytes) {
    if (!refill_region(c, bytes)) return nullptr;
    // Cutting the old region may have produced a block of this class.
    if (c.heads[cls]) return pop_list(c, cls);
  }
  void* p = c.bump;
  c.bump += bytes;
  PRT_UNPOISON(p, bytes);
  return p;
}

// ---- trim (pool.lock held) ----

SpanRecord* span_of(SpanRecord** sorted, std::size_t n, const void* p) noexcept {
  const char* at = static_cast<const char*>(p);
  // The last span that begins at or before `at`.
  SpanRecord** it = std::upper_bound(sorted, sorted + n, at, [](const char* a, const SpanRecord* s) { return a < s->begin; });
  if (it == sorted) return nullptr;
  SpanRecord* s = *(it - 1);
  return at < s->end ? s : nullptr;
}

bool releasable(const SpanRecord* s) noexcept {
  return !s->carving && s->scratch == static_cast<std::size_t>(s->end - s->begin);
}

void release_free_spans() noexcept {
  const std::size_t n = pool.span_count;
  if (n == 0) return;
  auto** sorted = static_cast<SpanRecord**>(PRT_ALLOC(n * sizeof(SpanRecord*)));
  if (!sorted) return;  // best effort: nothing is released
  std::size_t i = 0;
  for (SpanRecord* s = pool.spans; s; s = s->next) {
    s->scratch = 0;
    sorted[i++] = s;
  }
  std::sort(sorted, sorted + n, [](const SpanRecord* a, const SpanRecord* b) { return a->begin < b->begin; });
  // 1. Count the free bytes of every span.
  for (std::size_t cls = 0; cls < kClasses; ++cls) {
    for (Batch* b = pool.batches[cls]; b;) {
      Batch* next_batch = meta<Batch>(b)->next_batch;
      unmeta(b, sizeof(Batch));
      for (FreeBlock* f = reinterpret_cast<FreeBlock*>(b); f; f = next_of(f)) {
        span_of(sorted, n, f)->scratch += class_bytes(cls);
      }
      b = next_batch;
    }
  }
  for (Region* r = pool.regions; r;) {
    Region* rr = meta<Region>(r);
    rr->span->scratch += static_cast<std::size_t>(rr->end - reinterpret_cast<char*>(rr));
    Region* next = rr->next;
    unmeta(rr, sizeof(Region));
    r = next;
  }
  // 2. Keep only the blocks and regions of spans that stay.
  pool.pooled_bytes = 0;
  for (std::size_t cls = 0; cls < kClasses; ++cls) {
    FreeBlock* head = nullptr;
    FreeBlock* last = nullptr;
    std::size_t count = 0;
    for (Batch* b = pool.batches[cls]; b;) {
      Batch* next_batch = meta<Batch>(b)->next_batch;
      unmeta(b, sizeof(Batch));
      for (FreeBlock* f = reinterpret_cast<FreeBlock*>(b); f;) {
        FreeBlock* next = next_of(f);
        if (!releasable(span_of(sorted, n, f))) {
          meta<FreeBlock>(f)->next = head;
          unmeta(f, sizeof(FreeBlock));
          if (!head) last = f;
          head = f;
          ++count;
        }
        f = next;
      }
      b = next_batch;
    }
    pool.batches[cls] = nullptr;
    if (head) pool_push_batch(cls, head, last, count);
  }
  Region* regions = std::exchange(pool.regions, nullptr);
  while (regions) {
    Region* r = meta<Region>(regions);
    regions = r->next;
    char* to = r->end;
    SpanRecord* span = r->span;
    unmeta(r, sizeof(Region));
    if (!releasable(span)) pool_push_region(reinterpret_cast<char*>(r), to, span);
  }
  // 3. Release.
  SpanRecord** link = &pool.spans;
  while (SpanRecord* s = *link) {
    if (releasable(s)) {
      *link = s->next;
      --pool.span_count;
      PRT_UNPOISON(s->raw, kSpanBytes);
      PRT_FREE(s->raw, kSpanBytes);
      PRT_FREE(static_cast<void*>(s), sizeof(SpanRecord));
    } else {
      link = &s->next;
    }
  }
  PRT_FREE(static_cast<void*>(sorted), n * sizeof(SpanRecord*));
}

}  // namespace

void* frame_alloc(std::size_t size) noexcept {
  FrameCache& c = tls_cache;
  if (PRT_UNLIKELY(c.fail_countdown != 0) && --c.fail_countdown == 0) return nullptr;
  void* p;
  if (PRT_LIKELY(size <= kMaxCachedSize)) {
    const std::size_t cls = class_of(size);
    if (PRT_LIKELY(c.heads[cls] != nullptr)) {
      p = pop_list(c, cls);
      ++c.stats.cache_hits;
    } else {
      p = alloc_slow(c, cls);
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
  if (PRT_UNLIKELY(size > kMaxCachedSize)) {
    PRT_FREE(ptr, size);
    return;
  }
  const std::size_t cls = class_of(size);
  if (PRT_UNLIKELY(c.thread_exited)) {
    free_after_exit(ptr, cls);
    return;
  }
  arm_reaper(c);
  auto* b = static_cast<FreeBlock*>(ptr);
  b->next = c.heads[cls];
  if (!c.heads[cls]) c.tails[cls] = b;
  c.heads[cls] = b;
  ++c.counts[cls];
  c.stats.cached_bytes += class_bytes(cls);
  PRT_POISON(b, class_bytes(cls));
  if (PRT_UNLIKELY(c.stats.cached_bytes > PRT_FRAME_CACHE_BYTES)) {
    threading::MutexGuard g(pool.lock);
    flush_lists(c);
  }
}

FrameStats frame_stats() noexcept { return tls_cache.stats; }

FrameMemory frame_memory() noexcept {
  threading::MutexGuard g(pool.lock);
  FrameMemory m;
  m.spans = pool.span_count;
  m.reserved_bytes = pool.span_count * kSpanBytes;
  m.pooled_bytes = pool.pooled_bytes;
  return m;
}

void frame_cache_trim() noexcept {
  FrameCache& c = tls_cache;
  threading::MutexGuard g(pool.lock);
  flush_lists(c);
  release_region(c);
  release_free_spans();
}

namespace detail {
void inject_frame_alloc_failure(std::uint32_t n) noexcept { tls_cache.fail_countdown = n; }
}  // namespace detail

}  // namespace prt
