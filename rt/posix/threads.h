// The pthreads part of the platform layer (internal): rt/posix/threads.cpp
// implements thread_start, thread_join, thread_detach and thread_is_current
// for every platform whose threads are pthreads; each such platform file
// provides the one call that differs.
#pragma once

namespace prt::sys::posix {

// Names the calling thread (at most max_thread_name() bytes, NUL-terminated).
void set_current_thread_name(const char* name) noexcept;

}  // namespace prt::sys::posix
