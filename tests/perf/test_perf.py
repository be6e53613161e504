"""Tests of the perf tooling: the targets file, figure extraction, status,
perf/check's verdicts and exit codes, perf/run's peer parsing, and the
dashboard's content. Run: python3 -m unittest discover tests/perf"""
import importlib.machinery
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "perf"))
import perfdata  # noqa: E402


def load_script(rel):
    """Imports one of perf/'s extension-less scripts as a module."""
    path = os.path.join(ROOT, rel)
    loader = importlib.machinery.SourceFileLoader(rel.replace("/", "_"), path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


perf_run = load_script("perf/run")
perf_check = load_script("perf/check")
render = load_script("perf/dashboard/render")

MACHINE = {"arch": "x86_64", "cpu_model": "Test CPU", "cpus": 2, "memory_bytes": 1 << 34}

SMALL_TARGETS = """
[[metric]]
id = "spawn"
title = "Spawn"
unit = "ns"
direction = "lower"
source = { bench = "BM_Spawn", field = "real_time" }
peers = { tokio = "spawn_join" }
platforms.native = { seed = 100, goal = 50 }
platforms.wasi = { unmeasured = "no threads here" }

[[metric]]
id = "tracked_only"
title = "Tracked"
unit = "ns"
direction = "lower"
source = { bench = "BM_Tracked", field = "real_time" }
platforms.native = {}

[[metric]]
id = "base"
title = "std baseline"
unit = "ns"
direction = "lower"
baseline = true
source = { bench = "BM_Std", field = "real_time" }
platforms.native = {}

[[metric]]
id = "py_w"
title = "Python w"
unit = "s"
direction = "lower"
source = { py = "w" }
peers = { cpython = "w" }
ratio_peer = "cpython"
ratio_goal = 20
ratio_floor = 5
platforms.native = {}
"""


def real_targets():
    with open(perfdata.TARGETS) as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def result_doc(target, when, values, peers=None, machine=MACHINE, commit="abc123"):
    return {"schema": perfdata.SCHEMA,
            "context": {"target": target, "commit": commit, "recorded_at": when, "machine": machine},
            "metrics": {k: {"median": m, "spread": s, "n": 5, "unit": "ns"} for k, (m, s) in values.items()},
            "peers": {name: {"status": "ok", "metrics": {k: {"median": m, "spread": s, "n": 5}
                                                           for k, (m, s) in vals.items()}}
                      for name, vals in (peers or {}).items()}}


class TargetsFile(unittest.TestCase):
    """The real perf/targets.toml: well-formed, and every name in it exists."""

    @classmethod
    def setUpClass(cls):
        cls.metrics = perfdata.load_targets()

    def test_every_seed_table_figure_is_tracked(self):
        ids = {m.id for m in self.metrics}
        # 000's chart and memory table, 004's threading matrix (the list)
        for want in ("task_spawn", "sleep_1ms_p50", "mutex_uncontended", "channel_send", "task_join",
                     "task_memory", "runtime_memory", "channel_memory", "max_tasks", "thread_creation",
                     "context_switch", "message_latency"):
            self.assertIn(want, ids)
        self.assertEqual({m.platform for m in self.metrics}, set(perfdata.PLATFORMS))

    def test_bench_sources_name_real_benchmarks(self):
        registered = set()
        bench_dir = os.path.join(ROOT, "bench", "rt")
        for name in os.listdir(bench_dir):
            if name.endswith(".cpp"):
                with open(os.path.join(bench_dir, name)) as f:
                    registered |= set(re.findall(r"BENCHMARK\((BM_\w+)\)", f.read()))
        for m in self.metrics:
            if "bench" in m.source:
                self.assertIn(m.source["bench"].split("/")[0], registered, m.key)

    def test_py_sources_and_peer_workloads_exist(self):
        with open(os.path.join(ROOT, "bench", "py", "run")) as f:
            sizes = f.read()
        with open(os.path.join(ROOT, "bench", "peers", "README.md")) as f:
            protocol = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)?", f.read(), re.M))
        workloads = {w for pair in protocol for w in pair if w}
        runs = {n for _, _, names in perf_run.PEER_RUNS for n in names}
        for m in self.metrics:
            if "py" in m.source:
                self.assertIn(f'"{m.source["py"]}":', sizes, m.key)
            for peer, workload in m.peers.items():
                self.assertIn(peer, runs, m.key)
                if peer == "cpython" and "py" in m.source:
                    continue
                if workload.startswith("BM_MT_"):  # the tokio peer's scheduler workloads
                    continue
                self.assertIn(workload, workloads, m.key)


