# Portalis front door. The real build is CMake (CMakeLists.txt); this file
# picks configurations and runs things.
#
#   make              build the runtime, its tests and benchmarks (Release)
#   make test         every test suite in every configuration (see tests/run-suites)
#   make bench        run the runtime benchmarks (bench_rt)
#   make bench-record the same, repeated, recorded in perf/results/
#   make bench-peers  the multi-threaded benchmarks against tokio, side by side
#   make bench-py     the Python workloads (bench/py): CPython 3.11 against pyfront -O2
#   make perf         every metric in perf/targets.toml, natively and on WASI and in the
#                     browser when their toolchains are there, with the peers (tokio,
#                     asyncio, uvloop, libuv, CPython) in the same run -> perf/results/
#   make perf-check   the newest perf result against the previous one (same machine)
#   make dashboard    perf/dashboard/index.html: the history, targets and peers, one file
#   make demo         run the main example
#   make parity DIR=  pyfront dump-ast against CPython 3.11's ast.dump, every .py under DIR
#   make fuzz         the pyfront fuzzer for FUZZ_SECONDS (600)
#   TARGET=native|wasi|browser selects the platform (native is the default;
#                     wasi builds the runtime, its tests and benchmarks for
#                     wasm32-wasi and runs them under Node.js; browser builds
#                     the runtime and its tests with emscripten)

TARGET ?= native
JOBS ?= $(shell nproc)
BUILD_DIR := build/$(TARGET)-release
BENCH_DIR := build/$(TARGET)-bench
BENCH_ARGS ?=
BENCH_FILTER ?= .

.PHONY: all build test bench bench-build bench-record bench-peers bench-py perf perf-check dashboard demo parity fuzz setup clean check-target

all: build

check-target:
ifeq ($(filter $(TARGET),native wasi browser),)
	@echo "unknown TARGET=$(TARGET): expected native, wasi or browser" >&2; exit 2
endif

# TARGET=wasi cross-compiles with cmake/wasi.toolchain.cmake (clang-19);
# tests and programs run under a WASI host (tools/wasi/run).
# Benchmarks build with clang natively: its coroutine frames are smaller than
# g++'s (docs/architecture.md, "Memory per task"); on WASI they link
# bench-lite (bench/lite) and run under Node's WASI.
# TARGET=browser cross-compiles with cmake/browser.toolchain.cmake
# (emscripten); tests run under Node.js and in Chromium (tools/browser/run),
# benchmarks in Chromium.
ifeq ($(TARGET),wasi)
CMAKE_TARGET_FLAGS := -DCMAKE_TOOLCHAIN_FILE=$(abspath cmake/wasi.toolchain.cmake)
BENCH_CMAKE_FLAGS := $(CMAKE_TARGET_FLAGS)
BENCH_RUN := tools/wasi/run node $(BENCH_DIR)/bench/bench_rt.wasm
else ifeq ($(TARGET),browser)
CMAKE_TARGET_FLAGS := -DCMAKE_TOOLCHAIN_FILE=$(abspath cmake/browser.toolchain.cmake)
BENCH_CMAKE_FLAGS := $(CMAKE_TARGET_FLAGS)
BENCH_RUN := tools/browser/run chromium $(BENCH_DIR)/bench/bench_rt.js
# The program's files live in the page: its JSON report comes on stdout.
RECORD_FLAGS := --json-stdout
else
CMAKE_TARGET_FLAGS :=
BENCH_CMAKE_FLAGS := -DCMAKE_CXX_COMPILER=clang++
BENCH_RUN := $(BENCH_DIR)/bench/bench_rt
endif

setup: check-target
	@.ci/setup $(TARGET)

build: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_TARGET_FLAGS) >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Native: every configuration, and the browser and WASI suites when their
# toolchains are installed (.ci/setup browser|wasi; CI installs them).
# TARGET=wasi or TARGET=browser: that suite alone.
ifeq ($(TARGET),native)
test: setup
	@.ci/setup browser || echo "make test: no emscripten; the browser suite will be skipped"
	@.ci/setup wasi || echo "make test: no WASI toolchain; the WASI suite will be skipped"
	JOBS=$(JOBS) tests/run-suites
else
test: setup
	JOBS=$(JOBS) tests/run-suites $(TARGET)
endif

# BENCH_FILTER selects benchmarks by regular expression; BENCH_ARGS go to the
# benchmark program as they are. bench-record runs them BENCH_REPS times and
# writes the aggregates, tagged with the target and commit, to perf/results/.
BENCH_REPS ?= 5
bench-build: setup
	cmake -S . -B $(BENCH_DIR) -DCMAKE_BUILD_TYPE=Release $(BENCH_CMAKE_FLAGS) -DPORTALIS_TESTS=OFF >/dev/null
	cmake --build $(BENCH_DIR) -j $(JOBS) --target bench_rt

bench: bench-build
	$(BENCH_RUN) '--benchmark_filter=$(BENCH_FILTER)' $(BENCH_ARGS)

