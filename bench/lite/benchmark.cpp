// bench-lite's runner: registry, flags, iteration-count search, repetitions
// and aggregates, and the console and JSON reporters (include/benchmark/
// benchmark.h says what is supported and how it differs).
//
// Running one benchmark instance, as Google Benchmark does it:
//   1. With an explicit Iterations(n), run once with n iterations.
//   2. Otherwise start at one iteration and run; stop when the run took at
//      least the minimum time (or 5× that in wall-clock time, or hit 1e9
//      iterations, or failed); else grow the count by min_time × 1.4 over the
//      time taken (×10 when that time was under a tenth of the minimum) and
//      run again.
//   3. Later repetitions reuse the count the first one settled on.
//   4. With two or more successful repetitions, report mean, median, sample
//      standard deviation and coefficient of variation of every figure.
//
// A run with Threads(n), n > 1:
//   1. n States, one per thread (thread_index 0..n-1), each for the full
//      iteration count; threads 1..n-1 are new std::threads, thread 0 is the
//      caller's.
//   2. Every thread waits for the others before its timed loop starts and
//      after it ends (ThreadSync), so the loops overlap as a whole. A thread
//      that returns without entering its loop leaves the meeting (it would
//      otherwise hold the others at the start forever); one that leaves its
//      loop early (a `break`) still meets them at the end.
//   3. The run reports n × the count as its iterations, the mean of the
//      threads' wall times, the sum of their CPU times, counters summed over
//      the threads, and the first error by thread index.
#include <regex.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"

#if BENCH_LITE_THREADS
#include <barrier>
#include <thread>
#endif

namespace benchmark::internal {
// Where the threads of a Threads(n) run meet (step 2 of the second protocol
// at the top of the file): each thread arrives once before its loop and once
// after it.
struct ThreadSync {
#if BENCH_LITE_THREADS
  explicit ThreadSync(int threads) : meet(threads) {}
  std::barrier<> meet;
#endif
  void arrive_and_wait() {
#if BENCH_LITE_THREADS
    meet.arrive_and_wait();
#endif
  }
  void leave() {
#if BENCH_LITE_THREADS
    meet.arrive_and_drop();
#endif
  }
};
}  // namespace benchmark::internal

