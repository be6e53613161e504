//! The tokio peer: the workloads of bench/peers/README.md on tokio 1.24 (a
//! `current_thread` runtime) and on `std::thread`/`std::sync`, plus the four
//! multi-threaded scheduler workloads of bench/rt/mt_bench.cpp (same sizes,
//! 2 workers) that bench/peers/compare pairs with ours.
//!
//! Usage: prt-peer-tokio [--reps N] [--filter SUBSTRING] [--min-time SECONDS] [--list]
//!
//!   --reps N          repetitions of each workload (default 5)
//!   --filter SUBSTR   only the workloads whose name contains SUBSTR
//!   --min-time S      how long each repetition of a timed workload runs at
//!                     least, after a warm-up (default 0.2)
//!   --list            print the selected workload names, one per line
//!
//! Output, one line per workload and repetition:
//!   {"workload": "spawn_join", "rep": 0, "value": 184.2, "unit": "ns"}
//! Timed workloads report the mean per iteration over the repetition; the
//! `BM_MT_*` ones report µs per run of the whole workload. The memory
//! workloads run each repetition in a fresh child process (this binary
//! again, with the internal flag `--child NAME`). Diagnostics go to stderr;
//! the exit status is 0 only if every selected workload ran.

use std::future::Future;
use std::hint::black_box;
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::runtime::{Builder, Runtime};

const USAGE: &str =
    "usage: prt-peer-tokio [--reps N>0] [--filter SUBSTRING] [--min-time SECONDS>0] [--list]";

const SPAWN_BATCH: usize = 1_000;
const SLEEPS: usize = 400;
const IDLE_TASKS: usize = 100_000;
const CHANNELS: usize = 10_000;
const CHANNEL_CAPACITY: usize = 100;

// The multi-threaded workloads' sizes, as in bench/rt/mt_bench.cpp.
const SPAWN_MANY: usize = 10_000;
const YIELD_TASKS: usize = 200;
const YIELDS: usize = 1_000;
const PINGS: usize = 1_000;
const CHAIN: usize = 1_000;

struct Opts {
    reps: usize,
    filter: String,
    min_time: Duration,
    list: bool,
    child: Option<String>,
}

/// One repetition's figures, one per name of the workload that made them.
type Figures = Vec<f64>;

enum Run {
    /// Measured in this process: every repetition's figures.
    Here(fn(&Opts) -> Vec<Figures>),
    /// A resident-set figure, measured in a fresh child per repetition: in
    /// one process, pages that an earlier repetition freed back to the
    /// allocator would be reused and hide the growth.
    Child(fn() -> Result<f64, String>),
}

struct Workload {
    names: &'static [&'static str],
    unit: &'static str,
    run: Run,
}

impl Workload {
    fn here(
        names: &'static [&'static str],
        unit: &'static str,
        run: fn(&Opts) -> Vec<Figures>,
    ) -> Self {
        Workload {
            names,
            unit,
            run: Run::Here(run),
        }
    }

    fn child(names: &'static [&'static str], run: fn() -> Result<f64, String>) -> Self {
        Workload {
            names,
            unit: "bytes",
            run: Run::Child(run),
        }
    }
}

fn workloads() -> Vec<Workload> {
    vec![
        Workload::here(&["spawn_join"], "ns", spawn_join),
        Workload::here(&["spawn_batch"], "ns", spawn_batch),
        Workload::here(&["yield"], "ns", yield_once),
        Workload::here(&["async_mutex_uncontended"], "ns", async_mutex_uncontended),
        Workload::here(&["channel_send_recv"], "ns", channel_send_recv),
        Workload::here(&["task_ping_pong"], "ns", task_ping_pong),
        Workload::here(&["sleep_1ms_p50", "sleep_1ms_p99"], "us", sleep_1ms),
        Workload::child(&["idle_task_memory"], idle_task_memory),
        Workload::child(&["runtime_memory"], runtime_memory),
        Workload::child(&["channel_memory"], channel_memory),
        Workload::here(&["thread_spawn_join"], "us", thread_spawn_join),
        Workload::here(&["mutex_uncontended"], "ns", mutex_uncontended),
        Workload::here(&["thread_ping_pong"], "ns", thread_ping_pong),
        Workload::here(&["BM_MT_SpawnMany"], "us", |o| multi_thread(o, spawn_many)),
        Workload::here(&["BM_MT_YieldMany"], "us", |o| multi_thread(o, yield_many)),
        Workload::here(&["BM_MT_PingPong"], "us", |o| multi_thread(o, ping_pong)),
        Workload::here(&["BM_MT_ChainedSpawn"], "us", |o| {
            multi_thread(o, chained_spawn)
        }),
    ]
}

