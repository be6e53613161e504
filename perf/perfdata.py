"""The perf history's data model: the metrics (perf/targets.toml), the result
files (perf/results/), and how a figure is judged against its target.

perf/run writes results, perf/check compares the last two, and
perf/dashboard/render draws them; all three go through this module so they
agree on what a metric is and what its status means.

Result files come in two shapes, both read by load_result():

  portalis-perf/1  what perf/run writes: {"schema", "context", "metrics",
                   "peers"}; each figure is {"median", "spread", "n", "unit"}
                   where spread is the relative standard deviation over the
                   repetitions (0.02: 2 %).
  bench JSON       a Google Benchmark (or bench-lite) report with a
                   "context.target", as perf/record (make bench-record)
                   writes; its figures are extracted through each metric's
                   `source`, so older history stays on the charts.
"""
import hashlib
import json
import math
import os
import platform
import re
import statistics
import subprocess
import tomllib
from dataclasses import dataclass, field

SCHEMA = "portalis-perf/1"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = os.path.join(ROOT, "perf", "targets.toml")
RESULTS = os.path.join(ROOT, "perf", "results")
PLATFORMS = ("native", "wasi", "browser")
UNITS = ("ns", "us", "ms", "s", "bytes", "tasks", "x")
TIME_SCALE = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}

# Status values, best first (the dashboard colours them; perf/check fails on
# a regression of any metric whose status is not TRACKED).
GOAL_MET, TARGET_MET, MISSED, TRACKED, NOT_MEASURED = "goal met", "target met", "missed", "tracked", "not measured"


class TargetsError(ValueError):
    """perf/targets.toml is malformed; the message names the metric and field."""


@dataclass
class Metric:
    id: str
    platform: str
    title: str
    what: str
    unit: str
    direction: str                      # "lower" or "higher"
    source: dict
    seed: float | None = None
    seed_note: str = ""
    goal: float | None = None
    unmeasured: str = ""                # why it cannot be measured on this platform
    baseline: bool = False              # not our code: measures the machine (perf/check)
    peers: dict = field(default_factory=dict)   # peer name -> its workload
    peer_scale: float = 1.0
    ratio_peer: str | None = None
    ratio_goal: float | None = None
    ratio_floor: float | None = None

    @property
    def key(self):
        return f"{self.platform}/{self.id}"

    @property
    def judged(self):
        """True when the metric has something to be judged against."""
        return self.seed is not None or self.goal is not None or self.ratio_goal is not None

    def better(self, a, b):
        """True when figure a is better than figure b."""
        return a < b if self.direction == "lower" else a > b

    def meets(self, value, bound):
        return value <= bound if self.direction == "lower" else value >= bound


@dataclass
class Stat:
    median: float
    spread: float = 0.0    # relative standard deviation over repetitions
    n: int = 1
    unit: str = ""

    def to_json(self):
        return {"median": self.median, "spread": round(self.spread, 5), "n": self.n, "unit": self.unit}


def stat_of(samples, unit):
    """The median and relative spread of a list of repetitions' figures."""
    med = statistics.median(samples)
    sd = statistics.stdev(samples) if len(samples) > 1 else 0.0
    return Stat(med, sd / abs(med) if med else 0.0, len(samples), unit)


def _need(table, name, kinds, where):
    if name not in table:
        raise TargetsError(f"{where}: missing '{name}'")
    if not isinstance(table[name], kinds):
        raise TargetsError(f"{where}: '{name}' has the wrong type")
    return table[name]


def _number(table, name, where):
    v = table.get(name)
    if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
        raise TargetsError(f"{where}: '{name}' must be a number")
    return v


def _check_source(src, where):
    if "py" in src:
        return
    _need(src, "bench", str, where)
    _need(src, "field", str, where)
    _number(src, "scale", where)


