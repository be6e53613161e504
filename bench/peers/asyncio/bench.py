#!/usr/bin/python3
"""CPython's asyncio (or uvloop) on the workloads of bench/peers/README.md.

Usage:
    /usr/bin/python3 bench/peers/asyncio/bench.py [--loop asyncio|uvloop]
                                                  [--reps N] [--filter SUBSTRING]

--loop picks the event loop the async workloads run on: asyncio's own
(default) or uvloop's (Debian's python3-uvloop). The thread workloads use
`threading` and `queue` and do not depend on --loop.

Output, one JSON object per line and repetition, on stdout:
    {"workload": "spawn_join", "rep": 0, "value": 6120.4, "unit": "ns"}

Timed workloads are warmed up and calibrated to about 0.2 s per repetition;
a repetition's value is the mean time per iteration, Python's own `for` loop
included (that is how a user would write it). sleep_1ms_p50 and _p99 come
from the same 400 samples per repetition.

The three memory workloads run each repetition in a fresh process of this
interpreter (`--child NAME`), so memory freed by earlier work cannot hide
their growth; readings come from /proc/self/statm. idle_task_memory and
channel_memory are whole resident-set growth per task / per (empty) queue;
runtime_memory is anonymous resident growth, code pages left out (see
child_runtime_memory).

Exit status: 0 if every selected workload ran, 1 if one failed (its error
goes to stderr and the others still run), 2 for bad arguments, 3 if
--loop uvloop was asked for and uvloop cannot be imported.
"""
import argparse
import asyncio
import json
import os
import queue
import subprocess
import sys
import threading
import time
import traceback

BATCH_NS = 200_000_000      # one repetition of a timed workload
CALIBRATE_NS = 20_000_000   # batches double until one takes this long
SPAWN_BATCH = 1000
SLEEP_SAMPLES = 400
SLEEP_WARMUP = 10
IDLE_TASKS = 100_000
CHANNELS = 10_000

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
perf_ns = time.perf_counter_ns


# --- support -------------------------------------------------------------

def emit(workload, rep, value, unit):
    print(json.dumps({"workload": workload, "rep": rep, "value": round(value, 3), "unit": unit}), flush=True)


def statm_pages():
    """(resident, file-backed) pages of this process, from /proc/self/statm."""
    with open("/proc/self/statm") as f:
        fields = f.read().split()
    return int(fields[1]), int(fields[2])


def resident_bytes():
    """The whole resident set."""
    return statm_pages()[0] * PAGE_SIZE


def anon_resident_bytes():
    """The resident set that no file backs: heap, stacks, anonymous mmaps."""
    resident, file_backed = statm_pages()
    return (resident - file_backed) * PAGE_SIZE


def baseline(reading):
    """reading() taken twice: the first reading's own cost is not counted."""
    reading()
    return reading()


def percentile(samples, p):
    """Nearest-rank percentile, the same rule as bench/rt/bench_support.h."""
    s = sorted(samples)
    rank = int(p / 100.0 * (len(s) - 1) + 0.5)
    return s[min(rank, len(s) - 1)]


def per_iteration(ctx, run_batch):
    """Mean ns per iteration of run_batch, one figure per repetition.

    run_batch(n) runs n iterations and returns the nanoseconds they took.
    Doubling batches warm up and calibrate; then every repetition runs a
    batch sized to take about BATCH_NS.
    """
    n = 1
    while (elapsed := run_batch(n)) < CALIBRATE_NS:
        n *= 2
    n = max(1, round(n * BATCH_NS / elapsed))
    return [run_batch(n) / n for _ in range(ctx.reps)]


def per_iteration_async(ctx, batch):
    """per_iteration for `async def batch(n)`, all batches on one event loop."""
    with asyncio.Runner(loop_factory=ctx.loop_factory) as runner:
        return per_iteration(ctx, lambda n: runner.run(batch(n)))


def in_fresh_process(ctx, name):
    """One figure per repetition, each measured by a fresh `--child name`."""
    cmd = [sys.executable, os.path.abspath(__file__), "--loop", ctx.loop, "--child", name]
    values = []
    for _ in range(ctx.reps):
        out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True).stdout
        values.append(float(out.strip()))
    return values


async def empty():
    pass


async def number(i):
    return i


def do_nothing():
    pass


# --- async workloads -----------------------------------------------------

def spawn_join(ctx):
    async def batch(n):
        t0 = perf_ns()
        for _ in range(n):
            await asyncio.create_task(empty())
        return perf_ns() - t0
    return per_iteration_async(ctx, batch)


