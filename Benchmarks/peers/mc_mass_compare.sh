#!/usr/bin/env bash
# JCGM 101 9.3 Monte Carlo (M = 10^6): the Swift benchmark and both peers in one run, so that the
# ratios come from the same machine state. From Benchmarks/: peers/mc_mass_compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
swift package --allow-writing-to-package-directory benchmark --target UncertaintyMonteCarloBenchmarks
python3 peers/mc_mass_numpy.py
python3 peers/mc_mass_suncal.py
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