def load_targets(path=TARGETS):
    """Every (metric, platform) pair in the targets file, in file order."""
    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except OSError as e:
        raise TargetsError(f"{path}: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise TargetsError(f"{path}: {e}") from None
    out, seen = [], set()
    for i, m in enumerate(doc.get("metric", [])):
        where = f"{os.path.basename(path)}: metric #{i + 1}"
        mid = _need(m, "id", str, where)
        where = f"{os.path.basename(path)}: metric '{mid}'"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", mid):
            raise TargetsError(f"{where}: ids are lower_snake_case")
        unit = _need(m, "unit", str, where)
        if unit not in UNITS:
            raise TargetsError(f"{where}: unit '{unit}' is not one of {', '.join(UNITS)}")
        direction = _need(m, "direction", str, where)
        if direction not in ("lower", "higher"):
            raise TargetsError(f"{where}: direction must be 'lower' or 'higher'")
        source = _need(m, "source", dict, where)
        _check_source(source, where)
        peers = m.get("peers", {})
        if not isinstance(peers, dict) or not all(isinstance(v, str) for v in peers.values()):
            raise TargetsError(f"{where}: peers maps a peer's name to its workload's name")
        ratio_peer = m.get("ratio_peer")
        if ratio_peer is not None and ratio_peer not in peers:
            raise TargetsError(f"{where}: ratio_peer '{ratio_peer}' is not among its peers")
        platforms = _need(m, "platforms", dict, where)
        if not platforms:
            raise TargetsError(f"{where}: no platforms")
        for plat, p in platforms.items():
            pwhere = f"{where}, platform '{plat}'"
            if plat not in PLATFORMS:
                raise TargetsError(f"{pwhere}: not one of {', '.join(PLATFORMS)}")
            psource = p.get("source", source)
            _check_source(psource, pwhere)
            metric = Metric(
                id=mid, platform=plat, title=_need(m, "title", str, where), what=m.get("what", ""),
                unit=unit, direction=direction, source=psource,
                seed=_number(p, "seed", pwhere), seed_note=p.get("seed_note", ""),
                goal=_number(p, "goal", pwhere), unmeasured=p.get("unmeasured", ""), peers=peers,
                baseline=bool(m.get("baseline", False)),
                peer_scale=_number(m, "peer_scale", where) or 1.0, ratio_peer=ratio_peer,
                ratio_goal=_number(m, "ratio_goal", where), ratio_floor=_number(m, "ratio_floor", where))
            if metric.key in seen:
                raise TargetsError(f"{pwhere}: listed twice")
            seen.add(metric.key)
            out.append(metric)
    if not out:
        raise TargetsError(f"{path}: no [[metric]] entries")
    return out


def git(*args):
    """The output of a git command in the repository, or "" if it fails."""
    try:
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine():
    """This machine's description, as every result file records it."""
    m = {"arch": platform.machine(), "os": f"{platform.system()} {platform.release()}", "cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            model = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.M)
        if model:
            m["cpu_model"] = model.group(1).strip()
        with open("/proc/meminfo") as f:
            kb = re.search(r"^MemTotal:\s*(\d+) kB", f.read(), re.M)
        if kb:
            m["memory_bytes"] = int(kb.group(1)) * 1024
    except OSError:
        pass
    return m


def machine_id(machine):
    """A short stable name for a machine description: results are compared
    only with results from the same kind of machine."""
    # Memory in whole GiB: MemTotal moves by a few hundred KiB between boots
    # of one machine, as the kernel's own reservations change.
    gib = round(machine.get("memory_bytes", 0) / (1 << 30))
    key = "|".join(str(v) for v in (machine.get("arch", ""), machine.get("cpu_model", ""), machine.get("cpus", ""), gib))
    return hashlib.sha1(key.encode()).hexdigest()[:10]


# --- Extracting figures from a benchmark report ------------------------------

def _matches(run_name, bench):
    return run_name == bench or run_name.startswith(bench + "/")


def _field_value(entry, source, unit):
    """One benchmark entry's figure for `source`, in `unit`; None if absent."""
    fld = source["field"]
    if fld == "real_time":
        if "real_time" not in entry:
            return None
        value = entry["real_time"] * TIME_SCALE[entry.get("time_unit", "ns")] / TIME_SCALE[unit]
    elif fld == "per_item":
        ips = entry.get("items_per_second")
        if not ips:
            return None
        value = 1.0 / ips / TIME_SCALE[unit]
    else:
        if fld not in entry:
            return None
        value = entry[fld]
    return value * source.get("scale", 1.0)


def extract_bench(benchmarks, source, unit):
    """Our figure for a bench_rt source from a report's "benchmarks" list:
    the median and standard deviation aggregates when the report has them,
    else the statistics of the plain runs. None when the benchmark is not in
    the report or failed. Raises ValueError if the name is ambiguous."""
    bench = source["bench"]
    entries = [b for b in benchmarks if _matches(b.get("run_name", b.get("name", "")), bench)]
    if not entries:
        return None
    names = {b.get("run_name", b.get("name")) for b in entries}
    if len(names) > 1:
        raise ValueError(f"source '{bench}' matches {len(names)} benchmarks: {', '.join(sorted(names))}")
    if any(b.get("error_occurred") for b in entries):
        return None
    aggregates = {b.get("aggregate_name"): b for b in entries if b.get("run_type") == "aggregate"}
    if "median" in aggregates:
        med = _field_value(aggregates["median"], source, unit)
        if med is None:
            return None
        n = aggregates["median"].get("repetitions", 1)
        sd_entry = aggregates.get("stddev")
        spread = 0.0
        if sd_entry is not None and med:
            # A standard deviation scales like the figure, but per_item is a
            # reciprocal: its relative spread is the throughput's.
            if source["field"] == "per_item":
                spread = sd_entry.get("items_per_second", 0.0) / aggregates["median"]["items_per_second"]
            else:
                sd = _field_value(sd_entry, dict(source, field=source["field"]), unit)
                spread = abs(sd) / abs(med) if sd is not None else 0.0
        return Stat(med, spread, n, unit)
    values = [v for v in (_field_value(b, source, unit) for b in entries if b.get("run_type") != "aggregate")
              if v is not None]
    return stat_of(values, unit) if values else None


# --- Result files --------------------------------------------------------------

@dataclass
class PeerRun:
    status: str                 # "ok", "missing" or "failed"
    reason: str = ""
    version: str = ""
    values: dict = field(default_factory=dict)   # metric key -> Stat


@dataclass
class Result:
    path: str
    target: str
    commit: str
    recorded_at: str
    machine: dict
    values: dict                # metric key -> Stat
    peers: dict                 # peer name -> PeerRun
    context: dict

    @property
    def machine_id(self):
        return machine_id(self.machine)

    @property
    def label(self):
        return f"{self.commit[:8]} {self.recorded_at[:10]}"


def _stat_json(d):
    return Stat(float(d["median"]), float(d.get("spread", 0.0)), int(d.get("n", 1)), d.get("unit", ""))


def load_result(path, metrics):
    """Reads one result file of either shape; raises ValueError with the
    file's name if it is neither."""
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(f"{path}: {e}") from None
    ctx = doc.get("context", {})
    target = ctx.get("target")
    if target not in PLATFORMS:
        raise ValueError(f"{path}: no context.target (native, wasi or browser)")
    common = dict(path=path, target=target, commit=ctx.get("commit", "unknown"),
                  recorded_at=ctx.get("recorded_at", ctx.get("date", "")), machine=ctx.get("machine", {}),
                  context=ctx)
    if doc.get("schema") == SCHEMA:
        values = {k: _stat_json(v) for k, v in doc.get("metrics", {}).items()}
        peers = {name: PeerRun(p.get("status", "failed"), p.get("reason", ""), p.get("version", ""),
                               {k: _stat_json(v) for k, v in p.get("metrics", {}).items()})
                 for name, p in doc.get("peers", {}).items()}
        return Result(values=values, peers=peers, **common)
    if "benchmarks" not in doc:
        raise ValueError(f"{path}: neither a {SCHEMA} result nor a benchmark report")
    values = {}
    for m in metrics:
        if m.platform == target and "bench" in m.source:
            try:
                s = extract_bench(doc["benchmarks"], m.source, m.unit)
            except ValueError as e:
                raise ValueError(f"{path}: {m.key}: {e}") from None
            if s is not None:
                values[m.key] = s
    return Result(values=values, peers={}, **common)


def result_files(results_dir=RESULTS):
    try:
        names = os.listdir(results_dir)
    except FileNotFoundError:
        return []
    return sorted(os.path.join(results_dir, n) for n in names if n.endswith(".json") and not n.startswith("."))


def load_history(metrics, results_dir=RESULTS):
    """Every result, oldest first (by the time it was recorded)."""
    out = [load_result(p, metrics) for p in result_files(results_dir)]
    out.sort(key=lambda r: (r.recorded_at, r.path))
    return out


# --- Judging a figure ------------------------------------------------------------

def ratio(metric, ours, peers):
    """The ratio peer / ours (above 1: we are faster) for a metric judged
    against a peer, or None."""
    if metric.ratio_peer is None or ours is None:
        return None
    run = peers.get(metric.ratio_peer)
    theirs = run.values.get(metric.key) if run and run.status == "ok" else None
    if theirs is None or not ours.median:
        return None
    r = theirs.median / ours.median
    return r if metric.direction == "lower" else 1.0 / r


def status(metric, ours, peers=None):
    """(status, why) for our figure (a Stat or None) of a metric."""
    if ours is None:
        return NOT_MEASURED, metric.unmeasured or "no figure yet"
    if metric.ratio_goal is not None:
        r = ratio(metric, ours, peers or {})
        if r is None:
            return NOT_MEASURED, f"no {metric.ratio_peer} figure to compare with"
        if r >= metric.ratio_goal:
            return GOAL_MET, f"{r:.2f}x {metric.ratio_peer}, goal {metric.ratio_goal:g}x"
        if metric.ratio_floor is not None and r >= metric.ratio_floor:
            return TARGET_MET, f"{r:.2f}x {metric.ratio_peer}: above the {metric.ratio_floor:g}x floor, goal {metric.ratio_goal:g}x"
        return MISSED, f"{r:.2f}x {metric.ratio_peer}, goal {metric.ratio_goal:g}x"
    v = ours.median
    if metric.goal is not None and metric.meets(v, metric.goal):
        return GOAL_MET, f"goal {fmt(metric.goal, metric.unit)}"
    if metric.seed is not None and metric.meets(v, metric.seed):
        why = f"seed target {fmt(metric.seed, metric.unit)}"
        return TARGET_MET, why + (f"; goal {fmt(metric.goal, metric.unit)}" if metric.goal is not None else "")
    if metric.seed is not None or metric.goal is not None:
        bound = metric.seed if metric.seed is not None else metric.goal
        return MISSED, f"{'seed target' if metric.seed is not None else 'goal'} {fmt(bound, metric.unit)}"
    return TRACKED, "no target set"


def fmt(value, unit):
    """A figure with its unit, at a precision that suits its size."""
    if value is None:
        return "-"
    if unit == "bytes":
        for scale, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
            if abs(value) >= scale:
                return f"{value / scale:.3g} {name}"
        return f"{value:.4g} B"
    if unit == "tasks":
        return f"{value:,.0f}"
    if unit in TIME_SCALE:
        # step up the unit when the figure is large: 4300 us reads as 4.3 ms
        names = ["ns", "us", "ms", "s"]
        i = names.index(unit)
        while i + 1 < len(names) and abs(value) >= 1000:
            value /= 1000
            i += 1
        text = f"{value:.3g}" if abs(value) >= 1 or value == 0 else f"{value:.2g}"
        return f"{text} {names[i].replace('us', 'µs')}"
    return f"{value:.3g}{unit}"


def finite(x):
    return x is not None and math.isfinite(x)
