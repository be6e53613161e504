// The browser demo (`make TARGET=browser demo`): the runtime on the page's
// main thread, driven by its event loop (Runtime::run_in_host_loop), with
// work on Web Workers.
//
//  - a clock task updates the page every 100 ms from the main thread;
//  - four jobs count primes on workers (spawn_blocking: the blocking pool's
//    threads are Web Workers) and each result appears when it arrives;
//  - a task on the main thread counts its own turns meanwhile, to show the
//    page never blocked.
// When all jobs are in, it prints "demo: all jobs done" (the screenshot test
// waits for that line) and keeps the clock running until the page closes.
#include <emscripten.h>

#include <chrono>
#include <cstdio>
#include <vector>

#include "rt/prt.h"

using namespace std::chrono_literals;

namespace {

constexpr int kJobs = 4;

// Sets the text of the element with id `id`.
EM_JS(void, set_text, (const char* id, const char* text), {
  const el = document.getElementById(UTF8ToString(id));
  if (el) el.textContent = UTF8ToString(text);
});

// The page, built with DOM calls (an EM_JS body goes through the C
// preprocessor: no template literals, no '#').
EM_JS(void, build_page, (int jobs), {
  document.title = "prt in the browser";
  document.body.textContent = "";
  document.body.style.font = "16px system-ui, sans-serif";
  document.body.style.margin = "2em";
  const add = function(parent, tag, text, id) {
    const el = document.createElement(tag);
    if (text) el.textContent = text;
    if (id) el.id = id;
    parent.appendChild(el);
    return el;
  };
  add(document.body, "h1", "prt: tasks on the main thread, jobs on Web Workers");
  const line = add(document.body, "p");
  line.appendChild(document.createTextNode("uptime "));
  add(line, "span", "0.0", "uptime");
  line.appendChild(document.createTextNode(" s, main-thread turns "));
  add(line, "span", "0", "turns");
  const table = add(document.body, "table");
  for (let i = 0; i < jobs; ++i) {
    const row = add(table, "tr");
    add(row, "td", "job " + (i + 1));
    add(row, "td", "running on a Web Worker...", "job" + i);
  }
  add(document.body, "p", "waiting for the jobs...", "status").style.fontWeight = "bold";
});

int count_primes(int below) {
  int n = 0;
  for (int i = 2; i < below; ++i) {
    bool prime = true;
    for (int d = 2; d * d <= i; ++d) {
      if (i % d == 0) {
        prime = false;
        break;
      }
    }
    n += prime;
  }
  return n;
}

prt::Task<> clock_task(prt::Instant t0) {
  auto iv = prt::interval(100ms);
  for (;;) {
    PRT_CO_TRY(co_await iv.tick());
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::chrono::duration<double>(prt::Clock::now() - t0).count());
    set_text("uptime", buf);
  }
}

prt::Task<> turn_counter(long* turns) {
  for (;;) {
    PRT_CO_TRY(co_await prt::sleep(10ms));
    ++*turns;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%ld", *turns);
    set_text("turns", buf);
  }
}

prt::Task<> demo() {
  const prt::Instant t0 = prt::Clock::now();
  build_page(kJobs);
  long turns = 0;
  auto clock = prt::spawn(clock_task(t0));
  auto counter = prt::spawn(turn_counter(&turns));
  std::vector<prt::JoinHandle<int>> jobs;
  for (int i = 0; i < kJobs; ++i) {
    const int below = 200'000 * (i + 1);
    jobs.push_back(prt::spawn_blocking([below] { return count_primes(below); }));
  }
  for (int i = 0; i < kJobs; ++i) {
    auto r = co_await jobs[static_cast<std::size_t>(i)];
    if (!r) co_return r.error();
    char id[8], text[96];
    std::snprintf(id, sizeof id, "job%d", i);
    std::snprintf(text, sizeof text, "%d primes below %d (%.0f ms)", *r, 200'000 * (i + 1),
                  std::chrono::duration<double, std::milli>(prt::Clock::now() - t0).count());
    set_text(id, text);
  }
  set_text("status", "all jobs done; the clock keeps running on the main thread");
  std::printf("demo: all jobs done\n");
  std::fflush(stdout);
  PRT_CO_TRY(co_await clock);  // runs until the page goes away
  co_return prt::ok();
}

prt::Runtime* runtime = nullptr;

}  // namespace

int main() {
  auto rt = prt::Runtime::create();
  if (!rt) return 1;
  runtime = new prt::Runtime(std::move(*rt));  // lives as long as the page
  auto started = runtime->run_in_host_loop(
      demo(),
      [](prt::Result<void> r, void*) {
        char msg[256] = "ended";
        if (!r) r.error().format(msg, sizeof msg);
        std::printf("demo: %s\n", msg);
      },
      nullptr);
  if (!started) {
    char msg[256];
    started.error().format(msg, sizeof msg);
    std::printf("demo: %s\n", msg);
    return 1;
  }
  return 0;  // back to the browser; the event loop runs the demo
}