class TargetsErrors(unittest.TestCase):
    def load(self, text):
        with tempfile.TemporaryDirectory() as d:
            return perfdata.load_targets(write(os.path.join(d, "t.toml"), text))

    def test_errors_name_the_metric_and_the_field(self):
        cases = [
            (SMALL_TARGETS.replace('unit = "ns"', 'unit = "furlongs"', 1), "'spawn': unit 'furlongs'"),
            (SMALL_TARGETS.replace('direction = "lower"', 'direction = "down"', 1), "'spawn': direction"),
            (SMALL_TARGETS.replace("seed = 100", 'seed = "fast"'), "'seed' must be a number"),
            (SMALL_TARGETS.replace("platforms.wasi =", "platforms.mars ="), "platform 'mars'"),
            (SMALL_TARGETS.replace('ratio_peer = "cpython"', 'ratio_peer = "pypy"'), "ratio_peer 'pypy'"),
            (SMALL_TARGETS.replace(', field = "real_time" }', " }", 1), "missing 'field'"),
            (SMALL_TARGETS + SMALL_TARGETS, "listed twice"),
            ("[[metric]\n", "t.toml"),
            ("", "no [[metric]]"),
        ]
        for text, want in cases:
            with self.assertRaises(perfdata.TargetsError) as cm:
                self.load(text)
            self.assertIn(want, str(cm.exception))

    def test_platform_overrides_source(self):
        text = SMALL_TARGETS.replace('platforms.wasi = { unmeasured = "no threads here" }',
                                     'platforms.wasi = { source = { bench = "BM_Other", field = "real_time" } }')
        ms = {m.key: m for m in self.load(text)}
        self.assertEqual(ms["native/spawn"].source["bench"], "BM_Spawn")
        self.assertEqual(ms["wasi/spawn"].source["bench"], "BM_Other")


def agg(run_name, kind, **fields):
    return dict(name=f"{run_name}_{kind}", run_name=run_name, run_type="aggregate", aggregate_name=kind,
                repetitions=5, time_unit=fields.pop("time_unit", "ns"), **fields)


class Extract(unittest.TestCase):
    def test_median_and_relative_spread_from_aggregates(self):
        b = [agg("BM_X", "mean", real_time=11.0), agg("BM_X", "median", real_time=10.0),
             agg("BM_X", "stddev", real_time=0.5)]
        s = perfdata.extract_bench(b, {"bench": "BM_X", "field": "real_time"}, "ns")
        self.assertEqual((s.median, s.n), (10.0, 5))
        self.assertAlmostEqual(s.spread, 0.05)

    def test_time_units_convert_and_scale_applies(self):
        b = [agg("BM_X/real_time", "median", real_time=2.0, time_unit="us"),
             agg("BM_X/real_time", "stddev", real_time=0.2, time_unit="us")]
        s = perfdata.extract_bench(b, {"bench": "BM_X", "field": "real_time", "scale": 0.5}, "ns")
        self.assertAlmostEqual(s.median, 1000.0)
        self.assertAlmostEqual(s.spread, 0.1)

    def test_per_item_and_counters(self):
        b = [agg("BM_B/1000", "median", real_time=5e4, items_per_second=2e7, bytes_per_task=96.0),
             agg("BM_B/1000", "stddev", real_time=1e3, items_per_second=1e6, bytes_per_task=1.0)]
        per_item = perfdata.extract_bench(b, {"bench": "BM_B/1000", "field": "per_item"}, "ns")
        self.assertAlmostEqual(per_item.median, 50.0)
        self.assertAlmostEqual(per_item.spread, 0.05)
        counter = perfdata.extract_bench(b, {"bench": "BM_B", "field": "bytes_per_task"}, "bytes")
        self.assertEqual(counter.median, 96.0)

    def test_plain_runs_without_aggregates(self):
        b = [{"name": "BM_X", "run_name": "BM_X", "run_type": "iteration", "real_time": v, "time_unit": "ns"}
             for v in (10.0, 12.0, 11.0)]
        s = perfdata.extract_bench(b, {"bench": "BM_X", "field": "real_time"}, "ns")
        self.assertEqual((s.median, s.n), (11.0, 3))

    def test_prefix_match_stops_at_a_slash(self):
        b = [agg("BM_SpawnJoin", "median", real_time=40.0), agg("BM_SpawnJoinBatch/1000", "median", real_time=9.0)]
        s = perfdata.extract_bench(b, {"bench": "BM_SpawnJoin", "field": "real_time"}, "ns")
        self.assertEqual(s.median, 40.0)

    def test_ambiguous_missing_and_failed(self):
        b = [agg("BM_S/us:1000", "median", real_time=1.0), agg("BM_S/us:100", "median", real_time=1.0),
             dict(agg("BM_F", "median", real_time=1.0), error_occurred=True)]
        with self.assertRaisesRegex(ValueError, "matches 2 benchmarks"):
            perfdata.extract_bench(b, {"bench": "BM_S", "field": "real_time"}, "ns")
        self.assertIsNone(perfdata.extract_bench(b, {"bench": "BM_None", "field": "real_time"}, "ns"))
        self.assertIsNone(perfdata.extract_bench(b, {"bench": "BM_F", "field": "real_time"}, "ns"))
        self.assertIsNone(perfdata.extract_bench(b, {"bench": "BM_S/us:100", "field": "no_such_counter"}, "ns"))


