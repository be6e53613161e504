/* libuv on the workloads of bench/peers/README.md that fit its model.
 *
 * Build and run (perf/run does the same):
 *     cc -O2 bench.c -luv -o prt-peer-libuv
 *     ./prt-peer-libuv [--reps N] [--filter SUBSTRING]
 *
 * Output, one JSON object per line and repetition, on stdout:
 *     {"workload": "mutex_uncontended", "rep": 0, "value": 17.2, "unit": "ns"}
 *
 * Workloads: sleep_1ms_p50 and sleep_1ms_p99 (a 1 ms uv_timer, 400 samples
 * per repetition), runtime_memory (uv_loop_init and uv_run of one empty timer
 * callback; growth of the anonymous resident set from /proc/self/statm, each
 * repetition in a fresh exec of this program),
 * thread_spawn_join (uv_thread_create + uv_thread_join), mutex_uncontended
 * (uv_mutex_lock + uv_mutex_unlock) and thread_ping_pong (two uv threads, two
 * one-slot channels made of uv_mutex_t + uv_cond_t). libuv has no tasks,
 * async mutex or async channel, so the other workloads are left out.
 *
 * Timed workloads warm up and calibrate to about 0.2 s per repetition; a
 * repetition's value is the mean time per iteration. Exit status: 0 if every
 * selected workload ran, 1 if one failed, 2 for bad arguments.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uv.h>

#define BATCH_NS 200000000ull     /* one repetition of a timed workload */
#define CALIBRATE_NS 20000000ull  /* batches double until one takes this long */
#define SLEEP_SAMPLES 400
#define SLEEP_WARMUP 10
#define SLEEP_MS 1

static int reps = 5;
static const char *self_path = "/proc/self/exe";

static void emit(const char *workload, int rep, double value, const char *unit) {
  printf("{\"workload\": \"%s\", \"rep\": %d, \"value\": %.3f, \"unit\": \"%s\"}\n", workload, rep, value, unit);
  fflush(stdout);
}

/* --- timing --------------------------------------------------------------- */

/* Runs n iterations of a workload and returns the nanoseconds they took, or 0
 * on failure. */
typedef uint64_t (*batch_fn)(uint64_t n);

/* Mean ns per iteration of `batch`, one figure per repetition, into out[]. */
static int per_iteration(batch_fn batch, double *out) {
  uint64_t n = 1, elapsed;
  while ((elapsed = batch(n)) < CALIBRATE_NS) {
    if (elapsed == 0) return -1;
    n *= 2;
  }
  n = (uint64_t)((double)n * (double)BATCH_NS / (double)elapsed + 0.5);
  if (n == 0) n = 1;
  for (int r = 0; r < reps; ++r) {
    if ((elapsed = batch(n)) == 0) return -1;
    out[r] = (double)elapsed / (double)n;
  }
  return 0;
}

/* --- sleep_1ms_p50, sleep_1ms_p99 ----------------------------------------- */

struct sleeper {
  uv_timer_t timer;
  uint64_t deadline;  /* uv_hrtime() at start + 1 ms */
  int64_t *late_ns;
  int count, taken;
};

static void on_sleep_timer(uv_timer_t *t) {
  struct sleeper *s = (struct sleeper *)t->data;
  s->late_ns[s->taken++] = (int64_t)(uv_hrtime() - s->deadline);
  if (s->taken < s->count) {
    /* The next sleep starts from this callback, as a libuv program's would. */
    s->deadline = uv_hrtime() + SLEEP_MS * 1000000ull;
    uv_timer_start(&s->timer, on_sleep_timer, SLEEP_MS, 0);
  }
}

/* `count` sleeps of 1 ms on `loop`, each one's lateness into late_ns[]. */
static int sleep_samples(uv_loop_t *loop, int64_t *late_ns, int count) {
  struct sleeper s = {.late_ns = late_ns, .count = count};
  if (uv_timer_init(loop, &s.timer) != 0) return -1;
  s.timer.data = &s;
  uv_update_time(loop);  /* outside uv_run the loop's clock is stale */
  s.deadline = uv_hrtime() + SLEEP_MS * 1000000ull;
  if (uv_timer_start(&s.timer, on_sleep_timer, SLEEP_MS, 0) != 0) return -1;
  uv_run(loop, UV_RUN_DEFAULT);
  uv_close((uv_handle_t *)&s.timer, NULL);
  uv_run(loop, UV_RUN_DEFAULT);
  return s.taken == count ? 0 : -1;
}

