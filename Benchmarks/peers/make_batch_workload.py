"""Writes the batch-evaluation workload: N comparison files of 10 laboratories each, the same
1000-comparison formula as reml_metafor.R extended to N (for t = 10c + j + 1,
u = 0.5 + 1.5*frac(0.6180339887498949*t), x = 10 + 2*sin(1.3*t) + u*cos(2.1*t)).

usage: python3 make_batch_workload.py DIR [N=1000]
Each file is DIR/kc-00000.comparison.json …; values are written with repr, so they read back exactly.
"""
import json
import math
import os
import sys

directory = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
os.makedirs(directory, exist_ok=True)
for c in range(count):
    results = []
    for j in range(10):
        t = 10 * c + j + 1
        f = 0.6180339887498949 * t
        u = 0.5 + 1.5 * (f - math.floor(f))
        x = 10 + 2 * math.sin(1.3 * t) + u * math.cos(2.1 * t)
        results.append({"laboratory": f"L{j + 1:02d}", "value": x, "standardUncertainty": u})
    document = {"identifier": f"KC-{c:05d}", "unit": "1", "results": results}
    with open(os.path.join(directory, f"kc-{c:05d}.comparison.json"), "w") as out:
        json.dump(document, out)