class Status(unittest.TestCase):
    def setUp(self):
        with tempfile.TemporaryDirectory() as d:
            self.m = {m.key: m for m in perfdata.load_targets(write(os.path.join(d, "t.toml"), SMALL_TARGETS))}

    def test_levels(self):
        spawn = self.m["native/spawn"]   # seed 100, goal 50, lower is better
        S = perfdata.Stat
        self.assertEqual(perfdata.status(spawn, S(40))[0], perfdata.GOAL_MET)
        self.assertEqual(perfdata.status(spawn, S(50))[0], perfdata.GOAL_MET)
        self.assertEqual(perfdata.status(spawn, S(80))[0], perfdata.TARGET_MET)
        self.assertEqual(perfdata.status(spawn, S(101))[0], perfdata.MISSED)
        self.assertEqual(perfdata.status(spawn, None)[0], perfdata.NOT_MEASURED)
        self.assertEqual(perfdata.status(self.m["native/tracked_only"], S(1))[0], perfdata.TRACKED)
        self.assertEqual(perfdata.status(self.m["wasi/spawn"], None), (perfdata.NOT_MEASURED, "no threads here"))

    def test_ratio_against_a_peer(self):
        py = self.m["native/py_w"]   # goal 20x CPython, floor 5x
        S, P = perfdata.Stat, perfdata.PeerRun

        def st(ours, cpython):
            return perfdata.status(py, S(ours), {"cpython": P("ok", values={py.key: S(cpython)})})[0]
        self.assertEqual(st(0.1, 2.5), perfdata.GOAL_MET)
        self.assertEqual(st(0.2, 2.0), perfdata.TARGET_MET)
        self.assertEqual(st(1.0, 4.0), perfdata.MISSED)
        self.assertEqual(perfdata.status(py, S(1.0), {"cpython": P("missing")})[0], perfdata.NOT_MEASURED)

    def test_fmt(self):
        self.assertEqual(perfdata.fmt(4300, "us"), "4.3 ms")
        self.assertEqual(perfdata.fmt(53.29, "ns"), "53.3 ns")
        self.assertEqual(perfdata.fmt(8192, "bytes"), "8 KiB")
        self.assertEqual(perfdata.fmt(1_000_000, "tasks"), "1,000,000")