static int compare_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted[0..n), the rule of bench/rt/bench_support.h. */
static double percentile(const int64_t *sorted, int n, double p) {
  int rank = (int)(p / 100.0 * (double)(n - 1) + 0.5);
  return (double)sorted[rank < n ? rank : n - 1];
}

/* Both sleep workloads come from the same samples, measured once. */
static double sleep_p50_us[1000], sleep_p99_us[1000];
static int sleep_measured;

static int measure_sleeps(void) {
  if (sleep_measured) return sleep_measured > 0 ? 0 : -1;
  sleep_measured = -1;
  uv_loop_t loop;
  int64_t late[SLEEP_SAMPLES];
  if (uv_loop_init(&loop) != 0) return -1;
  int rc = sleep_samples(&loop, late, SLEEP_WARMUP);
  for (int r = 0; rc == 0 && r < reps; ++r) {
    rc = sleep_samples(&loop, late, SLEEP_SAMPLES);
    qsort(late, SLEEP_SAMPLES, sizeof late[0], compare_i64);
    sleep_p50_us[r] = percentile(late, SLEEP_SAMPLES, 50) / 1000.0;
    sleep_p99_us[r] = percentile(late, SLEEP_SAMPLES, 99) / 1000.0;
  }
  if (uv_loop_close(&loop) != 0) rc = -1;
  if (rc == 0) sleep_measured = 1;
  return rc;
}

static int sleep_1ms_p50(double *out) {
  if (measure_sleeps() != 0) return -1;
  memcpy(out, sleep_p50_us, (size_t)reps * sizeof out[0]);
  return 0;
}

static int sleep_1ms_p99(double *out) {
  if (measure_sleeps() != 0) return -1;
  memcpy(out, sleep_p99_us, (size_t)reps * sizeof out[0]);
  return 0;
}

/* --- runtime_memory (each repetition in a fresh process) ------------------ */

/* The resident set of this process that no file backs (statm's second field
 * minus its third: heap, stacks, anonymous mmaps, without code pages), read
 * without stdio so the reading allocates nothing; -1 on failure. */
static long anon_resident_bytes(void) {
  char buf[128];
  int fd = open("/proc/self/statm", O_RDONLY);
  if (fd < 0) return -1;
  ssize_t len = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (len <= 0) return -1;
  buf[len] = '\0';
  char *p = buf;
  (void)strtol(p, &p, 10);  /* total program size */
  long resident = strtol(p, &p, 10);
  long file_backed = strtol(p, NULL, 10);
  return (resident - file_backed) * sysconf(_SC_PAGESIZE);
}

static void on_empty_timer(uv_timer_t *t) { (void)t; }

struct runtime {
  uv_loop_t *loop;
  uv_timer_t timer;
};

/* A loop on the heap with one empty timer callback run on it (libuv's
 * nearest thing to an empty task); the loop stays open. */
static int runtime_start(struct runtime *rt) {
  rt->loop = malloc(sizeof *rt->loop);
  if (!rt->loop || uv_loop_init(rt->loop) != 0 || uv_timer_init(rt->loop, &rt->timer) != 0 ||
      uv_timer_start(&rt->timer, on_empty_timer, 0, 0) != 0)
    return -1;
  uv_run(rt->loop, UV_RUN_DEFAULT);
  return 0;
}

static int runtime_stop(struct runtime *rt) {
  uv_close((uv_handle_t *)&rt->timer, NULL);
  uv_run(rt->loop, UV_RUN_DEFAULT);
  if (uv_loop_close(rt->loop) != 0) return -1;
  free(rt->loop);
  return 0;
}

