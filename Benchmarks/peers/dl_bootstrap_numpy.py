"""Peer for KeyComparisonRandomEffectsBenchmarks: NICOB's parametric bootstrap of the DerSimonian-Laird
consensus value (NICOB manual A.2; Biggerstaff & Tweedie 1997 gamma approximation of Cochran's Q;
u_i rescaled by sqrt(nu_i/chi2_nu_i)), vectorised over the K replicates with numpy, plus the MRA degrees of
equivalence (recentred D_jk, shortest symmetric 95 % intervals, all pairs). Same workload as the Swift
benchmark (CCT-K7, 21 labs, K = 100 000), not the same random numbers.

usage: python3 dl_bootstrap_numpy.py [COMPARISON.json] [K] [--repeat R]"""
import json, sys, time
import numpy as np

def load(path):
    d = json.load(open(path))
    rs = [r for r in d["results"] if r.get("includedInReferenceValue", True)]
    x = np.array([r["value"] for r in rs], float)
    u = np.array([r["standardUncertainty"] if "standardUncertainty" in r else r["expandedUncertainty"] / r["coverageFactor"] for r in rs])
    nu = np.array([r.get("degreesOfFreedom", np.inf) for r in rs], float)
    return x, u, nu

def dl(x, v):
    """DerSimonian-Laird estimate along the last axis (rows = replicates)."""
    w = 1 / v
    s1 = w.sum(-1); s2 = (w * w).sum(-1)
    ybar = (w * x).sum(-1) / s1
    q = (w * (x - ybar[..., None]) ** 2).sum(-1)
    tau2 = np.maximum(0, (q - (x.shape[-1] - 1)) / (s1 - s2 / s1))
    ws = 1 / (v + tau2[..., None])
    return (ws * x).sum(-1) / ws.sum(-1), tau2

def bootstrap(x, u, nu, K, rng, doe):
    m = len(x); v = u * u
    mu, tau2 = dl(x, v)
    w = 1 / v; s1, s2, s3 = w.sum(), (w * w).sum(), (w ** 3).sum()
    c = s1 - s2 / s1
    q = (w * (x - (w * x).sum() / s1) ** 2).sum()
    t = (q - (m - 1)) / c
    e = (m - 1) + c * t
    var = 2 * (m - 1) + 4 * c * t + 2 * (s2 - 2 * s3 / s1 + s2 * s2 / s1 / s1) * t * t
    qk = rng.gamma(e * e / var, var / e, K)
    tau2k = np.maximum(0, (qk - (m - 1)) / c)
    xb = mu + np.sqrt(tau2k[:, None] + v) * rng.standard_normal((K, m))
    vb = np.broadcast_to(v, (K, m)).copy()
    fin = np.isfinite(nu)
    if fin.any():
        vb[:, fin] = v[fin] * nu[fin] / rng.chisquare(nu[fin], (K, fin.sum()))
    muk, _ = dl(xb, vb)
    out = {"u": muk.std(ddof=1), "interval": np.percentile(muk, [2.5, 97.5])}
    if doe:
        d = xb - muk[:, None]
        dj = x - mu
        d = d - d.mean(0) + dj
        n95 = int(np.ceil(0.95 * K)) - 1
        d = np.ascontiguousarray(d.T)  # one row per lab, as the Swift columns

        def summary(b, centre):  # the same three figures as the Swift summary: sd, U, 95 % interval
            return b.std(ddof=1), np.partition(np.abs(b - centre), n95)[n95], np.percentile(b, [2.5, 97.5])
        out["U"] = np.array([summary(d[j], dj[j])[1] for j in range(m)])
        out["pairU"] = np.array([summary(d[i] - d[j], dj[i] - dj[j])[1] for i in range(m) for j in range(i + 1, m)])
    return mu, out

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 5
    if "--repeat" in sys.argv: args.remove(str(repeat))
    path = args[0] if args else "../../Tests/KeyComparisonTests/Fixtures/published/CCT-K7.comparison.json"
    K = int(args[1]) if len(args) > 1 else 100_000
    x, u, nu = load(path)
    rng = np.random.default_rng(5)
    for doe in (False, True):
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter(); c0 = time.process_time()
            mu, out = bootstrap(x, u, nu, K, rng, doe)
            times.append((time.perf_counter() - t0, time.process_time() - c0))
        label = "KCRV + MRA DoE (unilateral and all pairs)" if doe else "KCRV u and interval"
        wall = sorted(t[0] for t in times)[len(times) // 2]; cpu = sorted(t[1] for t in times)[len(times) // 2]
        print(f"numpy DL bootstrap {label}, {len(x)} labs, K={K}: median wall {1e3 * wall:.1f} ms, CPU {1e3 * cpu:.1f} ms"
              f"  (mu={mu:.6g}, u={out['u']:.4g}, interval={np.round(out['interval'], 4)})")
        if doe: print("  U(D_j):", np.round(out["U"], 4))