class Check(unittest.TestCase):
    """perf/check on synthetic histories: verdicts and exit status."""

    def run_check(self, docs, *extra):
        with tempfile.TemporaryDirectory() as d:
            targets = write(os.path.join(d, "t.toml"), SMALL_TARGETS)
            res = os.path.join(d, "results")
            os.makedirs(res)
            for i, doc in enumerate(docs):
                write(os.path.join(res, f"{i:02d}.json"), json.dumps(doc))
            out = io.StringIO()
            argv = sys.argv
            sys.argv = ["perf/check", "--results", res, "--targets-file", targets, *extra]
            try:
                with redirect_stdout(out):
                    rc = perf_check.main()
            finally:
                sys.argv = argv
            return rc, out.getvalue()

    def test_regression_beyond_noise_fails(self):
        rc, out = self.run_check([result_doc("native", "2026-01-01", {"native/spawn": (40.0, 0.01)}),
                                  result_doc("native", "2026-01-02", {"native/spawn": (48.0, 0.01)})])
        self.assertEqual(rc, 1, out)
        self.assertIn("REGRESSED", out)
        self.assertIn("native/spawn", out)

    def test_change_within_the_measured_spread_passes(self):
        # 20 % slower, but each run's spread is 6 %: noise is 2 x 12 % = 24 %
        rc, out = self.run_check([result_doc("native", "2026-01-01", {"native/spawn": (40.0, 0.06)}),
                                  result_doc("native", "2026-01-02", {"native/spawn": (48.0, 0.06)})])
        self.assertEqual(rc, 0, out)
        self.assertIn("same", out)

    def test_improvement_passes_and_is_named(self):
        rc, out = self.run_check([result_doc("native", "2026-01-01", {"native/spawn": (40.0, 0.01)}),
                                  result_doc("native", "2026-01-02", {"native/spawn": (30.0, 0.01)})])
        self.assertEqual(rc, 0, out)
        self.assertIn("improved", out)

    def test_tracked_only_regression_warns(self):
        rc, out = self.run_check([result_doc("native", "2026-01-01", {"native/tracked_only": (10.0, 0.0)}),
                                  result_doc("native", "2026-01-02", {"native/tracked_only": (20.0, 0.0)})])
        self.assertEqual(rc, 0, out)
        self.assertIn("warning", out)

    def test_ratio_metrics_compare_the_ratio(self):
        # the whole machine was 50 % slower on the day: ours and CPython's alike
        old = result_doc("native", "2026-01-01", {"native/py_w": (0.2, 0.01)}, {"cpython": {"native/py_w": (2.0, 0.01)}})
        new = result_doc("native", "2026-01-02", {"native/py_w": (0.3, 0.01)}, {"cpython": {"native/py_w": (3.0, 0.01)}})
        rc, out = self.run_check([old, new])
        self.assertEqual(rc, 0, out)
        self.assertIn("10.00x", out)
        # ours alone slower: the ratio drops from 10x to 6.7x
        new = result_doc("native", "2026-01-02", {"native/py_w": (0.3, 0.01)}, {"cpython": {"native/py_w": (2.0, 0.01)}})
        rc, out = self.run_check([old, new])
        self.assertEqual(rc, 1, out)

    def test_machine_drift_is_taken_out(self):
        # a busy day: the baseline and the peer 30 % slower, and ours alike
        def doc(when, ours, base, peer):
            return result_doc("native", when, {"native/spawn": (ours, 0.01), "native/base": (base, 0.01)},
                              {"tokio": {"native/spawn": (peer, 0.01)}})
        rc, out = self.run_check([doc("2026-01-01", 40.0, 10.0, 200.0), doc("2026-01-02", 52.0, 13.0, 260.0)])
        self.assertEqual(rc, 0, out)
        self.assertIn("30.0% slower", out)
        rc, out = self.run_check([doc("2026-01-01", 40.0, 10.0, 200.0), doc("2026-01-02", 52.0, 13.0, 260.0)],
                                 "--no-drift")
        self.assertEqual(rc, 1, out)
        # ours alone slower: the baselines did not move
        rc, out = self.run_check([doc("2026-01-01", 40.0, 10.0, 200.0), doc("2026-01-02", 52.0, 10.0, 200.0)])
        self.assertEqual(rc, 1, out)

    def test_only_the_same_machine_and_target_are_compared(self):
        other = dict(MACHINE, cpu_model="Other CPU")
        rc, out = self.run_check([result_doc("native", "2026-01-01", {"native/spawn": (10.0, 0.0)}, machine=other),
                                  result_doc("native", "2026-01-02", {"native/spawn": (90.0, 0.0)}),
                                  result_doc("wasi", "2026-01-03", {"wasi/spawn": (99.0, 0.0)})])
        self.assertEqual(rc, 0, out)
        self.assertIn("nothing to compare", out)

    def test_newest_is_compared_with_the_one_before(self):
        rc, out = self.run_check([result_doc("native", "2026-01-01", {"native/spawn": (10.0, 0.0)}),
                                  result_doc("native", "2026-01-02", {"native/spawn": (40.0, 0.0)}),
                                  result_doc("native", "2026-01-03", {"native/spawn": (40.0, 0.0)})])
        self.assertEqual(rc, 0, out)

    def test_unreadable_result_is_a_usage_error(self):
        with tempfile.TemporaryDirectory() as d:
            bad = write(os.path.join(d, "bad.json"), "{not json")
            p = subprocess.run([sys.executable, os.path.join(ROOT, "perf", "check"), bad, bad],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 2)
            self.assertIn("bad.json", p.stderr)


