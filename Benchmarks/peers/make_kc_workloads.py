"""Writes the comparison files that KeyComparisonMonteCarloBenchmarks and the numpy peers share
(Benchmarks/Workloads/). Run once; the files are committed so both sides time the same data.

- procedure-b-20: 20 laboratories around 10 with u between 0.02 and 0.08, the last two excluded
  from the KCRV (their DoE are still simulated), Gaussian results.
- lcs-25, lcs-40: about 45 % of the laboratories consistent around 0, 30 % around 2.2 (in units of
  a typical u), the rest discrepant with small uncertainties: many consistent subsets of nearly
  the largest size, the hard case for an exact search.
"""
import json, os
import numpy as np

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Workloads")

def procedure_b(n=20, seed=20):
    rng = np.random.default_rng(seed)
    results = []
    for i in range(n):
        u = round(float(rng.uniform(0.02, 0.08)), 4)
        results.append({"laboratory": f"L{i + 1:02d}", "value": round(10 + float(rng.normal(0, 0.05)), 5),
                        "standardUncertainty": u, **({"includedInReferenceValue": False} if i >= n - 2 else {})})
    return {"identifier": f"synthetic Procedure B workload n={n}", "unit": "1", "results": results}

def clustered(n, seed):
    rng = np.random.default_rng(seed)
    sizes = [int(n * 0.45), int(n * 0.3)]; sizes.append(n - sum(sizes))
    results, k = [], 0
    for size, centre in zip(sizes, [0.0, 2.2, None]):
        for _ in range(size):
            u = float(np.round(np.exp(rng.normal(0, 0.35)), 3))
            if centre is None:
                x = float(rng.choice([-1, 1]) * rng.uniform(3, 7)); u = round(u * 0.5, 3)
            else:
                x = centre + u * rng.standard_normal()
            k += 1
            results.append({"laboratory": f"L{k:02d}", "value": round(x, 4), "standardUncertainty": u})
    return {"identifier": f"synthetic LCS workload n={n}", "unit": "1", "results": results}

os.makedirs(here, exist_ok=True)
for name, doc in [("procedure-b-20", procedure_b()), ("lcs-25", clustered(25, 25)), ("lcs-40", clustered(40, 40))]:
    with open(os.path.join(here, f"{name}.comparison.json"), "w") as f:
        json.dump(doc, f, indent=1); f.write("\n")