def spawn_batch(ctx):
    async def batch(n):
        total = 0
        t0 = perf_ns()
        for _ in range(n):
            tasks = [asyncio.create_task(number(i)) for i in range(SPAWN_BATCH)]
            for t in tasks:
                total += await t
        elapsed = perf_ns() - t0
        if total != n * SPAWN_BATCH * (SPAWN_BATCH - 1) // 2:
            raise RuntimeError("a task returned the wrong number")
        return elapsed
    return [ns / SPAWN_BATCH for ns in per_iteration_async(ctx, batch)]


def yield_(ctx):
    async def batch(n):
        t0 = perf_ns()
        for _ in range(n):
            await asyncio.sleep(0)
        return perf_ns() - t0
    return per_iteration_async(ctx, batch)


def async_mutex_uncontended(ctx):
    async def batch(n):
        lock = asyncio.Lock()
        t0 = perf_ns()
        for _ in range(n):
            async with lock:
                pass
        return perf_ns() - t0
    return per_iteration_async(ctx, batch)


def channel_send_recv(ctx):
    async def batch(n):
        q = asyncio.Queue(64)
        t0 = perf_ns()
        for i in range(n):
            await q.put(i)
            await q.get()
        return perf_ns() - t0
    return per_iteration_async(ctx, batch)


def task_ping_pong(ctx):
    async def batch(n):
        ping, pong = asyncio.Queue(1), asyncio.Queue(1)

        async def echo():
            for _ in range(n):
                await pong.put(await ping.get() + 1)

        echoer = asyncio.create_task(echo())
        x = 0
        t0 = perf_ns()
        for _ in range(n):
            await ping.put(x)
            x = await pong.get()
        elapsed = perf_ns() - t0
        await echoer
        if x != n:
            raise RuntimeError("lost a round trip")
        return elapsed
    return per_iteration_async(ctx, batch)


_sleep_samples = {}


def sleep_lateness_us(ctx):
    """Per repetition, SLEEP_SAMPLES lateness figures of sleep(1 ms), in µs.

    Measured once and shared by sleep_1ms_p50 and sleep_1ms_p99.
    """
    if ctx.loop not in _sleep_samples:
        async def sample(count):
            late = []
            for _ in range(count):
                deadline = perf_ns() + 1_000_000
                await asyncio.sleep(0.001)
                late.append((perf_ns() - deadline) / 1000.0)
            return late

        with asyncio.Runner(loop_factory=ctx.loop_factory) as runner:
            runner.run(sample(SLEEP_WARMUP))
            _sleep_samples[ctx.loop] = [runner.run(sample(SLEEP_SAMPLES)) for _ in range(ctx.reps)]
    return _sleep_samples[ctx.loop]


def sleep_1ms_p50(ctx):
    return [percentile(s, 50) for s in sleep_lateness_us(ctx)]


def sleep_1ms_p99(ctx):
    return [percentile(s, 99) for s in sleep_lateness_us(ctx)]


# --- memory workloads (each repetition in a fresh process) ---------------

def idle_task_memory(ctx):
    return in_fresh_process(ctx, "idle_task_memory")


def runtime_memory(ctx):
    return in_fresh_process(ctx, "runtime_memory")


def channel_memory(ctx):
    return in_fresh_process(ctx, "channel_memory")


parked = 0


async def idle():
    global parked
    parked += 1
    await asyncio.sleep(3600)


def child_idle_task_memory(loop_factory):
    async def main():
        tasks = [None] * IDLE_TASKS  # the handles' list is not the tasks' cost
        before = baseline(resident_bytes)
        for i in range(IDLE_TASKS):
            tasks[i] = asyncio.create_task(idle())
        await asyncio.sleep(0)  # every task runs up to its sleep
        growth = resident_bytes() - before
        if parked != IDLE_TASKS:
            raise RuntimeError(f"only {parked} of {IDLE_TASKS} tasks parked")
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return growth / IDLE_TASKS
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        return runner.run(main())


def child_runtime_memory(loop_factory):
    # Anonymous memory only: the code pages the first loop faults in (for
    # uvloop about 750 KB of its shared object, mapped 64 KiB at a time) are
    # a once-per-process cost that bench_rt's BM_RuntimeMemory keeps out of
    # its figure too. It does that with a warm-up runtime; here a warm-up
    # loop would let the measured one reuse its freed memory and show less.
    before = baseline(anon_resident_bytes)
    loop = loop_factory()
    loop.run_until_complete(empty())
    growth = anon_resident_bytes() - before
    loop.close()
    return growth


