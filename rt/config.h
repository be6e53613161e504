// prt configuration: every macro and hook the runtime reads, with its default.
//
// Define a macro on the compiler command line (for every translation unit
// that includes a prt header, and for the prt sources themselves) to replace
// the default. Defining it in only some files breaks the one-definition rule:
// memory allocated by one definition would be freed by another.
//
//   PRT_ASSERT(cond)         Checks an internal invariant in every build and
//                            calls PRT_ABORT with the condition, file and line
//                            when it fails. Only for bugs, never for bad input:
//                            bad input is reported as a prt::Error.
//                            Default: prt::detail::assert_fail(...).
//   PRT_DEBUG_ASSERT(cond)   Like PRT_ASSERT, compiled out when NDEBUG is set.
//                            Used on hot paths.
//   PRT_DEBUG_ASSERT_MSG(cond, msg)
//                            The same with a message for the reader (misuse
//                            such as unlocking a mutex that is not locked).
//   PRT_ABORT(msg)           Called with a static string when the runtime cannot
//                            continue (a broken invariant). Must not return.
//                            Default: writes msg to stderr and calls abort().
//   PRT_ALLOC(size)          Raw memory for the runtime's own structures and for
//   PRT_FREE(ptr, size)      the blocks behind coroutine frames. PRT_ALLOC
//                            returns nullptr on failure; every caller turns that
//                            into an Error. Default: malloc / free.
//   PRT_FRAME_ALLOC(size)    Memory for one coroutine frame (every Task<T>).
//   PRT_FRAME_FREE(ptr,size) Must return nullptr on failure (the coroutine call
//                            then yields an empty Task that reports the failure
//                            when awaited). Default: prt::frame_alloc /
//                            prt::frame_free, a per-thread size-class cache over
//                            PRT_ALLOC (rt/frame_alloc.h).
//   PRT_CPU_RELAX()          Tells the CPU a spin-wait loop is running (x86
//                            pause, Arm yield). Default: that instruction, or
//                            nothing on targets without one.
//   PRT_FRAME_CACHE_BYTES    Upper bound on the bytes of freed frames each
//                            thread keeps for reuse without a lock; past it
//                            they go to the shared pool (rt/memory.h); 0
//                            sends every freed frame there. Default: 1 MiB.
//
// Nothing else in rt/ is configured by macros; run-time settings live in
// prt::RuntimeConfig (rt/runtime.h).
#pragma once

#include <cstddef>
#include <cstdlib>

namespace prt::detail {
[[noreturn]] void assert_fail(const char* cond, const char* file, int line) noexcept;
[[noreturn]] void abort_with(const char* msg) noexcept;
}  // namespace prt::detail

#ifndef PRT_ABORT
#define PRT_ABORT(msg) ::prt::detail::abort_with(msg)
#endif

#ifndef PRT_ASSERT
#define PRT_ASSERT(cond) \
  ((cond) ? static_cast<void>(0) : ::prt::detail::assert_fail(#cond, __FILE__, __LINE__))
#endif

#ifndef PRT_DEBUG_ASSERT
#ifdef NDEBUG
#define PRT_DEBUG_ASSERT(cond) static_cast<void>(0)
#else
#define PRT_DEBUG_ASSERT(cond) PRT_ASSERT(cond)
#endif
#endif

#ifndef PRT_DEBUG_ASSERT_MSG
#ifdef NDEBUG
#define PRT_DEBUG_ASSERT_MSG(cond, msg) static_cast<void>(0)
#else
#define PRT_DEBUG_ASSERT_MSG(cond, msg) ((cond) ? static_cast<void>(0) : PRT_ABORT(msg))
#endif
#endif

#ifndef PRT_ALLOC
#define PRT_ALLOC(size) std::malloc(size)
#endif
#ifndef PRT_FREE
#define PRT_FREE(ptr, size) ((void)(size), std::free(ptr))
#endif

#ifndef PRT_FRAME_ALLOC
#define PRT_FRAME_ALLOC(size) ::prt::frame_alloc(size)
#endif
#ifndef PRT_FRAME_FREE
#define PRT_FRAME_FREE(ptr, size) ::prt::frame_free(ptr, size)
#endif

#ifndef PRT_FRAME_CACHE_BYTES
#define PRT_FRAME_CACHE_BYTES (1u << 20)
#endif

#ifndef PRT_CPU_RELAX
#if defined(__x86_64__) || defined(__i386__)
#define PRT_CPU_RELAX() __builtin_ia32_pause()
#elif defined(__aarch64__) || defined(__arm__)
#define PRT_CPU_RELAX() __asm__ __volatile__("yield")
#else
#define PRT_CPU_RELAX() static_cast<void>(0)
#endif
#endif

#if defined(__GNUC__) || defined(__clang__)
#define PRT_LIKELY(x) __builtin_expect(!!(x), 1)
#define PRT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define PRT_LIKELY(x) (x)
#define PRT_UNLIKELY(x) (x)
#endif

namespace prt {
void* frame_alloc(std::size_t size) noexcept;
void frame_free(void* ptr, std::size_t size) noexcept;
}  // namespace prt
