// prt — the Portalis runtime. Include this one header.
//
// A C++20 async runtime with no dependency beyond the standard library and
// the OS, built without exceptions or RTTI: coroutine tasks (Task<T>), a
// single-threaded FIFO executor (Runtime), join handles with cancellation,
// a hierarchical timer wheel (sleep, timeout, interval) and I/O readiness
// (IoSource). Errors are values: Result<T> holding a T or an Error.
//
//   #include "prt.h"
//   using namespace std::chrono_literals;
//
//   prt::Task<int> twice(int x) {
//     PRT_CO_TRY(co_await prt::sleep(10ms));
//     co_return 2 * x;
//   }
//   prt::Task<int> main_task() {
//     auto a = prt::spawn(twice(1));
//     auto b = prt::spawn(twice(2));
//     auto ra = co_await a;
//     auto rb = co_await b;
//     if (!ra || !rb) co_return prt::Error(prt::ErrorKind::Other, "child failed");
//     co_return *ra + *rb;
//   }
//   int main() { auto r = prt::run(main_task()); return r ? 0 : 1; }
//
// Configuration macros and hooks: rt/config.h. Architecture and rules
// (task life cycle, cancellation, platform contract): docs/architecture.md.
#pragma once

#include "blocking.h"      // IWYU pragma: export
#include "combine/combinators.h"  // IWYU pragma: export
#include "combine/join_set.h"     // IWYU pragma: export
#include "combine/task_group.h"   // IWYU pragma: export
#include "config.h"        // IWYU pragma: export
#include "error.h"         // IWYU pragma: export
#include "io.h"            // IWYU pragma: export
#include "join_handle.h"   // IWYU pragma: export
#include "memory.h"        // IWYU pragma: export
#include "oneshot.h"       // IWYU pragma: export
#include "result.h"        // IWYU pragma: export
#include "runtime.h"       // IWYU pragma: export
#include "sync/barrier.h"    // IWYU pragma: export
#include "sync/broadcast.h"  // IWYU pragma: export
#include "sync/channel.h"    // IWYU pragma: export
#include "sync/condition.h"  // IWYU pragma: export
#include "sync/event.h"      // IWYU pragma: export
#include "sync/mutex.h"      // IWYU pragma: export
#include "sync/notify.h"     // IWYU pragma: export
#include "sync/rwlock.h"     // IWYU pragma: export
#include "sync/semaphore.h"  // IWYU pragma: export
#include "sync/watch.h"      // IWYU pragma: export
#include "task.h"          // IWYU pragma: export
#include "threading.h"     // IWYU pragma: export
#include "time.h"          // IWYU pragma: export
