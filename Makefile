# Effekt — two commands on a fresh Debian machine: `make demo` and `make test`.
SWIFT      ?= swift
CONFIG     ?= release
BIN         = .build/$(CONFIG)/effekt
DEMO_OUT   ?= demo-out
BENCH_OUT  ?= bench-out
SUDO       := $(shell [ "$$(id -u)" = 0 ] && echo "" || (command -v sudo >/dev/null 2>&1 && echo sudo || echo NONE))
SYSLIBS     = liblapacke-dev libopenblas-dev

.PHONY: all deps build test demo bench clean help

all: build

help:
	@echo "make demo   build (release), simulate a register, validate and evaluate it, write the report"
	@echo "make test   run the whole test suite (XCTest/Swift Testing)"
	@echo "make bench  run the benchmarks and write $(BENCH_OUT)/report.md"
	@echo "make montecarlo  Monte Carlo bias/coverage study of the evaluation (long), writes $(BENCH_OUT)/montecarlo.md"
	@echo "make notebooks  run every notebook in Notebooks-md/ and store its output (make test checks them)"
	@echo "make deps   install the system libraries ($(SYSLIBS)) if missing"

# The system libraries: installed when missing (root or sudo), else the exact command is printed.
deps:
	@if [ -f /usr/include/lapacke.h ] && [ -f /usr/include/x86_64-linux-gnu/cblas.h -o -f /usr/include/cblas.h -o -f /usr/include/x86_64-linux-gnu/openblas-pthread/cblas.h ] \
	    && ldconfig -p | grep -q liblapacke.so && ldconfig -p | grep -q libopenblas.so; then \
	  true; \
	elif [ "$(SUDO)" = "NONE" ]; then \
	  echo "Effekt needs LAPACKE and OpenBLAS. Run as root:"; \
	  echo "  apt-get update && apt-get install -y $(SYSLIBS)"; exit 1; \
	else \
	  echo "Installing $(SYSLIBS) ..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSLIBS); \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) --product effekt

test: deps
	$(SWIFT) build
	$(SWIFT) test

# The main job on a simulated Stockholm-like register: simulate, validate, evaluate, report.
demo: build
	$(BIN) simulate --persons 20000 --months 72 --seed 1 --out $(DEMO_OUT)/register
	$(BIN) validate --spec $(DEMO_OUT)/register/spec.json
	$(BIN) evaluate --spec $(DEMO_OUT)/register/spec.json --out $(DEMO_OUT)
	@echo
	@echo "Rapporten: $(DEMO_OUT)/rapport.html (och rapport.md); alla skattningar: $(DEMO_OUT)/effects.csv"

bench: deps
	$(SWIFT) build -c release --product effekt-bench
	.build/release/effekt-bench --out $(BENCH_OUT)

# Monte Carlo bias and coverage of the evaluation (EFFEKT_MC_SEEDS, default 300 registers; about 4 minutes on 2 cores).
# `--only` prints the section to stdout, so it is written to a temporary file and renamed.
.PHONY: montecarlo
montecarlo: deps
	$(SWIFT) build -c release --product effekt-bench
	mkdir -p $(BENCH_OUT)
	.build/release/effekt-bench --only montecarlo --out $(BENCH_OUT) > $(BENCH_OUT)/montecarlo.md.tmp
	mv $(BENCH_OUT)/montecarlo.md.tmp $(BENCH_OUT)/montecarlo.md
	@echo "wrote $(BENCH_OUT)/montecarlo.md"

# Runs every notebook and stores its output, with the debug binary that `make test` checks them with.
.PHONY: notebooks
notebooks: deps
	$(SWIFT) build --product effekt
	.build/debug/effekt notebook run Notebooks-md/*.md

clean:
	rm -rf .build $(DEMO_OUT) $(BENCH_OUT)