class PeerParsing(unittest.TestCase):
    def test_both_line_shapes_and_noise(self):
        text = "\n".join([
            '{"workload": "spawn_join", "rep": 0, "value": 200.0, "unit": "ns"}',
            '{"workload": "spawn_join", "rep": 1, "value": 220.0, "unit": "ns"}',
            '{"name": "BM_MT_PingPong", "rep": 0, "iterations": 10, "us_per_iter": 150.0}',
            "warming up...", "{broken", ""])
        w = perf_run.parse_peer_lines(text)
        self.assertEqual(w["spawn_join"], ([200.0, 220.0], "ns"))
        self.assertEqual(w["BM_MT_PingPong"], ([150.0], "us"))

    def test_values_convert_to_the_metric_unit_and_scale(self):
        ms = perfdata.load_targets()
        w = {"thread_ping_pong": ([4.0, 4.0], "us"), "sleep_1ms_p50": ([900.0, 1100.0], "us")}
        v = perf_run.peer_values("tokio", w, ms)
        self.assertAlmostEqual(v["native/context_switch"].median, 2000.0)   # half of 4 us, in ns
        self.assertAlmostEqual(v["native/sleep_1ms_p50"].median, 1000.0)
        self.assertNotIn("native/task_spawn", v)


class Dashboard(unittest.TestCase):
    def page(self, docs, targets=SMALL_TARGETS):
        with tempfile.TemporaryDirectory() as d:
            ms = perfdata.load_targets(write(os.path.join(d, "t.toml"), targets))
            res = os.path.join(d, "results")
            os.makedirs(res)
            for i, doc in enumerate(docs):
                write(os.path.join(res, f"{i:02d}.json"), json.dumps(doc))
            return ms, render.render(ms, perfdata.load_history(ms, res), "now")

    def test_every_metric_has_a_row_and_a_card(self):
        ms, html = self.page([])
        for m in ms:
            self.assertIn(f'data-metric="{m.key}"', html)
            self.assertIn(f'data-card="{m.key}"', html)
        ms, html = self.page([], real_targets())
        for m in ms:
            self.assertIn(f'data-metric="{m.key}"', html)

    def test_history_target_and_peer_are_drawn(self):
        docs = [result_doc("native", f"2026-01-0{i}", {"native/spawn": (40.0 + i, 0.01)},
                           {"tokio": {"native/spawn": (180.0, 0.01)}}) for i in (1, 2, 3)]
        _, html = self.page(docs)
        card = html[html.index('data-card="native/spawn"'):]
        card = card[:card.index("</svg>")]
        self.assertEqual(card.count('<circle'), 6)                     # 3 ours, 3 tokio
        self.assertIn('data-series="ours"', card)
        self.assertIn('data-series="tokio"', card)
        self.assertIn('data-line="seed target"', card)
        self.assertIn('data-line="goal"', card)
        row = html[html.index('data-metric="native/spawn"'):]
        row = row[:row.index("</tr>")]
        self.assertIn("goal met", row)
        self.assertIn("tokio 180 ns", row)
        self.assertIn("4.19x faster", row)

    def test_self_contained(self):
        docs = [result_doc("native", "2026-01-01", {"native/spawn": (40.0, 0.01)})]
        _, html = self.page(docs, real_targets())
        for banned in ("<script", "<link", "http://", "https://", "url(", "@import", "<img", "<iframe"):
            self.assertNotIn(banned, html)

    def test_missing_peer_is_shown_as_missing(self):
        doc = result_doc("native", "2026-01-01", {"native/spawn": (40.0, 0.01)})
        doc["peers"]["tokio"] = {"status": "missing", "reason": "cargo is not installed", "metrics": {}}
        _, html = self.page([doc])
        row = html[html.index('data-metric="native/spawn"'):]
        self.assertIn("tokio: missing", row[:row.index("</tr>")])


if __name__ == "__main__":
    unittest.main()
