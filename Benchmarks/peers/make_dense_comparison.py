"""Writes a comparison of n laboratories with a dense covariance (issue 12's scaling workload):
x_i = 1 + 0.01*sin(i), u_i = 0.01*(1 + frac(0.618*i)), and every pair correlated through one
shared component of standard uncertainty 0.004 (V = diag(u²) + 0.004²·11ᵀ, positive definite;
the file's standard uncertainties are the totals √V_ii).

usage: python3 make_dense_comparison.py N FILE [--independent]
"""
import json
import math
import sys

n = int(sys.argv[1])
path = sys.argv[2]
independent = "--independent" in sys.argv
results = []
for i in range(n):
    f = 0.618 * (i + 1)
    results.append({"laboratory": f"L{i + 1:04d}", "value": 1 + 0.01 * math.sin(i + 1),
                    "standardUncertainty": 0.01 * (1 + f - math.floor(f))})
document = {"identifier": f"dense-{n}", "unit": "1", "results": results}
if not independent:
    # The standard uncertainties are the totals, √(u_i² + s²), so V_ii = u_i².
    s2 = 0.004 ** 2
    for r in results:
        r["standardUncertainty"] = math.sqrt(r["standardUncertainty"] ** 2 + s2)
    u = [r["standardUncertainty"] for r in results]
    document["covariance"] = [[u[i] ** 2 if i == j else s2 for j in range(n)] for i in range(n)]
with open(path, "w") as out:
    json.dump(document, out)
