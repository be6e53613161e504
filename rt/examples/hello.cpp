// The runtime demo (`make demo`): tasks that sleep, a timeout that fires, a
// task cancelled mid-sleep with its cleanup running, an interval, and the
// runtime's counters at the end.
#include <cstdio>

#include "rt/prt.h"

using namespace std::chrono_literals;

namespace {

double ms_since(prt::Instant t0) {
  return std::chrono::duration<double, std::milli>(prt::Clock::now() - t0).count();
}

prt::Task<int> worker(const char* name, prt::Duration nap, int value, prt::Instant t0) {
  std::printf("[%6.2f ms] %s: sleeping %lld ms\n", ms_since(t0),
              name, static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(nap).count()));
  PRT_CO_TRY(co_await prt::sleep(nap));
  std::printf("[%6.2f ms] %s: done -> %d\n", ms_since(t0), name, value);
  co_return value;
}

struct Cleanup {
  const char* what;
  ~Cleanup() { std::printf("           cleanup ran: %s\n", what); }
};

prt::Task<> stubborn(prt::Instant t0) {
  Cleanup c{"stubborn's locals destroyed"};
  std::printf("[%6.2f ms] stubborn: sleeping for an hour\n", ms_since(t0));
  auto r = co_await prt::sleep(1h);
  std::printf("[%6.2f ms] stubborn: woke with: %s\n", ms_since(t0), r ? "ok" : prt::to_string(r.error().kind()));
  co_return r;
}

prt::Task<int> demo() {
  prt::Instant t0 = prt::Clock::now();

  // Three tasks run concurrently; each finishes after its own sleep.
  auto a = prt::spawn(worker("a", 30ms, 1, t0));
  auto b = prt::spawn(worker("b", 10ms, 2, t0));
  auto c = prt::spawn(worker("c", 20ms, 3, t0));
  int sum = 0;
  for (auto* h : {&a, &b, &c}) {
    auto r = co_await *h;
    if (!r) co_return r.error();
    sum += *r;
  }
  std::printf("[%6.2f ms] joined all three: sum = %d\n", ms_since(t0), sum);

  // A timeout around a task that is too slow: the inner task is cancelled.
  auto slow = co_await prt::timeout(5ms, worker("slow", 50ms, 99, t0));
  std::printf("[%6.2f ms] timeout(5ms, slow) -> %s\n", ms_since(t0),
              slow ? "value" : prt::to_string(slow.error().kind()));

  // Abort a sleeping task: it resumes with Cancelled and its cleanup runs.
  auto s = prt::spawn(stubborn(t0));
  PRT_CO_TRY(co_await prt::sleep(2ms));
  s.abort();
  auto sr = co_await s;
  std::printf("[%6.2f ms] aborted task's handle -> %s\n", ms_since(t0),
              sr ? "ok" : prt::to_string(sr.error().kind()));

  // An interval ticking every 5 ms.
  auto iv = prt::interval(5ms);
  for (int i = 0; i < 3; ++i) {
    auto tick = co_await iv.tick();
    if (!tick) co_return tick.error();
    std::printf("[%6.2f ms] tick %d\n", ms_since(t0), i);
  }
  co_return sum;
}

}  // namespace

int main() {
  auto rt = prt::Runtime::create();
  if (!rt) {
    char msg[256];
    rt.error().format(msg, sizeof msg);
    std::fprintf(stderr, "runtime: %s\n", msg);
    return 1;
  }
  auto result = rt->block_on(demo());
  if (!result) {
    char msg[256];
    result.error().format(msg, sizeof msg);
    std::fprintf(stderr, "demo failed: %s\n", msg);
    return 1;
  }
  prt::RuntimeStats st = rt->stats();
  std::printf("result %d; spawned %llu tasks, %llu polls, %llu loop turns, %llu timers fired, %llu waits\n", *result,
              static_cast<unsigned long long>(st.tasks_spawned), static_cast<unsigned long long>(st.polls),
              static_cast<unsigned long long>(st.turns), static_cast<unsigned long long>(st.timers_fired),
              static_cast<unsigned long long>(st.driver_waits));
  return 0;
}