bench-record: bench-build
	perf/record --target $(TARGET) --repetitions $(BENCH_REPS) '--filter=$(BENCH_FILTER)' $(RECORD_FLAGS) -- $(BENCH_RUN) $(BENCH_ARGS)

# The tokio peer (bench/peers/tokio) builds offline from Debian's crates;
# PEER_ARGS go to bench/peers/compare (e.g. --rounds 9 --check).
PEER_DIR := $(abspath build/peers/tokio)
PEER_ARGS ?=
bench-peers: setup
	@[ "$(TARGET)" = native ] || { echo "make bench-peers: the peers run natively (TARGET=native)" >&2; exit 2; }
	@.ci/setup peers
	cmake -S . -B $(BENCH_DIR) -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ -DPORTALIS_TESTS=OFF >/dev/null
	cmake --build $(BENCH_DIR) -j $(JOBS) --target bench_rt
	cd bench/peers/tokio && CARGO_TARGET_DIR=$(PEER_DIR) cargo build --release --offline --quiet
	bench/peers/compare --prt $(BENCH_DIR)/bench/bench_rt --tokio $(PEER_DIR)/release/prt-peer-tokio $(PEER_ARGS)

# The demo: natively and on WASI the runtime example in the terminal; for the
# browser, the demo page (rt/examples/browser_demo.cpp), served with the
# COOP/COEP headers it needs at http://127.0.0.1:8080/ until interrupted.
ifeq ($(TARGET),browser)
demo: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_TARGET_FLAGS) >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS) --target prt_browser_demo
	node tools/browser/chromium.mjs --serve $(BUILD_DIR)/rt/prt_browser_demo.js
else ifeq ($(TARGET),wasi)
demo: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_TARGET_FLAGS) >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS) --target prt_hello
	tools/wasi/run node $(BUILD_DIR)/rt/prt_hello.wasm
else
demo: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS) --target prt_hello
	$(BUILD_DIR)/rt/prt_hello
endif

# The pyfront fuzzer (libFuzzer, clang, ASan+UBSan) for FUZZ_SECONDS, on a
# working corpus in build/fuzz/corpus seeded from tests/fuzz/seeds and the
# parity corpus; crashes land in build/fuzz/artifacts.
FUZZ_SECONDS ?= 600
fuzz: setup
	cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release -DPORTALIS_FUZZ=ON \
	      -DPORTALIS_TESTS=OFF -DPORTALIS_BENCH=OFF >/dev/null
	cmake --build build/fuzz -j $(JOBS) --target pyfront_fuzz
	mkdir -p build/fuzz/corpus build/fuzz/artifacts
	build/fuzz/tests/fuzz/pyfront_fuzz build/fuzz/corpus tests/fuzz/seeds tests/pyfront/corpus \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
	    -artifact_prefix=build/fuzz/artifacts/ -print_final_stats=1

# pyfront against CPython: needs python3 to be 3.11 (the reference).
PYFRONT_DIR := build/native-release
parity: setup
	@test -n "$(DIR)" || { echo "make parity: say which directory: make parity DIR=path/to/python/files" >&2; exit 2; }
	cmake -S . -B $(PYFRONT_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(PYFRONT_DIR) -j $(JOBS) --target pyfront
	tests/pyfront/ast-parity $(PYFRONT_DIR)/pyfront/pyfront $(DIR) --exclude site-packages

# The Python workloads (bench/py/README.md) under CPython 3.11 and built by
# pyfront -O2, alternating; prints the speedups and peak memory.
# BENCH_PY_ARGS go to bench/py/run (e.g. BENCH_PY_ARGS="--repeat 3 nbody"
# or "--json perf/py.json").
BENCH_PY_ARGS ?=
bench-py: setup
	@[ "$(TARGET)" = native ] || { echo "make bench-py: the workloads run natively (TARGET=native)" >&2; exit 2; }
	cmake -S . -B $(PYFRONT_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(PYFRONT_DIR) -j $(JOBS) --target pyfront
	bench/py/run --pyfront $(PYFRONT_DIR)/pyfront/pyfront $(BENCH_PY_ARGS)

# perf/run measures every target whose toolchain is installed (PERF_ARGS go
# to it, e.g. PERF_ARGS="--targets native --repetitions 9"); the peers are
# installed first when root (.ci/setup peers), and reported as missing if not.
# docs/perf.md explains the results, the check and the dashboard.
PERF_ARGS ?=
PERF_CHECK_ARGS ?=
perf:
	@[ "$(TARGET)" = native ] || { echo "make perf: measures every target at once; PERF_ARGS=\"--targets $(TARGET)\" picks one" >&2; exit 2; }
	@.ci/setup native
	@.ci/setup peers || echo "make perf: peers are missing; they are recorded as missing"
	perf/run --jobs $(JOBS) $(PERF_ARGS)

perf-check:
	perf/check $(PERF_CHECK_ARGS)

dashboard:
	perf/dashboard/render

clean:
	rm -rf build
