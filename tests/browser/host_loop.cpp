// The runtime driven by the browser's own event loop (Runtime::
// run_in_host_loop), on the page's main thread: built without
// PROXY_TO_PTHREAD, so main() runs there and must return for anything else
// to happen. Checks, in order, and exits 0 only if every one holds:
//  1. main() returned before the first task step ran (the loop, not main,
//     runs the tasks);
//  2. sleeps end at or after their deadline, and shorter ones first;
//  3. a Web Worker's send wakes a task parked on the main thread, while an
//     interval there keeps ticking (the main thread is never blocked);
//  4. a timeout fires around a wait that never ends, and an aborted task
//     reports Cancelled;
//  5. `done` gets the main task's value.
// Run by tools/browser/run node|chromium (ctest: host_loop_node/_chromium).
#include <emscripten.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "rt/prt.h"

using namespace std::chrono_literals;

namespace {

bool main_returned = false;
prt::Runtime* runtime = nullptr;
std::vector<std::string> failures;

void check(bool ok, const char* what) {
  std::printf("%s: %s\n", ok ? "ok" : "FAILED", what);
  if (!ok) failures.push_back(what);
}

prt::Task<int> sleeper(int ms, std::vector<int>* order) {
  const prt::Instant deadline = prt::Clock::now() + std::chrono::milliseconds(ms);
  PRT_CO_TRY(co_await prt::sleep(std::chrono::milliseconds(ms)));
  if (prt::Clock::now() < deadline) co_return prt::Error(prt::ErrorKind::Other, "a sleep ended early");
  order->push_back(ms);
  co_return ms;
}

prt::Task<int> scenario() {
  check(main_returned, "main() returned before the first task step");

  std::vector<int> order;
  std::vector<prt::JoinHandle<int>> hs;
  for (int ms : {30, 10, 20}) hs.push_back(prt::spawn(sleeper(ms, &order)));
  int sum = 0;
  for (auto& h : hs) {
    auto r = co_await h;
    if (!r) co_return r.error();
    sum += *r;
  }
  check(order == std::vector<int>{10, 20, 30}, "sleeps end in deadline order, none early");

  // A worker sends after 50 ms; an interval on this thread ticks meanwhile.
  auto [tx, rx] = prt::oneshot<int>();
  auto worker = prt::threading::Thread::spawn([tx = std::move(tx)]() mutable {
    const auto until = std::chrono::steady_clock::now() + 50ms;
    while (std::chrono::steady_clock::now() < until) {
    }
    (void)tx.send(42);
  });
  if (!worker) co_return worker.error();
  int ticks = 0;
  bool received = false;
  auto ticker = prt::spawn([](int* n, bool* stop) -> prt::Task<> {
    auto iv = prt::interval(5ms);
    while (!*stop) {
      PRT_CO_TRY(co_await iv.tick());
      ++*n;
    }
    co_return prt::ok();
  }(&ticks, &received));
  auto v = co_await rx;
  received = true;
  check(v.ok() && *v == 42, "a Web Worker's send woke the task on the main thread");
  PRT_CO_TRY(co_await ticker);
  check(ticks >= 3, "an interval kept ticking on the main thread while it waited");
  // No join: pthread_join would block the main thread (emscripten spins
  // there, and warns). The worker ends on its own.
  worker->detach();

  auto never = prt::spawn([]() -> prt::Task<> { co_return co_await prt::sleep(1h); }());
  auto t = co_await prt::timeout(15ms, prt::sleep(1h));
  check(!t.ok() && t.error().is(prt::ErrorKind::Timeout), "a timeout fired around a wait that never ends");
  never.abort();
  auto n = co_await never;
  check(!n.ok() && n.error().is(prt::ErrorKind::Cancelled), "an aborted task reports Cancelled");
  co_return sum;
}

void done(prt::Result<int> result, void*) {
  check(result.ok() && *result == 60, "done() got the main task's value");
  if (!result.ok()) {
    char msg[256];
    result.error().format(msg, sizeof msg);
    std::printf("  error: %s\n", msg);
  }
  delete runtime;
  runtime = nullptr;
  std::printf("host loop: %s\n", failures.empty() ? "all checks passed" : "FAILED");
  std::fflush(stdout);
  emscripten_force_exit(failures.empty() ? 0 : 1);
}

}  // namespace

int main() {
  auto rt = prt::Runtime::create();
  if (!rt) return 2;
  runtime = new prt::Runtime(std::move(*rt));
  auto started = runtime->run_in_host_loop(scenario(), done, nullptr);
  if (!started) {
    char msg[256];
    started.error().format(msg, sizeof msg);
    std::printf("run_in_host_loop: %s\n", msg);
    return 1;
  }
  main_returned = true;
  std::printf("main returned; the event loop runs the tasks\n");
  return 0;
}
