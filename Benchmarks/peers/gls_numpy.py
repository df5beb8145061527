"""Peer timing for LinearAlgebraBenchmarks: the GLS weighted mean with numpy/scipy
(scipy.linalg.cho_factor + cho_solve), same n and same construction of V (not the same numbers)."""
import time, sys
import numpy as np
from scipy.linalg import cho_factor, cho_solve

def workload(n, rng):
    a = rng.standard_normal((n, n))
    v = (a @ a.T) * (0.3 / n) + np.eye(n)
    x = 10 + rng.standard_normal(n)
    return v, x

def gls_mean(v, x):
    c = cho_factor(v, lower=True, check_finite=False)
    s = cho_solve(c, np.ones(len(x)), check_finite=False)
    total = s.sum()
    return s @ x / total, (1 / total) ** 0.5

rng = np.random.default_rng(1)
for n in [int(a) for a in sys.argv[1:]] or [100, 1000, 4000]:
    v, x = workload(n, rng)
    times = []
    for _ in range(7 if n < 4000 else 3):
        t0 = time.perf_counter(); gls_mean(v, x); times.append(time.perf_counter() - t0)
    print(f"numpy GLS weighted mean n={n}: median {1e3 * sorted(times)[len(times) // 2]:.2f} ms")
