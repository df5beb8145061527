"""Independent numpy/scipy computation of the consistency diagnostics that DiagnosticsTests checks.

Run from this folder: python3 crosscheck.py  (numpy >= 1.26, scipy >= 1.11). It prints the figures
the tests hard-code. Formulas: kc-methods.md §1.14, §1.15; metRology's msd/pdchisq/bootMSD and
mandel.h; ISO 5725-2 §7.3 (Grubbs, Cochran, Mandel critical values). The bootstrap p-values use
10^6 replicates drawn from N(0, V) (V the full covariance), so their Monte Carlo standard error is
at most 5e-4.
"""
import json
import numpy as np
from scipy import stats

np.set_printoptions(precision=17)
B = 1_000_000


def load(name, correlations=()):
    d = json.load(open("../published/" + name))
    res = [r for r in d["results"] if r.get("includedInReferenceValue", True)]
    labs = [r["laboratory"] for r in res]
    x = np.array([r["value"] for r in res], float)
    u = np.array([r["standardUncertainty"] if "standardUncertainty" in r
                  else r["expandedUncertainty"] / r["coverageFactor"] for r in res], float)
    V = np.diag(u * u)
    for a, b, rho in correlations:
        i, j = labs.index(a), labs.index(b)
        V[i, j] = V[j, i] = rho * u[i] * u[j]
    return labs, x, u, V


def msd(x, V):
    v = np.diag(V)
    n = len(x)
    return np.array([np.median([abs(x[i] - x[j]) / np.sqrt(v[i] + v[j]) for j in range(n) if j != i])
                     for i in range(n)])


def pdchisq(x, V):
    v = np.diag(V)
    n = len(x)
    return np.array([sum((x[i] - x[j]) ** 2 / (v[i] + v[j] - 2 * V[i, j]) for i in range(n) if i != j) / (n - 1)
                     for j in range(n)])


def msd_batch(X, V):
    v = np.diag(V)
    n = X.shape[1]
    out = np.empty_like(X)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        r = np.abs(X[:, [i]] - X[:, others]) / np.sqrt(v[i] + v[others])
        out[:, i] = np.median(r, axis=1)
    return out


def pd_batch(X, V):
    v = np.diag(V)
    n = X.shape[1]
    out = np.empty_like(X)
    for j in range(n):
        others = [i for i in range(n) if i != j]
        out[:, j] = np.sum((X[:, others] - X[:, [j]]) ** 2 / (v[others] + v[j] - 2 * V[others, j]), axis=1) / (n - 1)
    return out


def bootstrap(x, V, seed):
    rng = np.random.default_rng(seed)
    L = np.linalg.cholesky(V)
    m0, p0 = msd(x, V), pdchisq(x, V)
    gm = np.zeros(len(x)); gp = np.zeros(len(x)); chunks_m = []; chunks_p = []
    for _ in range(B // 100_000):
        X = rng.standard_normal((100_000, len(x))) @ L.T
        tm, tp = msd_batch(X, V), pd_batch(X, V)
        gm += (tm > m0).sum(0); gp += (tp > p0).sum(0)
        chunks_m.append(tm); chunks_p.append(tp)
    tm = np.vstack(chunks_m); tp = np.vstack(chunks_p)
    return (gm / B, np.quantile(tm, [0.95, 0.99], axis=0), gp / B, np.quantile(tp, [0.95, 0.99], axis=0))


def grubbs(x):
    m, s = x.mean(), x.std(ddof=1)
    return (x.max() - m) / s, (m - x.min()) / s


def double_grubbs(x):
    xs = np.sort(x)
    s0 = ((xs - xs.mean()) ** 2).sum()
    hi = xs[:-2]; lo = xs[2:]
    return ((hi - hi.mean()) ** 2).sum() / s0, ((lo - lo.mean()) ** 2).sum() / s0


def report(name, correlations=(), seed=1):
    labs, x, u, V = load(name, correlations)
    print("==", name, "correlations" if correlations else "", labs)
    print("mandel h", repr((x - x.mean()) / x.std(ddof=1)))
    print("grubbs (largest, smallest)", grubbs(x))
    if len(x) >= 4:
        print("double grubbs (largest pair, smallest pair)", double_grubbs(x))
    print("cochran C on u^2", (u ** 2).max() / (u ** 2).sum(), labs[int(np.argmax(u))])
    print("msd", repr(msd(x, V)))
    print("pdchisq", repr(pdchisq(x, V)))
    pm, qm, pp, qp = bootstrap(x, V, seed)
    print("msd p", repr(pm)); print("msd q95", repr(qm[0])); print("msd q99", repr(qm[1]))
    print("pd p", repr(pp)); print("pd q95", repr(qp[0])); print("pd q99", repr(qp[1]))


def algorithm_a(x, k=1.5, initial=1.483, factor=1.134, tol=1e-12, maxiter=1000):
    xs = np.median(x); s = initial * np.median(abs(x - xs))
    for it in range(1, maxiter + 1):
        w = np.clip(x, xs - k * s, xs + k * s)
        xn = w.mean(); sn = factor * w.std(ddof=1)
        done = abs(sn - s) < tol * s and abs(xn - xs) < tol * s
        xs, s = xn, sn
        if done:
            return xs, s, it
    raise RuntimeError("no convergence")


if __name__ == "__main__":
    print("Grubbs single critical values (two-sided alpha/(2N)):")
    for N in (3, 5, 10, 21):
        for a in (0.05, 0.01):
            t = stats.t.isf(a / (2 * N), N - 2)
            print(N, a, repr((N - 1) / np.sqrt(N) * np.sqrt(t * t / (N - 2 + t * t))))
    print("Mandel h critical (two-sided), k critical and Cochran critical (upper):")
    for p in (5, 10):
        for a in (0.05, 0.01):
            h = (p - 1) / np.sqrt(p) * (2 * stats.beta.ppf(1 - a / 2, (p - 2) / 2, (p - 2) / 2) - 1)
            k = np.sqrt(p * stats.beta.ppf(1 - a, (3 - 1) / 2, (p - 1) * (3 - 1) / 2))
            F = stats.f.isf(a / p, 3 - 1, (p - 1) * (3 - 1))
            print(p, a, "h", repr(h), "k(n=3)", repr(k), "C(n=3)", repr(1 / (1 + (p - 1) / F)))
    cm = np.array([24.140, 20.155, 19.500, 20.300, 20.705, 17.570, 20.100, 20.940, 21.185])
    print("Algorithm A, ISO 13528 constants, fixed point:", algorithm_a(cm))
    th = 2 * stats.norm.cdf(1.5) - 1
    g = th + 1.5 ** 2 * (1 - th) - 2 * 1.5 * stats.norm.pdf(1.5)
    print("Algorithm A, metRology algA rule:", algorithm_a(cm, initial=1.4826, factor=1 / np.sqrt(g), tol=2.0 ** -13))
    report("CCQM-K25-PCB28.comparison.json")
    report("CCT-K7.comparison.json")
    report("CCQM-K25-PCB28.comparison.json", correlations=[("NIST", "NMIJ", 0.5), ("IRMM", "NARL", 0.3)])
