"""Peer timing for KeyComparisonMonteCarloBenchmarks: Cox 2002 Procedure B vectorised with numpy on
the same workload (Workloads/procedure-b-20.comparison.json) and the same number of trials.

The same work as the Swift evaluation: M x n Gaussian draws, the median of the included draws of
every trial, the simulated d_i for every laboratory, and for the KCRV and each d_i the standard
deviation, the probabilistically symmetric and the shortest 95 % interval (JCGM 101 7.7), with
np.partition so that only the two 2.5 % tails are sorted, as in the Swift code. numpy is single-threaded here; the Swift figures are given for one
thread and for all cores.
usage: procedure_b_numpy.py [TRIALS]   (default 1e6)"""
import json, os, sys, time
import numpy as np

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Workloads", "procedure-b-20.comparison.json")
doc = json.load(open(path))
x = np.array([r["value"] for r in doc["results"]])
u = np.array([r["standardUncertainty"] for r in doc["results"]])
included = np.array([r.get("includedInReferenceValue", True) for r in doc["results"]])
trials = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000

def intervals(sample, p=0.95):
    """Symmetric and shortest intervals, sorting only the two tails (np.partition), as the Swift code."""
    m = len(sample); q = int(p * m + 0.5); t = m - q; r = (t + 1) // 2
    part = np.partition(sample, [t, q])
    low = np.sort(part[:t]); high = np.sort(part[q:])
    s = int(np.argmin(high - low))
    return (low[r - 1], high[r - 1]), (low[s], high[s])

def procedure_b(rng):
    draws = x + u * rng.standard_normal((trials, len(x)))
    median = np.median(draws[:, included], axis=1)
    d = draws - median[:, None]
    out = [(median.std(ddof=1), intervals(median))]
    for i in range(len(x)):
        column = np.ascontiguousarray(d[:, i])
        out.append((column.std(ddof=1), intervals(column)))
    return out

rng = np.random.default_rng(1)
times = []
for _ in range(3):
    t0 = time.perf_counter(); result = procedure_b(rng); times.append(time.perf_counter() - t0)
print(f"numpy Procedure B, {len(x)} labs, {trials} trials: median {1e3 * sorted(times)[1]:.0f} ms"
      f" (u(median) = {result[0][0]:.5f})")