namespace benchmark {
namespace {

struct Flags {
  std::string filter = ".";
  double min_time = 0.5;
  int repetitions = 1;
  bool report_aggregates_only = false;
  bool display_aggregates_only = false;
  std::string format = "console";
  std::string out;
  std::string out_format = "json";
  bool list_tests = false;
  std::vector<std::pair<std::string, std::string>> context;
  std::string executable = "benchmark";
};

Flags& flags() {
  static Flags f;
  return f;
}

std::vector<std::unique_ptr<internal::Benchmark>>& registry() {
  static std::vector<std::unique_ptr<internal::Benchmark>> families;
  return families;
}

constexpr IterationCount kMaxIterations = 1'000'000'000;

std::int64_t wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The thread's CPU clock when the host has one (checked once): Node's WASI
// and every native host do; jco's WASI answers with an error, and then CPU
// time is wall-clock time.
bool have_cpu_clock() {
  static const bool have = [] {
    timespec ts;
    return clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0;
  }();
  return have;
}

std::int64_t cpu_ns() {
  timespec ts;
  if (!have_cpu_clock() || clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) return wall_ns();
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

// --- State ----------------------------------------------------------------

void State::start_timing() {
  if (sync_) sync_->arrive_and_wait();
  started_ = true;
  real_start_ = wall_ns();
  cpu_start_ = cpu_ns();
}

void State::finish_timing() {
  if (finished_) return;
  if (started_ && !paused_) {
    real_ns_ += wall_ns() - real_start_;
    cpu_ns_ += cpu_ns() - cpu_start_;
  }
  paused_ = false;
  finished_ = true;
  if (sync_ && started_) sync_->arrive_and_wait();
}

void State::PauseTiming() {
  if (paused_ || !started_ || finished_) return;
  real_ns_ += wall_ns() - real_start_;
  cpu_ns_ += cpu_ns() - cpu_start_;
  paused_ = true;
}

void State::ResumeTiming() {
  if (!paused_) return;
  paused_ = false;
  real_start_ = wall_ns();
  cpu_start_ = cpu_ns();
}

void State::SkipWithError(const char* msg) {
  // The first error is the one reported, as in Google Benchmark.
  if (!error_occurred_) error_message_ = msg ? msg : "";
  error_occurred_ = true;
  keep_running_left_ = 0;
}

// --- Registration ---------------------------------------------------------

namespace internal {

Benchmark* Benchmark::Arg(std::int64_t x) {
  options_.args.push_back(x);
  return this;
}
Benchmark* Benchmark::ArgName(const std::string& name) {
  options_.arg_name = name;
  return this;
}
Benchmark* Benchmark::Iterations(IterationCount n) {
  options_.iterations = n;
  return this;
}
Benchmark* Benchmark::Repetitions(int n) {
  options_.repetitions = n;
  return this;
}
Benchmark* Benchmark::MinTime(double seconds) {
  options_.min_time = seconds;
  return this;
}
Benchmark* Benchmark::Threads(int n) {
  options_.threads.push_back(n);
  return this;
}
Benchmark* Benchmark::Unit(TimeUnit unit) {
  options_.unit = unit;
  return this;
}
Benchmark* Benchmark::UseRealTime() {
  options_.use_real_time = true;
  return this;
}

Benchmark* RegisterBenchmarkInternal(const char* name, Function fn) {
  registry().push_back(std::make_unique<Benchmark>(name, fn));
  return registry().back().get();
}

// --- Running --------------------------------------------------------------

struct Instance {
  const Benchmark* family;
  int family_index;
  int per_family_instance_index;
  std::string name;
  std::vector<std::int64_t> args;
  int threads;
};

struct Run {
  const Instance* instance;
  std::string name;        // with the aggregate's suffix for aggregates
  std::string aggregate;   // empty for a repetition's own run
  int repetition_index = 0;
  int repetitions = 1;
  IterationCount iterations = 0;
  double real_time = 0;    // per iteration, in the instance's unit
  double cpu_time = 0;
  bool error = false;
  std::string error_message;
  std::string label;
  UserCounters counters;   // finished: rates and averages applied
};

double unit_multiplier(TimeUnit u) {
  switch (u) {
    case kNanosecond: return 1e9;
    case kMicrosecond: return 1e6;
    case kMillisecond: return 1e3;
    case kSecond: return 1;
  }
  return 1e9;
}

const char* unit_name(TimeUnit u) {
  switch (u) {
    case kNanosecond: return "ns";
    case kMicrosecond: return "us";
    case kMillisecond: return "ms";
    case kSecond: return "s";
  }
  return "ns";
}

class Runner {
 public:
  // Runs one instance `iters` times; `seconds` gets the time the iteration
  // search compares with the minimum (CPU time unless UseRealTime).
  static Run run_once(const Instance& inst, IterationCount iters, double* seconds, double* wall_seconds) {
    const int n = std::max(inst.threads, 1);
    std::vector<std::unique_ptr<State>> states;
#if BENCH_LITE_THREADS
    ThreadSync sync(n);
    for (int i = 0; i < n; ++i) states.emplace_back(new State(iters, inst.args, i, n, n > 1 ? &sync : nullptr));
    std::vector<std::thread> others;
    for (int i = 1; i < n; ++i) others.emplace_back([&inst, st = states[i].get()] { run_thread(inst, *st); });
    run_thread(inst, *states[0]);
    for (std::thread& t : others) t.join();
#else
    states.emplace_back(new State(iters, inst.args));
    if (n > 1) {
      states[0]->SkipWithError("Threads(" + std::to_string(n) + "): bench-lite was built without threads");
    } else {
      run_thread(inst, *states[0]);
    }
#endif
    Run r;
    r.instance = &inst;
    r.name = inst.name;
    const IterationCount total = iters * static_cast<IterationCount>(states.size());
    r.iterations = total;
    std::int64_t real_ns = 0, cpu_ns = 0, items = 0, bytes = 0;
    for (const auto& st : states) {
      if (st->error_occurred_ && !r.error) {
        r.error = true;
        r.error_message = st->error_message_;
      }
      if (r.label.empty()) r.label = st->label_;
      real_ns += st->real_ns_;
      cpu_ns += st->cpu_ns_;
      items += st->items_processed_;
      bytes += st->bytes_processed_;
      for (const auto& [name, c] : st->counters) {
        auto [it, added] = r.counters.emplace(name, c);
        if (!added) it->second.value += c.value;
      }
    }
    const double real_s = static_cast<double>(real_ns) / static_cast<double>(states.size()) / 1e9;
    const double cpu_s = static_cast<double>(cpu_ns) / 1e9;
    *seconds = inst.family->options().use_real_time ? real_s : cpu_s;
    *wall_seconds = real_s;
    if (r.error) {
      r.counters.clear();
      return r;
    }
    const double per = unit_multiplier(inst.family->options().unit) / static_cast<double>(std::max<IterationCount>(total, 1));
    r.real_time = real_s * per;
    r.cpu_time = cpu_s * per;
    if (items) r.counters["items_per_second"] = Counter(static_cast<double>(items), Counter::kIsRate);
    if (bytes) r.counters["bytes_per_second"] = Counter(static_cast<double>(bytes), Counter::kIsRate);
    for (auto& [name, c] : r.counters) {
      if (c.flags & Counter::kIsIterationInvariant) c.value *= static_cast<double>(total);
      if (c.flags & Counter::kAvgIterations) c.value /= static_cast<double>(std::max<IterationCount>(total, 1));
      if (c.flags & Counter::kAvgThreads) c.value /= static_cast<double>(states.size());
      if (c.flags & Counter::kIsRate) c.value = *seconds > 0 ? c.value / *seconds : 0;
    }
    return r;
  }

  // One thread's part of a run (step 2 of the second protocol at the top).
  static void run_thread(const Instance& inst, State& st) {
    inst.family->options().fn(st);
    const bool completed = st.finished_;
    if (st.sync_ && !st.started_) st.sync_->leave();
    if (st.started_ && !st.finished_) st.finish_timing();  // left its loop by `break`: meet the others
    if (!st.error_occurred_ && !completed) st.SkipWithError("the benchmark returned before its loop finished");
  }

  // Steps 1-3 of the protocol at the top of the file, for every repetition.
  static std::vector<Run> run_repetitions(const Instance& inst) {
    const Benchmark& b = *inst.family;
    const double min_time = b.options().min_time > 0 ? b.options().min_time : flags().min_time;
    const int reps = b.options().repetitions > 0 ? b.options().repetitions : std::max(flags().repetitions, 1);
    IterationCount iters = b.options().iterations > 0 ? b.options().iterations : 1;
    bool settled = b.options().iterations > 0;
    std::vector<Run> runs;
    for (int rep = 0; rep < reps; ++rep) {
      Run r;
      for (;;) {
        double seconds = 0, wall = 0;
        r = run_once(inst, iters, &seconds, &wall);
        if (settled || r.error || iters >= kMaxIterations || seconds >= min_time || wall >= 5 * min_time) break;
        double multiplier = min_time * 1.4 / std::max(seconds, 1e-9);
        if (seconds / min_time <= 0.1) multiplier = 10.0;
        const double next = std::max(multiplier * static_cast<double>(iters), static_cast<double>(iters + 1));
        iters = static_cast<IterationCount>(std::min(next, static_cast<double>(kMaxIterations)));
      }
      settled = true;
      r.repetition_index = rep;
      r.repetitions = reps;
      runs.push_back(std::move(r));
    }
    return runs;
  }
};

}  // namespace internal

namespace {

using internal::Instance;
using internal::Run;
using internal::unit_name;

// --- Aggregates -----------------------------------------------------------

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}
double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
double stddev_of(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = mean_of(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

// Step 4: aggregates over the repetitions that did not fail.
std::vector<Run> aggregates(const std::vector<Run>& runs) {
  std::vector<const Run*> ok;
  for (const Run& r : runs)
    if (!r.error) ok.push_back(&r);
  if (ok.size() < 2) return {};
  using Stat = double (*)(const std::vector<double>&);
  static const std::pair<const char*, Stat> kStats[] = {
      {"mean", [](const std::vector<double>& v) { return mean_of(v); }},
      {"median", [](const std::vector<double>& v) { return median_of(v); }},
      {"stddev", [](const std::vector<double>& v) { return stddev_of(v); }},
      {"cv", [](const std::vector<double>& v) { return mean_of(v) != 0 ? stddev_of(v) / mean_of(v) : 0; }},
  };
  auto column = [&](auto get) {
    std::vector<double> v;
    for (const Run* r : ok) v.push_back(get(*r));
    return v;
  };
  std::vector<Run> out;
  for (const auto& [agg, stat] : kStats) {
    Run a;
    a.instance = ok.front()->instance;
    a.name = ok.front()->name + "_" + agg;
    a.aggregate = agg;
    a.repetitions = ok.front()->repetitions;
    a.iterations = static_cast<IterationCount>(ok.size());
    a.real_time = stat(column([](const Run& r) { return r.real_time; }));
    a.cpu_time = stat(column([](const Run& r) { return r.cpu_time; }));
    for (const auto& [cname, c] : ok.front()->counters) {
      Counter ac = c;
      const std::string& counter = cname;
      ac.value = stat(column([&counter](const Run& r) {
        auto it = r.counters.find(counter);
        return it == r.counters.end() ? 0.0 : it->second.value;
      }));
      a.counters[cname] = ac;
    }
    out.push_back(std::move(a));
  }
  return out;
}

// --- Reporters ------------------------------------------------------------

std::string json_escape(const std::string& s) {
  std::string o;
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          o += buf;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o;
}

std::string json_number(double v) {
  if (!std::isfinite(v)) return "0";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.16e", v);
  return buf;
}

std::string iso_date() {
  std::time_t t = std::time(nullptr);
  char buf[40];
  if (std::tm* tm = std::gmtime(&t); tm && std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", tm)) return buf;
  return "unknown";
}

std::string host_name() {
  utsname u;
  if (uname(&u) == 0 && u.nodename[0]) return u.nodename;
  return "unknown";
}

class JsonReporter {
 public:
  explicit JsonReporter(std::FILE* out) : out_(out) {}

  void context() {
    std::fprintf(out_, "{\n  \"context\": {\n");
    std::fprintf(out_, "    \"date\": \"%s\",\n", iso_date().c_str());
    std::fprintf(out_, "    \"host_name\": \"%s\",\n", json_escape(host_name()).c_str());
    std::fprintf(out_, "    \"executable\": \"%s\",\n", json_escape(flags().executable).c_str());
    const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus > 0) std::fprintf(out_, "    \"num_cpus\": %ld,\n", cpus);
    std::fprintf(out_, "    \"harness\": \"bench-lite\",\n");
    std::fprintf(out_, "    \"cpu_clock\": \"%s\",\n", have_cpu_clock() ? "thread" : "wall");
    for (const auto& [k, v] : flags().context)
      std::fprintf(out_, "    \"%s\": \"%s\",\n", json_escape(k).c_str(), json_escape(v).c_str());
#ifdef NDEBUG
    std::fprintf(out_, "    \"library_build_type\": \"release\"\n");
#else
    std::fprintf(out_, "    \"library_build_type\": \"debug\"\n");
#endif
    std::fprintf(out_, "  },\n  \"benchmarks\": [");
  }

  void run(const Run& r) {
    const Instance& in = *r.instance;
    std::vector<std::pair<std::string, std::string>> fields;  // key, JSON value
    auto str = [](const std::string& v) { return "\"" + json_escape(v) + "\""; };
    fields.emplace_back("name", str(r.name));
    fields.emplace_back("family_index", std::to_string(in.family_index));
    fields.emplace_back("per_family_instance_index", std::to_string(in.per_family_instance_index));
    fields.emplace_back("run_name", str(in.name));
    fields.emplace_back("run_type", str(r.aggregate.empty() ? "iteration" : "aggregate"));
    fields.emplace_back("repetitions", std::to_string(r.repetitions));
    if (r.aggregate.empty()) fields.emplace_back("repetition_index", std::to_string(r.repetition_index));
    fields.emplace_back("threads", std::to_string(in.threads));
    if (!r.aggregate.empty()) {
      fields.emplace_back("aggregate_name", str(r.aggregate));
      fields.emplace_back("aggregate_unit", str(r.aggregate == "cv" ? "percentage" : "time"));
    }
    if (r.error) {
      fields.emplace_back("error_occurred", "true");
      fields.emplace_back("error_message", str(r.error_message));
    }
    fields.emplace_back("iterations", std::to_string(r.iterations));
    fields.emplace_back("real_time", json_number(r.real_time));
    fields.emplace_back("cpu_time", json_number(r.cpu_time));
    fields.emplace_back("time_unit", str(unit_name(in.family->options().unit)));
    for (const auto& [name, c] : r.counters) fields.emplace_back(name, json_number(c.value));
    if (!r.label.empty()) fields.emplace_back("label", str(r.label));

    std::fprintf(out_, "%s\n    {\n", first_ ? "" : ",");
    first_ = false;
    for (std::size_t i = 0; i < fields.size(); ++i)
      std::fprintf(out_, "      \"%s\": %s%s\n", json_escape(fields[i].first).c_str(), fields[i].second.c_str(),
                   i + 1 < fields.size() ? "," : "");
    std::fprintf(out_, "    }");
  }

  void finish() { std::fprintf(out_, "\n  ]\n}\n"); }

 private:
  std::FILE* out_;
  bool first_ = true;
};

// Google Benchmark's console layout: name, time, CPU, iterations, counters.
class ConsoleReporter {
 public:
  ConsoleReporter(std::FILE* out, std::size_t name_width) : out_(out), width_(std::max<std::size_t>(name_width, 10)) {}

  void context() {
    std::fprintf(stderr, "%s\nRunning %s\n", iso_date().c_str(), flags().executable.c_str());
    std::fprintf(stderr, "bench-lite harness; CPU time from the %s clock\n",
                 have_cpu_clock() ? "thread's CPU" : "wall (the host has no CPU clock)");
    const std::string rule(width_ + 45, '-');
    std::fprintf(out_, "%s\n%-*s %13s %15s %12s UserCounters...\n%s\n", rule.c_str(), static_cast<int>(width_),
                 "Benchmark", "Time", "CPU", "Iterations", rule.c_str());
  }

  void run(const Run& r) {
    std::fprintf(out_, "%-*s ", static_cast<int>(width_), r.name.c_str());
    if (r.error) {
      std::fprintf(out_, "ERROR OCCURRED: '%s'\n", r.error_message.c_str());
      return;
    }
    const char* unit = unit_name(r.instance->family->options().unit);
    if (r.aggregate == "cv") {
      std::fprintf(out_, "%10.2f %% %12.2f %% %12lld", r.real_time * 100, r.cpu_time * 100,
                   static_cast<long long>(r.iterations));
    } else {
      std::fprintf(out_, "%10s %-2s %12s %-2s %12lld", time_str(r.real_time).c_str(), unit,
                   time_str(r.cpu_time).c_str(), unit, static_cast<long long>(r.iterations));
    }
    for (const auto& [name, c] : r.counters) {
      const bool pct = r.aggregate == "cv";
      std::fprintf(out_, " %s=%s%s", name.c_str(), pct ? percent(c.value).c_str() : human(c.value, c.oneK).c_str(),
                   !pct && (c.flags & Counter::kIsRate) ? "/s" : "");
    }
    if (!r.label.empty()) std::fprintf(out_, " %s", r.label.c_str());
    std::fputc('\n', out_);
  }

  void finish() {}

 private:
  static std::string time_str(double t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, t < 10 ? "%.2f" : t < 100 ? "%.1f" : "%.0f", t);
    return buf;
  }
  static std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", v * 100);
    return buf;
  }
  // 6 significant digits and an SI prefix, as Google Benchmark prints them.
  static std::string human(double v, Counter::OneK k) {
    static const char* const kUp[] = {"", "k", "M", "G", "T", "P"};
    static const char* const kDown[] = {"", "m", "u", "n", "p"};
    const double base = k == Counter::kIs1024 ? 1024.0 : 1000.0;
    const char* prefix = "";
    double a = std::fabs(v);
    if (a >= base) {
      std::size_t i = 0;
      while (a >= base && i + 1 < std::size(kUp)) {
        a /= base;
        v /= base;
        ++i;
      }
      prefix = kUp[i];
      if (k == Counter::kIs1024 && i) return fmt(v) + prefix + "i";
    } else if (a > 0 && a < 1) {
      std::size_t i = 0;
      while (a < 1 && i + 1 < std::size(kDown)) {
        a *= 1000;
        v *= 1000;
        ++i;
      }
      prefix = kDown[i];
    }
    return fmt(v) + prefix;
  }
  static std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }

  std::FILE* out_;
  std::size_t width_;
};

// Reports go to one console or JSON stream, and to --benchmark_out.
class Reporters {
 public:
  Reporters(std::FILE* display, bool display_json, std::FILE* file, std::size_t width)
      : console_(display, width), json_display_(display), json_file_(file ? file : stdout),
        display_json_(display_json), file_(file != nullptr) {}

