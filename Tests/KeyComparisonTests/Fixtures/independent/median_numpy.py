"""Independent check of Cox 2002 Procedure B (the figures in MedianTests.swift).

Every result is drawn as x_i + u_i*Z with Z ~ N(0, 1), or numpy's standard_t(nu_i) when nu_i is
finite (JCGM 101 6.4.9: scale u_i); the median of the included draws of each trial is the
simulated KCRV, d_i = x_i - median for every laboratory. 4e6 trials in 8 chunks, seed 11.
usage: python3 median_numpy.py ../published/CCQM-K88.comparison.json ../published/CCQM-K25-PCB28.comparison.json
"""
import json, sys
import numpy as np

def load(path):
    c = json.load(open(path))
    labs, x, u, nu, inc = [], [], [], [], []
    for r in c["results"]:
        labs.append(r["laboratory"]); x.append(r["value"])
        u.append(r["standardUncertainty"] if "standardUncertainty" in r else r["expandedUncertainty"] / r["coverageFactor"])
        nu.append(r.get("degreesOfFreedom", np.inf)); inc.append(r.get("includedInReferenceValue", True))
    return labs, np.array(x), np.array(u), np.array(nu, float), np.array(inc)

def procedure_b(path, trials=4_000_000, chunks=8, seed=11):
    labs, x, u, nu, inc = load(path)
    rng = np.random.default_rng(seed)
    medians, differences = [], []
    for _ in range(chunks):
        k = trials // chunks
        z = rng.standard_normal((k, len(x)))
        for i in range(len(x)):
            if np.isfinite(nu[i]): z[:, i] = rng.standard_t(nu[i], k)
        draws = x + u * z
        m = np.median(draws[:, inc], axis=1)
        medians.append(m); differences.append(draws - m[:, None])
    m = np.concatenate(medians); d = np.concatenate(differences)
    q = np.quantile(m, [0.025, 0.975])
    print(f"{path}: u(median) = {m.std(ddof=1):.5f}, U = {(q[1] - q[0]) / 2:.5f}")
    for i, lab in enumerate(labs):
        q = np.quantile(d[:, i], [0.025, 0.975])
        print(f"  {lab:8s} U(d) = {(q[1] - q[0]) / 2:.5f}  u(d) = {d[:, i].std(ddof=1):.5f}")

for path in sys.argv[1:]: procedure_b(path)
