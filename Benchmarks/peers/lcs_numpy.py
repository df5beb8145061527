"""Peer timing for the largest consistent subset (Cox 2007): exhaustive enumeration of all 2^n
subsets with numpy, vectorised over blocks of 2^13 subsets (the approach of metRology's LCS(), which
enumerates every subset). Reads the same comparison files as KeyComparisonMonteCarloBenchmarks (Workloads/).
usage: lcs_numpy.py FILE.comparison.json ...   (n <= ~30: the time doubles with each laboratory)"""
import json, sys, time
import numpy as np
from scipy.stats import chi2

def load(path):
    c = json.load(open(path))
    x = np.array([r["value"] for r in c["results"]], float)
    u = np.array([r["standardUncertainty"] for r in c["results"]], float)
    return [r["laboratory"] for r in c["results"]], x, u

def subset_sums(x, w):
    """S0 = sum w, S1 = sum w x, S2 = sum w x^2 for every subset of the given labs (bit i = lab i)."""
    s0 = np.zeros(1); s1 = np.zeros(1); s2 = np.zeros(1)
    for xi, wi in zip(x, w):
        s0 = np.concatenate([s0, s0 + wi]); s1 = np.concatenate([s1, s1 + wi * xi])
        s2 = np.concatenate([s2, s2 + wi * xi * xi])
    pc = np.zeros(1, dtype=np.int64)
    for _ in x: pc = np.concatenate([pc, pc + 1])
    return s0, s1, s2, pc

def lcs(x, u, low_bits=13):
    n = len(x); x = x - x.mean(); w = 1 / u**2
    crit = np.array([np.inf] + [chi2.ppf(0.95, k - 1) if k > 1 else np.inf for k in range(1, n + 1)])
    lo = min(low_bits, n)
    a0, a1, a2, apc = subset_sums(x[:lo], w[:lo])
    b0, b1, b2, bpc = subset_sums(x[lo:], w[lo:])
    best = np.full(n + 1, np.inf); arg = np.zeros(n + 1, dtype=np.int64); count = np.zeros(n + 1, dtype=np.int64)
    for h in range(len(b0)):
        s0 = a0 + b0[h]; s1 = a1 + b1[h]; s2 = a2 + b2[h]; pc = apc + bpc[h]
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(s0 > 0, s2 - s1 * s1 / s0, 0.0)
        ok = (c <= crit[pc]) & (pc >= 2)
        count += np.bincount(pc[ok], minlength=n + 1)
        c_ok = np.where(ok, c, np.inf)
        # per size: the smallest consistent chi-squared in this block
        order = np.lexsort((c_ok, pc))
        first = np.searchsorted(pc[order], np.arange(n + 1))
        valid = first < len(order)
        idx = order[np.minimum(first, len(order) - 1)]
        cand = np.where(valid & (pc[idx] == np.arange(n + 1)), c_ok[idx], np.inf)
        better = cand < best
        best[better] = cand[better]; arg[better] = idx[better] + (h << lo)
    k = max(k for k in range(2, n + 1) if np.isfinite(best[k])) if np.isfinite(best[2:]).any() else 1
    members = [i for i in range(n) if (arg[k] >> i) & 1]
    return k, members, best[k], count[k]

if __name__ == "__main__":
    for path in sys.argv[1:]:
        labs, x, u = load(path)
        times = []
        for _ in range(3):
            t0 = time.perf_counter(); k, members, c, cnt = lcs(x, u); times.append(time.perf_counter() - t0)
        print(f"numpy exhaustive LCS n={len(x)} (2^{len(x)} subsets): median {1e3 * sorted(times)[1]:.1f} ms;"
              f" size {k}, chi2 {c:.10g}, ties {cnt}, members {' '.join(labs[i] for i in members)}")