/* In the child, a fresh process: growth of the anonymous resident set from a
 * loop and one empty callback run on it, read with the loop alive. Code pages
 * are left out: the kernel maps them up to 64 KiB at a time on first use
 * (fault-around), which is noise of 90-220 KB here, a cost a process pays
 * once, and what bench_rt's BM_RuntimeMemory keeps out of its figure too
 * (with a warm-up runtime, which here would let the measured loop reuse the
 * warm-up's freed memory and show 0). Set up first, so not counted: malloc
 * and the reader's own code. */
static int child_runtime_memory(void) {
  struct runtime rt;
  free(malloc(1));
  (void)anon_resident_bytes();
  long before = anon_resident_bytes();
  if (before < 0 || runtime_start(&rt) != 0) return 1;
  long growth = anon_resident_bytes() - before;
  if (runtime_stop(&rt) != 0) return 1;
  printf("%ld\n", growth);
  return 0;
}

/* Runs `self --child runtime_memory` and reads the figure it prints. */
static int fresh_process(double *value) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(self_path, self_path, "--child", "runtime_memory", (char *)NULL);
    _exit(127);
  }
  close(fds[1]);
  char buf[64];
  size_t len = 0;
  ssize_t got;
  while (len < sizeof buf - 1 && ((got = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0 || (got < 0 && errno == EINTR)))
    if (got > 0) len += (size_t)got;
  close(fds[0]);
  buf[len] = '\0';
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || len == 0) return -1;
  char *end;
  *value = strtod(buf, &end);
  return end == buf ? -1 : 0;
}

static int runtime_memory(double *out) {
  for (int r = 0; r < reps; ++r)
    if (fresh_process(&out[r]) != 0) return -1;
  return 0;
}

/* --- thread workloads ------------------------------------------------------ */

static void do_nothing(void *arg) { (void)arg; }

static uint64_t thread_spawn_join_batch(uint64_t n) {
  uint64_t t0 = uv_hrtime();
  for (uint64_t i = 0; i < n; ++i) {
    uv_thread_t t;
    if (uv_thread_create(&t, do_nothing, NULL) != 0 || uv_thread_join(&t) != 0) return 0;
  }
  return uv_hrtime() - t0;
}

static int thread_spawn_join(double *out) {
  if (per_iteration(thread_spawn_join_batch, out) != 0) return -1;
  for (int r = 0; r < reps; ++r) out[r] /= 1000.0;
  return 0;
}

static uv_mutex_t the_mutex;

static uint64_t mutex_batch(uint64_t n) {
  uint64_t t0 = uv_hrtime();
  for (uint64_t i = 0; i < n; ++i) {
    uv_mutex_lock(&the_mutex);
    uv_mutex_unlock(&the_mutex);
  }
  return uv_hrtime() - t0;
}

static int mutex_uncontended(double *out) {
  /* glibc skips the lock prefix until a process starts its first thread; a
   * program with a runtime has threads, so measure it that way (as bench_rt). */
  uv_thread_t t;
  if (uv_thread_create(&t, do_nothing, NULL) != 0 || uv_thread_join(&t) != 0) return -1;
  if (uv_mutex_init(&the_mutex) != 0) return -1;
  int rc = per_iteration(mutex_batch, out);
  uv_mutex_destroy(&the_mutex);
  return rc;
}

/* A blocking channel with room for one int. */
struct slot {
  uv_mutex_t mutex;
  uv_cond_t cond;
  int full;
  uint64_t value;
};

static int slot_init(struct slot *s) {
  s->full = 0;
  if (uv_mutex_init(&s->mutex) != 0) return -1;
  if (uv_cond_init(&s->cond) != 0) {
    uv_mutex_destroy(&s->mutex);
    return -1;
  }
  return 0;
}

static void slot_destroy(struct slot *s) {
  uv_cond_destroy(&s->cond);
  uv_mutex_destroy(&s->mutex);
}

static void slot_send(struct slot *s, uint64_t v) {
  uv_mutex_lock(&s->mutex);
  while (s->full) uv_cond_wait(&s->cond, &s->mutex);
  s->value = v;
  s->full = 1;
  uv_cond_signal(&s->cond);
  uv_mutex_unlock(&s->mutex);
}

