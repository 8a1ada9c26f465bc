# Klankbord: `make run` starts the daemon, `make test` runs every test. See README.md.
SWIFT ?= swift
SWIFT_FLAGS ?= -Xswiftc -warnings-as-errors
# A layer that imports another it does not declare in Package.swift fails to build (docs/ARCHITECTURE.md).
override SWIFT_FLAGS += --explicit-target-dependency-import-check error
VENV := .venv
DEPS_STAMP := .build/.deps-ok

.PHONY: run test test-sanitize fuzz fuzz-replay build release release-bench bench bench-trace bench-history bench-compare soak mutate clean deps venv venv-bench

include make/fuzz.mk
include make/install.mk

## Install the system libraries when missing (libsodium, SQLite, pkg-config, Python venv).
deps: $(DEPS_STAMP)
$(DEPS_STAMP):
	@scripts/install-deps.sh
	@mkdir -p .build && touch $@

## A local Python with the independent Noise implementation, the crypto library (PyNaCl), the calendar parser (icalendar) and the Prometheus text parser (prometheus_client) the interop and metrics tests use.
venv: $(VENV)/.ok
# Depends on this Makefile so that a venv made before a package was added here gets it too.
$(VENV)/.ok: Makefile | deps
	@python3 -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check noiseprotocol==0.3.1 PyNaCl==1.5.0 icalendar==7.3.2 prometheus_client==0.26.0
	@touch $@

## The bench's own Python with matplotlib, for the W6 plot (kept apart from the test venv).
VENV_BENCH := .venv-bench
venv-bench: $(VENV_BENCH)/.ok
$(VENV_BENCH)/.ok: Makefile | deps
	@python3 -m venv $(VENV_BENCH)
	@$(VENV_BENCH)/bin/pip install --quiet --disable-pip-version-check matplotlib==3.11.2
	@touch $@

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

## The daemon and the client in release mode: only what `make run` and a person need (no fuzzers, no bench).
release: deps
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product klankbordd
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product klankbord

## The load generator too, for the benchmarks.
release-bench: release
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product klankbord-bench

## Build in release mode and run the daemon in the foreground on 127.0.0.1:7447 with its data in ./var.
run: release
	.build/release/klankbordd --config config/klankbord.conf

## Everything needed, then the whole test suite (unit and integration).
test: deps venv
	python3 -m unittest discover -s scripts -p 'test_*.py'
	$(SWIFT) build $(SWIFT_FLAGS)
	$(SWIFT) test $(SWIFT_FLAGS) --disable-swift-testing

## The whole suite under the thread sanitizer, then the address sanitizer (separate build folders).
test-sanitize: deps venv
	$(SWIFT) build --scratch-path .build-tsan --sanitize=thread
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --scratch-path .build-tsan --sanitize=thread --disable-swift-testing
	$(SWIFT) build --scratch-path .build-asan --sanitize=address
	ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no $(SWIFT) test --scratch-path .build-asan --sanitize=address --disable-swift-testing

## The crash-durability test with many more kill -9 rounds (200 by default).
SOAK_KILLS ?= 200
soak: deps
	$(SWIFT) build $(SWIFT_FLAGS)
	KLANKBORD_SOAK_KILLS=$(SOAK_KILLS) $(SWIFT) test $(SWIFT_FLAGS) --disable-swift-testing --filter CrashDurabilityTests

## One-line mutations (Tests/Mutations/mutations.txt) on a scratch copy under /tmp: each must make its tests fail.
mutate: deps venv
	python3 scripts/mutate.py

## All server workloads against a real release daemon (about 2 minutes); figures in docs/PERFORMANCE.md. W6 is `make bench-history`.
bench: release-bench
	.build/release/klankbord-bench --workload all --duration 20 --json .build/bench.jsonl --label "$$(git rev-parse --short HEAD)"

## Where the time goes at light load (docs/PERFORMANCE.md): W1 paced at 10 messages/s per member, untraced for the daemon's
## CPU per delivery paced and unpaced, then under strace -c, perf record and perf trace (about 2 minutes; installs strace
## and perf if missing; MSGS=50 RUNS=2 REPEAT=3 DAEMON=path). Appends to .build/bench-trace.jsonl.
bench-trace: release-bench
	scripts/bench-trace.sh

## W6, client cost with history: read, rooms, agenda, consult list and ledger export as whole processes on profiles with
## a quarter, half and one year of history (a few minutes); HISTORY=1,2,5,10 for the growth to ten years (about ten
## minutes, 10× seeds in about 4: docs/PERFORMANCE.md). A table and a plot.
HISTORY ?= 0.25,0.5,1
bench-history: release-bench venv-bench
	.build/release/klankbord-bench --workload w6 --history $(HISTORY) --json .build/bench-history.jsonl --label "$$(git rev-parse --short HEAD)"
	$(VENV_BENCH)/bin/python scripts/plot_history.py .build/bench-history.jsonl .build/bench-history.png "$$(git rev-parse --short HEAD)"
	@echo "plot: .build/bench-history.png"

## W1 against klankbordd, Prosody and ejabberd on this machine in one run, with ratios once each peer's own figure is checked (installs the peers if missing; MSGS=50 REPEAT=1 for a short run).
bench-compare: release-bench
	scripts/bench-compare.sh

clean:
	rm -rf .build $(VENV) $(VENV_BENCH)