// ----- Measuring -----

/// Times `run(n)`, which does n iterations, and returns per repetition the
/// mean nanoseconds per iteration times `scale`.
///
/// The warm-up doubles n until one call takes a twentieth of --min-time, so
/// that a call's fixed cost (a block_on, a spawned partner) is spread over
/// many iterations; each repetition then makes calls until --min-time has
/// passed.
fn timed(opts: &Opts, scale: f64, mut run: impl FnMut(u64)) -> Vec<Figures> {
    let batch_time = opts.min_time / 20;
    let mut n = 1u64;
    loop {
        let start = Instant::now();
        run(n);
        if start.elapsed() >= batch_time {
            break;
        }
        n *= 2;
    }
    (0..opts.reps)
        .map(|_| {
            let start = Instant::now();
            let mut iterations = 0u64;
            while start.elapsed() < opts.min_time {
                run(n);
                iterations += n;
            }
            vec![start.elapsed().as_nanos() as f64 / iterations as f64 * scale]
        })
        .collect()
}

/// enable_all() turns on what the crate is built with: the timer, and no
/// I/O driver, as the "net" feature is off (in both runtimes). With one,
/// every yield_now would also poll epoll, several times its cost here, so
/// these are tokio's figures at their best.
fn current_thread_runtime() -> Runtime {
    Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn multi_thread_runtime() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Runs `work` as a spawned task and waits for it. Workloads measure the
/// paths between tasks, and the block_on future is not one: waking it
/// unparks the driver rather than queueing a task.
fn on_task<F>(rt: &Runtime, work: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    rt.block_on(rt.spawn(work))
        .expect("benchmark task panicked")
}

/// The resident set in bytes, less its file-backed pages: /proc/self/statm's
/// resident page count minus its shared one. The file-backed pages are
/// mostly this binary's code, faulted in as it first runs; counted, they
/// would swamp a figure as small as a runtime's (by about 100 KB, varying
/// from run to run).
fn resident_bytes() -> Result<f64, String> {
    let statm = std::fs::read_to_string("/proc/self/statm")
        .map_err(|e| format!("/proc/self/statm: {e}"))?;
    let fields: Option<Vec<u64>> = statm
        .split_whitespace()
        .take(3)
        .map(|f| f.parse().ok())
        .collect();
    let Some(&[_, resident, file_backed]) = fields.as_deref() else {
        return Err(format!("/proc/self/statm: unexpected contents {statm:?}"));
    };
    // SAFETY: sysconf has no preconditions; it only looks a value up.
    let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    let page_size = u64::try_from(page_size).map_err(|_| "sysconf(_SC_PAGESIZE) failed")?;
    Ok((resident.saturating_sub(file_backed) * page_size) as f64)
}

/// Runs a `Run::Child` workload in a fresh copy of this binary and returns
/// the figure it prints.
fn in_child(name: &str) -> Result<f64, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let out = Command::new(exe)
        .args(["--child", name])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start the child: {e}"))?;
    if !out.status.success() {
        return Err(format!("the child failed ({})", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim()
        .parse()
        .map_err(|_| format!("the child printed {:?}, not a number", text.trim()))
}

// ----- Single-threaded runtime workloads -----

/// Spawn an empty task and await its handle, one at a time.
fn spawn_join(opts: &Opts) -> Vec<Figures> {
    let rt = current_thread_runtime();
    timed(opts, 1.0, |n| {
        on_task(&rt, async move {
            for _ in 0..n {
                tokio::spawn(async {}).await.unwrap();
            }
        })
    })
}

/// Spawn 1,000 tasks each returning an int, then await them in order; the
/// figure is per task.
fn spawn_batch(opts: &Opts) -> Vec<Figures> {
    let rt = current_thread_runtime();
    timed(opts, 1.0 / SPAWN_BATCH as f64, |n| {
        on_task(&rt, async move {
            let mut handles = Vec::with_capacity(SPAWN_BATCH);
            for _ in 0..n {
                handles.extend((0..SPAWN_BATCH as u64).map(|i| tokio::spawn(async move { i })));
                let mut sum = 0;
                for handle in handles.drain(..) {
                    sum += handle.await.unwrap();
                }
                black_box(sum);
            }
        })
    })
}

/// One yield to the scheduler and back.
fn yield_once(opts: &Opts) -> Vec<Figures> {
    let rt = current_thread_runtime();
    timed(opts, 1.0, |n| {
        on_task(&rt, async move {
            for _ in 0..n {
                tokio::task::yield_now().await;
            }
        })
    })
}

/// Lock and unlock tokio's async mutex, nobody else using it.
fn async_mutex_uncontended(opts: &Opts) -> Vec<Figures> {
    let rt = current_thread_runtime();
    timed(opts, 1.0, |n| {
        on_task(&rt, async move {
            let mutex = tokio::sync::Mutex::new(0u64);
            for _ in 0..n {
                *black_box(&mutex).lock().await += 1;
            }
        })
    })
}

/// Send one int into a bounded (64) channel and receive it, on one task.
fn channel_send_recv(opts: &Opts) -> Vec<Figures> {
    let rt = current_thread_runtime();
    timed(opts, 1.0, |n| {
        on_task(&rt, async move {
            let (tx, mut rx) = tokio::sync::mpsc::channel::<u64>(64);
            for i in 0..n {
                tx.send(i).await.unwrap();
                black_box(rx.recv().await);
            }
        })
    })
}

/// Two tasks bounce an int over two capacity-1 channels; one round trip.
fn task_ping_pong(opts: &Opts) -> Vec<Figures> {
    let rt = current_thread_runtime();
    timed(opts, 1.0, |n| {
        on_task(&rt, async move {
            let (ping_tx, mut ping_rx) = tokio::sync::mpsc::channel::<u64>(1);
            let (pong_tx, mut pong_rx) = tokio::sync::mpsc::channel::<u64>(1);
            // Ends when ping_tx is dropped, at the end of this call.
            tokio::spawn(async move {
                while let Some(v) = ping_rx.recv().await {
                    if pong_tx.send(v + 1).await.is_err() {
                        break;
                    }
                }
            });
            let mut v = 0;
            for _ in 0..n {
                ping_tx.send(v).await.unwrap();
                v = pong_rx.recv().await.unwrap();
            }
            black_box(v);
        })
    })
}

/// `sleep(1 ms)` 400 times per repetition; the median and 99th percentile
/// of the lateness (wake-up minus deadline) in µs, from the same samples.
fn sleep_1ms(opts: &Opts) -> Vec<Figures> {
    const MS: Duration = Duration::from_millis(1);
    async fn lateness_us(sleeps: usize) -> Vec<f64> {
        let mut samples = Vec::with_capacity(sleeps);
        for _ in 0..sleeps {
            // Taken before sleep() takes its own, so never after tokio's deadline.
            let deadline = Instant::now() + MS;
            tokio::time::sleep(MS).await;
            samples.push(
                Instant::now()
                    .saturating_duration_since(deadline)
                    .as_secs_f64()
                    * 1e6,
            );
        }
        samples
    }
    let rt = current_thread_runtime();
    on_task(&rt, lateness_us(20)); // warm-up
    (0..opts.reps)
        .map(|_| {
            let mut samples = on_task(&rt, lateness_us(SLEEPS));
            samples.sort_by(f64::total_cmp);
            vec![percentile(&samples, 50.0), percentile(&samples, 99.0)]
        })
        .collect()
}

/// The nearest-rank percentile of sorted, non-empty samples.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

// ----- Memory workloads (each run in a child, see Run::Child) -----

/// 100,000 tasks parked on a sleep an hour away; resident-set growth per
/// task, with the runtime already created and running before the baseline.
fn idle_task_memory() -> Result<f64, String> {
    // A static rather than a shared counter, so the tasks carry no pointer
    // that a real idle task would not.
    static PARKED: AtomicUsize = AtomicUsize::new(0);
    let rt = current_thread_runtime();
    rt.block_on(async {
        resident_bytes()?; // brings the reading's own code and buffers in
        let before = resident_bytes()?;
        for _ in 0..IDLE_TASKS {
            tokio::spawn(async {
                PARKED.fetch_add(1, Relaxed);
                tokio::time::sleep(Duration::from_secs(3600)).await;
            });
        }
        // A task's timer is registered on its first poll, and one yield
        // lets only some of the queue run.
        while PARKED.load(Relaxed) < IDLE_TASKS {
            tokio::task::yield_now().await;
        }
        Ok((resident_bytes()? - before) / IDLE_TASKS as f64)
    })
}

/// Resident-set growth of creating a runtime and running an empty future
/// on it, read while the runtime is still alive (as a program keeps it).
fn runtime_memory() -> Result<f64, String> {
    resident_bytes()?; // brings the reading's own code and buffers in
    let before = resident_bytes()?;
    let rt = current_thread_runtime();
    rt.block_on(async {});
    let growth = resident_bytes()? - before;
    drop(rt);
    Ok(growth)
}

/// 10,000 bounded channels of capacity 100 (u64 items) alive at once;
/// resident-set growth per channel.
fn channel_memory() -> Result<f64, String> {
    type Pair = (
        tokio::sync::mpsc::Sender<u64>,
        tokio::sync::mpsc::Receiver<u64>,
    );
    // Made and touched before the baseline, so that the 160 KB holding the
    // handles are not counted against the channels.
    let mut channels: Vec<Option<Pair>> = (0..CHANNELS).map(|_| None).collect();
    resident_bytes()?; // brings the reading's own code and buffers in
    let before = resident_bytes()?;
    for slot in &mut channels {
        *slot = Some(tokio::sync::mpsc::channel(CHANNEL_CAPACITY));
    }
    let growth = resident_bytes()? - before;
    black_box(&channels);
    Ok(growth / CHANNELS as f64)
}

// ----- OS thread workloads -----

/// Start an OS thread that does nothing and join it; in µs.
fn thread_spawn_join(opts: &Opts) -> Vec<Figures> {
    timed(opts, 1e-3, |n| {
        for _ in 0..n {
            std::thread::spawn(|| {}).join().unwrap();
        }
    })
}

/// Lock and unlock a std mutex, uncontended.
fn mutex_uncontended(opts: &Opts) -> Vec<Figures> {
    let mutex = Mutex::new(0u64);
    timed(opts, 1.0, |n| {
        for _ in 0..n {
            *black_box(&mutex).lock().unwrap() += 1;
        }
    })
}

/// Two OS threads bounce an int over two std channels; one round trip.
fn thread_ping_pong(opts: &Opts) -> Vec<Figures> {
    let (ping_tx, ping_rx) = mpsc::channel::<u64>();
    let (pong_tx, pong_rx) = mpsc::channel::<u64>();
    let echo = std::thread::spawn(move || {
        for v in ping_rx {
            if pong_tx.send(v + 1).is_err() {
                break;
            }
        }
    });
    let figures = timed(opts, 1.0, |n| {
        let mut v = 0;
        for _ in 0..n {
            ping_tx.send(v).unwrap();
            v = pong_rx.recv().unwrap();
        }
        black_box(v);
    });
    drop(ping_tx); // ends the echo thread
    echo.join().unwrap();
    figures
}

// ----- Multi-threaded runtime workloads (bench/rt/mt_bench.cpp) -----

/// One run of a multi-threaded workload; it returns once the work is done,
/// which the last task signals on the channel.
type MtWorkload = fn(&Runtime, &mpsc::SyncSender<()>, &mpsc::Receiver<()>);

/// µs per run of `work` on a 2-worker runtime.
fn multi_thread(opts: &Opts, work: MtWorkload) -> Vec<Figures> {
    let rt = multi_thread_runtime();
    let (tx, rx) = mpsc::sync_channel::<()>(1000);
    timed(opts, 1e-3, |n| {
        for _ in 0..n {
            work(&rt, &tx, &rx);
        }
    })
}

/// 10,000 tasks spawned from one task; the last to finish signals.
fn spawn_many(rt: &Runtime, tx: &mpsc::SyncSender<()>, rx: &mpsc::Receiver<()>) {
    let rem = Arc::new(AtomicUsize::new(SPAWN_MANY));
    let tx = tx.clone();
    rt.block_on(async move {
        tokio::spawn(async move {
            for _ in 0..SPAWN_MANY {
                let tx = tx.clone();
                let rem = rem.clone();
                tokio::spawn(async move {
                    if rem.fetch_sub(1, Relaxed) == 1 {
                        tx.send(()).unwrap();
                    }
                });
            }
        })
        .await
        .unwrap();
    });
    rx.recv().unwrap();
}

/// 200 tasks spawned from outside the runtime, each yielding 1,000 times.
fn yield_many(rt: &Runtime, tx: &mpsc::SyncSender<()>, rx: &mpsc::Receiver<()>) {
    for _ in 0..YIELD_TASKS {
        let tx = tx.clone();
        rt.spawn(async move {
            for _ in 0..YIELDS {
                tokio::task::yield_now().await;
            }
            tx.send(()).unwrap();
        });
    }
    for _ in 0..YIELD_TASKS {
        rx.recv().unwrap();
    }
}

/// 1,000 pings: each spawns a pong, and the two exchange a oneshot each way.
fn ping_pong(rt: &Runtime, tx: &mpsc::SyncSender<()>, rx: &mpsc::Receiver<()>) {
    let rem = Arc::new(AtomicUsize::new(PINGS));
    let tx = tx.clone();
    rt.block_on(async move {
        tokio::spawn(async move {
            for _ in 0..PINGS {
                let tx = tx.clone();
                let rem = rem.clone();
                tokio::spawn(async move {
                    let (tx1, rx1) = tokio::sync::oneshot::channel::<()>();
                    let (tx2, rx2) = tokio::sync::oneshot::channel::<()>();
                    tokio::spawn(async move {
                        rx1.await.unwrap();
                        tx2.send(()).unwrap();
                    });
                    tx1.send(()).unwrap();
                    rx2.await.unwrap();
                    if rem.fetch_sub(1, Relaxed) == 1 {
                        tx.send(()).unwrap();
                    }
                });
            }
        })
        .await
        .unwrap();
    });
    rx.recv().unwrap();
}

fn chain(tx: mpsc::SyncSender<()>, n: usize) {
    if n == 0 {
        tx.send(()).unwrap();
    } else {
        tokio::spawn(async move { chain(tx, n - 1) });
    }
}

/// A chain of 1,000 tasks, each spawning the next; the last signals.
fn chained_spawn(rt: &Runtime, tx: &mpsc::SyncSender<()>, rx: &mpsc::Receiver<()>) {
    let tx = tx.clone();
    rt.block_on(async move {
        tokio::spawn(async move { chain(tx, CHAIN) }).await.unwrap();
    });
    rx.recv().unwrap();
}

// ----- Driver -----

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Opts, String> {
    let mut opts = Opts {
        reps: 5,
        filter: String::new(),
        min_time: Duration::from_millis(200),
        list: false,
        child: None,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--reps" => {
                let v = value()?;
                opts.reps = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--reps {v}: not a positive integer"))?;
            }
            "--filter" => opts.filter = value()?,
            "--min-time" => {
                let v = value()?;
                opts.min_time = v
                    .parse::<f64>()
                    .ok()
                    .filter(|&s| s > 0.0)
                    .and_then(|s| Duration::try_from_secs_f64(s).ok())
                    .ok_or_else(|| format!("--min-time {v}: not a positive number of seconds"))?;
            }
            "--list" => opts.list = true,
            "--child" => opts.child = Some(value()?),
            _ => return Err(format!("unknown argument '{flag}'")),
        }
    }
    Ok(opts)
}

/// The child side of `in_child`: measures one workload, prints its figure.
fn run_child(workloads: &[Workload], name: &str) -> ExitCode {
    let measure = workloads.iter().find_map(|w| match w.run {
        Run::Child(measure) if w.names == [name] => Some(measure),
        _ => None,
    });
    let Some(measure) = measure else {
        eprintln!("prt-peer-tokio: no memory workload named '{name}'");
        return ExitCode::from(2);
    };
    match measure() {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prt-peer-tokio: {name}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let opts = match parse_args(args.into_iter()) {
        Ok(opts) => opts,
        Err(e) => {
            eprintln!("prt-peer-tokio: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let workloads = workloads();
    if let Some(name) = &opts.child {
        return run_child(&workloads, name);
    }

    let selected = |name: &str| name.contains(opts.filter.as_str());
    if opts.list {
        for name in workloads
            .iter()
            .flat_map(|w| w.names)
            .filter(|name| selected(name))
        {
            println!("{name}");
        }
        return ExitCode::SUCCESS;
    }
    let chosen: Vec<&Workload> = workloads
        .iter()
        .filter(|w| w.names.iter().any(|name| selected(name)))
        .collect();
    if chosen.is_empty() {
        // Not an error: a peer leaves out what it cannot express.
        eprintln!("prt-peer-tokio: no workload matches '{}'", opts.filter);
    }
    let mut all_ran = true;
    for w in chosen {
        let figures = match w.run {
            Run::Here(run) => Ok(run(&opts)),
            Run::Child(_) => (0..opts.reps)
                .map(|_| in_child(w.names[0]).map(|v| vec![v]))
                .collect(),
        };
        match figures {
            Ok(reps) => {
                for (rep, figures) in reps.iter().enumerate() {
                    for (name, value) in w
                        .names
                        .iter()
                        .zip(figures)
                        .filter(|(name, _)| selected(name))
                    {
                        println!(
                            r#"{{"workload": "{name}", "rep": {rep}, "value": {value:.3}, "unit": "{}"}}"#,
                            w.unit
                        );
                    }
                }
            }
            Err(e) => {
                eprintln!("prt-peer-tokio: {}: {e}", w.names.join(", "));
                all_ran = false;
            }
        }
    }
    if !all_ran {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
