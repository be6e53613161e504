// prt::threading — blocking primitives for threads (not tasks): the runtime's
// own building blocks, and what transpiled `threading`, `queue` and
// `concurrent.futures` code runs on. Every lock spins briefly, then parks on
// a 32-bit word through the platform contract (futex, Atomics.wait), and is
// eventually fair.
#pragma once

#include "threading/barrier.h"      // IWYU pragma: export
#include "threading/channel.h"      // IWYU pragma: export
#include "threading/condvar.h"      // IWYU pragma: export
#include "threading/event.h"        // IWYU pragma: export
#include "threading/future.h"       // IWYU pragma: export
#include "threading/mutex.h"        // IWYU pragma: export
#include "threading/once.h"         // IWYU pragma: export
#include "threading/rwlock.h"       // IWYU pragma: export
#include "threading/semaphore.h"    // IWYU pragma: export
#include "threading/thread.h"       // IWYU pragma: export
#include "threading/thread_pool.h"  // IWYU pragma: export