static uint64_t slot_recv(struct slot *s) {
  uv_mutex_lock(&s->mutex);
  while (!s->full) uv_cond_wait(&s->cond, &s->mutex);
  uint64_t v = s->value;
  s->full = 0;
  uv_cond_signal(&s->cond);
  uv_mutex_unlock(&s->mutex);
  return v;
}

struct ping_pong {
  struct slot ping, pong;
  uint64_t rounds;
};

static void echo(void *arg) {
  struct ping_pong *pp = arg;
  for (uint64_t i = 0; i < pp->rounds; ++i) slot_send(&pp->pong, slot_recv(&pp->ping) + 1);
}

static uint64_t thread_ping_pong_batch(uint64_t n) {
  struct ping_pong pp = {.rounds = n};
  if (slot_init(&pp.ping) != 0) return 0;
  if (slot_init(&pp.pong) != 0) {
    slot_destroy(&pp.ping);
    return 0;
  }
  uv_thread_t echoer;
  uint64_t elapsed = 0;
  if (uv_thread_create(&echoer, echo, &pp) == 0) {
    uint64_t x = 0;
    uint64_t t0 = uv_hrtime();
    for (uint64_t i = 0; i < n; ++i) {
      slot_send(&pp.ping, x);
      x = slot_recv(&pp.pong);
    }
    elapsed = uv_hrtime() - t0;
    if (uv_thread_join(&echoer) != 0 || x != n) elapsed = 0;  /* lost a round trip */
  }
  slot_destroy(&pp.pong);
  slot_destroy(&pp.ping);
  return elapsed;
}

static int thread_ping_pong(double *out) { return per_iteration(thread_ping_pong_batch, out); }

/* --- main ------------------------------------------------------------------ */

/* In the order of the README's table. Each fills out[0..reps). */
static const struct {
  const char *name;
  const char *unit;
  int (*run)(double *out);
} workloads[] = {
    {"sleep_1ms_p50", "us", sleep_1ms_p50},
    {"sleep_1ms_p99", "us", sleep_1ms_p99},
    {"runtime_memory", "bytes", runtime_memory},
    {"thread_spawn_join", "us", thread_spawn_join},
    {"mutex_uncontended", "ns", mutex_uncontended},
    {"thread_ping_pong", "ns", thread_ping_pong},
};

static int usage(const char *msg) {
  fprintf(stderr, "prt-peer-libuv: %s\nusage: prt-peer-libuv [--reps N (1..1000)] [--filter SUBSTRING]\n", msg);
  return 2;
}

int main(int argc, char **argv) {
  const char *filter = "";
  for (int i = 1; i < argc; i += 2) {
    const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(opt, "--child") == 0 && val && strcmp(val, "runtime_memory") == 0) return child_runtime_memory();
    if (!val) return usage("missing value after option");
    if (strcmp(opt, "--filter") == 0) {
      filter = val;
    } else if (strcmp(opt, "--reps") == 0) {
      char *end;
      errno = 0;
      long n = strtol(val, &end, 10);
      if (errno || *end || end == val || n < 1 || n > 1000) return usage("--reps wants an integer from 1 to 1000");
      reps = (int)n;
    } else {
      return usage("unknown option");
    }
  }
  if (access(self_path, X_OK) != 0) self_path = argv[0];  /* no /proc/self/exe */

  int failed = 0, selected = 0;
  double values[1000];
  for (size_t w = 0; w < sizeof workloads / sizeof workloads[0]; ++w) {
    if (!strstr(workloads[w].name, filter)) continue;
    ++selected;
    if (workloads[w].run(values) != 0) {
      fprintf(stderr, "prt-peer-libuv: %s failed\n", workloads[w].name);
      ++failed;
      continue;
    }
    for (int r = 0; r < reps; ++r) emit(workloads[w].name, r, values[r], workloads[w].unit);
  }
  if (!selected) fprintf(stderr, "prt-peer-libuv: no workload matches --filter \"%s\"\n", filter);
  return failed ? 1 : 0;
}