  void context() {
    display_json_ ? json_display_.context() : console_.context();
    if (file_) json_file_.context();
  }
  // `has_aggregates`: the only-aggregates flags hide an instance's own runs
  // only when there are aggregates to show instead.
  void run(const Run& r, bool aggregate, bool has_aggregates) {
    const bool report_only_aggs = flags().report_aggregates_only && has_aggregates;
    const bool display_only_aggs = report_only_aggs || (flags().display_aggregates_only && has_aggregates);
    if (aggregate || !display_only_aggs) display_json_ ? json_display_.run(r) : console_.run(r);
    if (file_ && (aggregate || !report_only_aggs)) json_file_.run(r);
  }
  void finish() {
    display_json_ ? json_display_.finish() : console_.finish();
    if (file_) json_file_.finish();
  }

 private:
  ConsoleReporter console_;
  JsonReporter json_display_;
  JsonReporter json_file_;
  bool display_json_;
  bool file_;
};

// --- Flags ----------------------------------------------------------------

bool parse_bool(const char* v) {
  return !(std::strcmp(v, "false") == 0 || std::strcmp(v, "0") == 0 || std::strcmp(v, "no") == 0);
}

// `--name=value` (or `--name` for booleans); true if `arg` is that flag.
bool flag_value(const char* arg, const char* name, const char** value) {
  const std::size_t n = std::strlen(name);
  if (std::strncmp(arg, "--", 2) != 0 || std::strncmp(arg + 2, name, n) != 0) return false;
  const char* rest = arg + 2 + n;
  if (*rest == '=') {
    *value = rest + 1;
    return true;
  }
  if (*rest == '\0') {
    *value = "true";
    return true;
  }
  return false;
}

[[noreturn]] void bad_flag(const char* arg, const char* why) {
  std::fprintf(stderr, "%s: invalid flag %s: %s\n", flags().executable.c_str(), arg, why);
  std::exit(1);
}

bool parse_flag(const char* arg) {
  Flags& f = flags();
  const char* v = nullptr;
  if (flag_value(arg, "benchmark_filter", &v)) {
    f.filter = v;
  } else if (flag_value(arg, "benchmark_min_time", &v)) {
    // Seconds, with or without Google Benchmark 1.8's "s" suffix.
    char* end = nullptr;
    errno = 0;
    f.min_time = std::strtod(v, &end);
    if (end == v || errno || !(f.min_time >= 0) || (*end && std::strcmp(end, "s") != 0))
      bad_flag(arg, "expected a number of seconds");
  } else if (flag_value(arg, "benchmark_repetitions", &v)) {
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    if (end == v || *end || n < 1 || n > 100000) bad_flag(arg, "expected a positive count");
    f.repetitions = static_cast<int>(n);
  } else if (flag_value(arg, "benchmark_report_aggregates_only", &v)) {
    f.report_aggregates_only = parse_bool(v);
  } else if (flag_value(arg, "benchmark_display_aggregates_only", &v)) {
    f.display_aggregates_only = parse_bool(v);
  } else if (flag_value(arg, "benchmark_format", &v)) {
    if (std::strcmp(v, "console") != 0 && std::strcmp(v, "json") != 0) bad_flag(arg, "bench-lite prints console or json");
    f.format = v;
  } else if (flag_value(arg, "benchmark_out_format", &v)) {
    if (std::strcmp(v, "json") != 0) bad_flag(arg, "bench-lite writes json files");
    f.out_format = v;
  } else if (flag_value(arg, "benchmark_out", &v)) {
    f.out = v;
  } else if (flag_value(arg, "benchmark_list_tests", &v)) {
    f.list_tests = parse_bool(v);
  } else if (flag_value(arg, "benchmark_context", &v)) {
    const char* eq = std::strchr(v, '=');
    if (!eq || eq == v) bad_flag(arg, "expected key=value");
    f.context.emplace_back(std::string(v, eq), std::string(eq + 1));
  } else if (flag_value(arg, "benchmark_color", &v) || flag_value(arg, "benchmark_counters_tabular", &v)) {
    // Accepted for compatibility; bench-lite prints no colour or tables.
  } else {
    return false;
  }
  return true;
}

// The instances the filter selects, in registration order. A filter that
// starts with '-' selects what the rest of it does not match.
std::vector<Instance> select_instances() {
  std::string pattern = flags().filter.empty() ? "." : flags().filter;
  bool negate = false;
  if (pattern[0] == '-') {
    negate = true;
    pattern.erase(0, 1);
  }
  regex_t re;
  if (regcomp(&re, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0) {
    std::fprintf(stderr, "%s: could not compile benchmark filter '%s'\n", flags().executable.c_str(),
                 flags().filter.c_str());
    std::exit(1);
  }
  std::vector<Instance> out;
  int family_index = 0;
  for (const auto& fam : registry()) {
    const internal::Benchmark& b = *fam;
    std::vector<std::vector<std::int64_t>> arg_sets;
    if (b.options().args.empty()) arg_sets.push_back({});
    for (std::int64_t a : b.options().args) arg_sets.push_back({a});
    std::vector<int> thread_counts = b.options().threads.empty() ? std::vector<int>{1} : b.options().threads;
    int per_family = 0;
    for (const auto& args : arg_sets) {
      for (int threads : thread_counts) {
        std::string name = b.options().name;
        for (std::int64_t a : args) name += "/" + (b.options().arg_name.empty() ? "" : b.options().arg_name + ":") + std::to_string(a);
        if (b.options().min_time > 0) {
          char buf[48];
          std::snprintf(buf, sizeof buf, "/min_time:%0.3f", b.options().min_time);
          name += buf;
        }
        if (b.options().iterations > 0) name += "/iterations:" + std::to_string(b.options().iterations);
        if (b.options().repetitions > 0) name += "/repeats:" + std::to_string(b.options().repetitions);
        if (b.options().use_real_time) name += "/real_time";
        if (!b.options().threads.empty()) name += "/threads:" + std::to_string(threads);
        const bool match = regexec(&re, name.c_str(), 0, nullptr, 0) == 0;
        if (match == negate) continue;
        out.push_back(Instance{&b, family_index, per_family++, name, args, threads});
      }
    }
    if (per_family > 0) ++family_index;
  }
  regfree(&re);
  return out;
}

}  // namespace

void Initialize(int* argc, char** argv) {
  if (*argc > 0 && argv[0]) flags().executable = argv[0];
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fprintf(stdout,
                   "usage: %s [--benchmark_filter=<regex>] [--benchmark_min_time=<seconds>]\n"
                   "       [--benchmark_repetitions=<n>] [--benchmark_report_aggregates_only=<bool>]\n"
                   "       [--benchmark_display_aggregates_only=<bool>] [--benchmark_format=console|json]\n"
                   "       [--benchmark_out=<file>] [--benchmark_out_format=json] [--benchmark_list_tests]\n"
                   "       [--benchmark_context=<key>=<value>]...\n"
                   "(bench-lite: Google Benchmark's flags, the subset this harness supports)\n",
                   flags().executable.c_str());
      std::exit(0);
    }
    if (!parse_flag(argv[i])) argv[kept++] = argv[i];
  }
  *argc = kept;
  if (kept < 1) return;
  argv[kept] = nullptr;
}

