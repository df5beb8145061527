"""The counterexample in LargestConsistentSubsetTests.isNotTheGreedyRemovalOfTheLargestNormalizedError:
exhaustive Cox 2007 search against sequential removal of the largest |E_n| (scipy chi2 quantiles)."""
import itertools
import numpy as np
from scipy.stats import chi2

x = np.array([0.8, 1.7, -3.3, -0.5, -2.0, -0.3]); u = np.array([0.41, 1.01, 0.97, 0.81, 0.48, 0.76])

def fit(s):
    w = 1 / u[s] ** 2; y = (w * x[s]).sum() / w.sum()
    return y, w.sum() ** -0.5, (w * (x[s] - y) ** 2).sum()

def exact():
    for k in range(len(x), 1, -1):
        ok = [(fit(list(s))[2], s) for s in itertools.combinations(range(len(x)), k)]
        ok = [c for c in ok if c[0] <= chi2.ppf(0.95, k - 1)]
        if ok: return min(ok)[1]

def greedy():
    s = list(range(len(x)))
    while len(s) > 1:
        y, uy, c = fit(s)
        if c <= chi2.ppf(0.95, len(s) - 1): return s
        s.pop(int(np.argmax([abs(x[i] - y) / np.sqrt(u[i] ** 2 - uy ** 2) for i in s])))
    return s

print("exact LCS (1-based):", [i + 1 for i in exact()], " greedy:", [i + 1 for i in greedy()])
