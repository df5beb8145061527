# Equivalence — two commands on a fresh machine:
#   make run    install what is missing, build in release, evaluate the bundled CCQM-K25 example
#   make test   install what is missing, build, lint and run every test
# System packages come from apt (Debian): installing them needs root (sudo is used when present).

SWIFT        ?= swift
APT_PACKAGES := liblapacke-dev libopenblas-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
SHARED       := ../shared
EXAMPLE      := Examples/CCQM-K25-PCB28.comparison.json
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: all deps build release run test lint format check-published bench bench-peers bench-compare clean

all: build

# Install the LAPACKE/OpenBLAS development packages when they are not there yet.
deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		echo "Installing $(APT_PACKAGES) (apt-get, needs root)"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	.build/release/equivalence evaluate $(EXAMPLE)

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

format:
	$(SWIFT) format --in-place --recursive Sources Tests

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest
	@$(MAKE) --no-print-directory check-published

# The suite under AddressSanitizer, then the concurrent suites (parallel Monte Carlo blocks,
# bootstraps, hierarchical Bayes chains) under ThreadSanitizer; each in its own build folder so
# that the ordinary debug build is not invalidated. Not part of `make test` (CI).
SANITIZE_FILTER ?= MonteCarlo|Bootstrap|HierarchicalBayes|LinearPool|BlockRunner|ProcedureB|MarkovChain
.PHONY: test-sanitize
test-sanitize: deps
	$(SWIFT) build --build-tests --sanitize=address --build-path .build/asan
	$(SWIFT) test --skip-build --disable-xctest --sanitize=address --build-path .build/asan
	$(SWIFT) build --build-tests --sanitize=thread --build-path .build/tsan
	$(SWIFT) test --skip-build --disable-xctest --sanitize=thread --build-path .build/tsan \
		--filter '$(SANITIZE_FILTER)'

# The published comparisons through the built CLI (runs only where ../shared is present).
check-published:
	@if [ -x $(SHARED)/tools/check-key-comparisons ]; then \
		python3 $(SHARED)/tools/check-key-comparisons .build/debug/equivalence; \
	else echo "$(SHARED) not present: published-comparison check skipped"; fi
	@# The uncertainty cases the checker can convert to model files (the others have no inputs list).
	@if [ -x $(SHARED)/tools/check-uncertainty ]; then \
		python3 $(SHARED)/tools/check-uncertainty .build/debug/equivalence \
			$(addprefix $(SHARED)/validation/uncertainty/,gum-h1.uncertainty.json gum-h2.uncertainty.json jcgm101-9.3.uncertainty.json); \
	fi

bench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

# The peers the comparison table runs beside ours: R metafor and jsonlite (Debian), numpy/scipy (PyPI).
PEER_APT := r-cran-metafor r-cran-jsonlite
bench-peers:
	@if ! dpkg -s $(PEER_APT) >/dev/null 2>&1; then \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PEER_APT); fi
	@python3 -c "import numpy, scipy" 2>/dev/null || python3 -m pip install -q numpy scipy

# Whole processes, ours against the peers on the same workloads: one table of medians and ratios
# (single-threaded; THREADS=all for all cores). BENCH_ARGS=--quick for reduced sizes.
bench-compare: release bench-peers
	python3 Benchmarks/compare.py .build/release/equivalence $(BENCH_ARGS)

clean:
	rm -rf .build Benchmarks/.build
