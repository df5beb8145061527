"""Peer timing for ComparisonModelBenchmarks: the same 30 laboratories x 100 points model (3000
readings, dense V from within-laboratory and global shared components, 100 point values + 30
common biases, weighted-mean constraint) with numpy/scipy: cho_factor of V, whitening by
solve_triangular, the constrained least squares on the null space of C by QR, against a bare
cho_factor of the same V. Same construction, not the same random numbers."""
import time
import numpy as np
from scipy.linalg import cho_factor, cho_solve, solve_triangular, null_space, qr

def workload(labs=30, points=100, seed=9):
    rng = np.random.default_rng(seed)
    n = labs * points
    u = np.repeat(1 + 2 * np.arange(labs) / labs, points)
    v = np.full((n, n), 0.3 ** 2)
    for l in range(labs):
        s = slice(l * points, (l + 1) * points)
        v[s, s] += (0.5 * u[l * points]) ** 2
    np.fill_diagonal(v, u ** 2)
    x = np.zeros((n, points + labs))
    for l in range(labs):
        for p in range(points):
            x[l * points + p, p] = 1
            x[l * points + p, points + l] = 1
    y = 100 + np.tile(np.arange(points), labs) + np.repeat(rng.standard_normal(labs), points) + u * rng.standard_normal(n)
    return v, x, y

def evaluate(v, x, y, labs=30, points=100):
    c, lower = cho_factor(v, lower=True, check_finite=False)
    z = solve_triangular(c, x, lower=True, check_finite=False)
    w = solve_triangular(c, y, lower=True, check_finite=False)
    s = cho_solve((c, lower), np.ones(len(y)), check_finite=False)
    a = np.array([s[l * points:(l + 1) * points].sum() for l in range(labs)]) / s.sum()
    crow = np.concatenate([np.zeros(points), a])[None, :]
    n_basis = null_space(crow)
    q, r = qr(z @ n_basis, mode="economic")
    gamma = solve_triangular(r, q.T @ w)
    rinv = solve_triangular(r, np.eye(r.shape[0]))
    return n_basis @ gamma, n_basis @ (rinv @ rinv.T) @ n_basis.T

v, x, y = workload()
for name, f in [("numpy GLS model 30x100 end to end", lambda: evaluate(v, x, y)),
                ("numpy cho_factor n=3000", lambda: cho_factor(v, lower=True, check_finite=False))]:
    times = []
    for _ in range(5):
        t0 = time.perf_counter(); f(); times.append(time.perf_counter() - t0)
    print(f"{name}: median {1e3 * sorted(times)[2]:.1f} ms")