def child_channel_memory(loop_factory):
    async def main():
        queues = [None] * CHANNELS
        before = baseline(resident_bytes)
        for i in range(CHANNELS):
            queues[i] = asyncio.Queue(100)
        return (resident_bytes() - before) / CHANNELS
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        return runner.run(main())


CHILDREN = {
    "idle_task_memory": child_idle_task_memory,
    "runtime_memory": child_runtime_memory,
    "channel_memory": child_channel_memory,
}


# --- thread workloads ----------------------------------------------------

def thread_spawn_join(ctx):
    def batch(n):
        t0 = perf_ns()
        for _ in range(n):
            t = threading.Thread(target=do_nothing)
            t.start()
            t.join()
        return perf_ns() - t0
    return [ns / 1000.0 for ns in per_iteration(ctx, batch)]


def mutex_uncontended(ctx):
    # Like bench_rt, measure in a process that has started a thread.
    t = threading.Thread(target=do_nothing)
    t.start()
    t.join()

    def batch(n):
        lock = threading.Lock()
        t0 = perf_ns()
        for _ in range(n):
            with lock:
                pass
        return perf_ns() - t0
    return per_iteration(ctx, batch)


def thread_ping_pong(ctx):
    def batch(n):
        # Only one item is ever in flight per queue, so a bound would not matter.
        ping, pong = queue.Queue(), queue.Queue()

        def echo():
            for _ in range(n):
                pong.put(ping.get() + 1)

        echoer = threading.Thread(target=echo)
        echoer.start()
        x = 0
        t0 = perf_ns()
        for _ in range(n):
            ping.put(x)
            x = pong.get()
        elapsed = perf_ns() - t0
        echoer.join()
        if x != n:
            raise RuntimeError("lost a round trip")
        return elapsed
    return per_iteration(ctx, batch)


# In the order of the README's table: (name, unit, function).
WORKLOADS = [
    ("spawn_join", "ns", spawn_join),
    ("spawn_batch", "ns", spawn_batch),
    ("yield", "ns", yield_),
    ("async_mutex_uncontended", "ns", async_mutex_uncontended),
    ("channel_send_recv", "ns", channel_send_recv),
    ("task_ping_pong", "ns", task_ping_pong),
    ("sleep_1ms_p50", "us", sleep_1ms_p50),
    ("sleep_1ms_p99", "us", sleep_1ms_p99),
    ("idle_task_memory", "bytes", idle_task_memory),
    ("runtime_memory", "bytes", runtime_memory),
    ("channel_memory", "bytes", channel_memory),
    ("thread_spawn_join", "us", thread_spawn_join),
    ("mutex_uncontended", "ns", mutex_uncontended),
    ("thread_ping_pong", "ns", thread_ping_pong),
]


# --- command line --------------------------------------------------------

def positive_int(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"must be at least 1: {n}")
    return n


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="asyncio / uvloop peer: runs the bench/peers workloads, one JSON line per repetition.")
    ap.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio",
                    help="event loop for the async workloads (default: asyncio)")
    ap.add_argument("--reps", type=positive_int, default=5, metavar="N",
                    help="repetitions per workload (default: 5)")
    ap.add_argument("--filter", default="", metavar="SUBSTRING",
                    help="only workloads whose name contains SUBSTRING")
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def loop_factory_for(loop):
    if loop == "asyncio":
        return asyncio.new_event_loop
    try:
        import uvloop
    except ImportError as e:
        print(f"bench.py: --loop uvloop: cannot import uvloop ({e}); "
              f"install python3-uvloop for {sys.executable}", file=sys.stderr)
        sys.exit(3)
    return uvloop.new_event_loop


def main(argv):
    args = parse_args(argv)
    loop_factory = loop_factory_for(args.loop)
    if args.child:
        print(CHILDREN[args.child](loop_factory))
        return 0

    ctx = argparse.Namespace(loop=args.loop, loop_factory=loop_factory, reps=args.reps)
    selected = [w for w in WORKLOADS if args.filter in w[0]]
    if not selected:
        print(f"bench.py: no workload matches --filter {args.filter!r}", file=sys.stderr)
    failed = 0
    for name, unit, run in selected:
        try:
            values = run(ctx)
        except Exception:
            print(f"bench.py: {name} failed:\n{traceback.format_exc()}", file=sys.stderr)
            failed += 1
            continue
        for rep, value in enumerate(values):
            emit(name, rep, value, unit)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