bool ReportUnrecognizedArguments(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    std::fprintf(stderr, "%s: error: unrecognized command-line flag: %s\n", flags().executable.c_str(), argv[i]);
  return argc > 1;
}

std::size_t RunSpecifiedBenchmarks() {
  const std::vector<Instance> instances = select_instances();
  if (flags().list_tests) {
    for (const Instance& in : instances) std::printf("%s\n", in.name.c_str());
    return instances.size();
  }
  if (instances.empty()) {
    std::fprintf(stderr, "Failed to match any benchmarks against regex: %s\n", flags().filter.c_str());
    return 0;
  }
  std::FILE* file = nullptr;
  if (!flags().out.empty()) {
    file = std::fopen(flags().out.c_str(), "w");
    if (!file) {
      std::fprintf(stderr, "%s: cannot open %s for writing: %s\n", flags().executable.c_str(), flags().out.c_str(),
                   std::strerror(errno));
      std::exit(1);
    }
  }
  std::size_t width = 0;
  const bool aggregates_shown = flags().repetitions > 1;
  for (const Instance& in : instances) width = std::max(width, in.name.size() + (aggregates_shown ? 7 : 0));
  Reporters reporters(stdout, flags().format == "json", file, width);
  reporters.context();
  for (const Instance& in : instances) {
    const std::vector<Run> runs = internal::Runner::run_repetitions(in);
    const std::vector<Run> aggs = aggregates(runs);
    for (const Run& r : runs) reporters.run(r, false, !aggs.empty());
    for (const Run& a : aggs) reporters.run(a, true, true);
    std::fflush(stdout);
  }
  reporters.finish();
  if (file) std::fclose(file);
  return instances.size();
}

void Shutdown() {}

}  // namespace benchmark
