//! tokio on the workloads of bench/rt/mt_bench.cpp, same sizes, 2 workers.
//!
//! Usage: prt-peer-tokio [--filter SUBSTRING] [--reps N] [--min-time SECONDS]
//!
//! Each repetition runs a workload for at least --min-time and reports the
//! mean wall time per iteration. Output, one line per repetition:
//!   {"name": "BM_MT_SpawnMany", "rep": 0, "iterations": 120, "us_per_iter": 812.5}
//! (the names are the C++ benchmarks' so bench/peers/compare can pair them).

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;

const SPAWN_MANY: usize = 10_000;
const YIELD_TASKS: usize = 200;
const YIELDS: usize = 1_000;
const PINGS: usize = 1_000;
const CHAIN: usize = 1_000;

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
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

type Workload = fn(&Runtime, &mpsc::SyncSender<()>, &mpsc::Receiver<()>);

fn main() {
    let mut filter = String::new();
    let mut reps = 5usize;
    let mut min_time = 0.5f64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next();
        let parsed = match (a.as_str(), value.as_deref()) {
            ("--filter", Some(v)) => {
                filter = v.to_string();
                true
            }
            ("--reps", Some(v)) => v.parse().map(|n| reps = n).is_ok() && reps > 0,
            ("--min-time", Some(v)) => v.parse().map(|t| min_time = t).is_ok() && min_time > 0.0,
            _ => false,
        };
        if !parsed {
            eprintln!("usage: prt-peer-tokio [--filter SUBSTRING] [--reps N>0] [--min-time SECONDS>0]");
            std::process::exit(2);
        }
    }
    let workloads: [(&str, Workload); 4] = [
        ("BM_MT_SpawnMany", spawn_many),
        ("BM_MT_YieldMany", yield_many),
        ("BM_MT_PingPong", ping_pong),
        ("BM_MT_ChainedSpawn", chained_spawn),
    ];
    let min_time = Duration::from_secs_f64(min_time);
    for (name, work) in workloads.iter() {
        if !name.contains(filter.as_str()) {
            continue;
        }
        let rt = runtime();
        let (tx, rx) = mpsc::sync_channel::<()>(1000);
        for _ in 0..3 {
            work(&rt, &tx, &rx); // warm-up
        }
        for rep in 0..reps {
            let start = Instant::now();
            let mut iterations = 0u64;
            while start.elapsed() < min_time {
                work(&rt, &tx, &rx);
                iterations += 1;
            }
            let us = start.elapsed().as_secs_f64() * 1e6 / iterations as f64;
            println!(
                "{{\"name\": \"{}\", \"rep\": {}, \"iterations\": {}, \"us_per_iter\": {:.3}}}",
                name, rep, iterations, us
            );
        }
    }
}
