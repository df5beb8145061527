"""Peer of `equivalence evaluate FILE` for a comparison with a dense covariance (issue 12): read the
JSON with json.load, GLS weighted mean with scipy cho_factor/cho_solve, χ², and the unilateral DoE
d_i = x_i − y with u²(d_i) = V_ii − 2 (V V⁻¹1)_i/(1ᵀV⁻¹1) + 1/(1ᵀV⁻¹1) (Cox 2002 with correlations).
usage: python3 dense_comparison_scipy.py FILE
"""
import json
import sys

import numpy as np
from scipy.linalg import cho_factor, cho_solve

with open(sys.argv[1]) as f:
    doc = json.load(f)
x = np.array([r["value"] for r in doc["results"]])
u = np.array([r["standardUncertainty"] for r in doc["results"]])
v = np.array(doc["covariance"]) if "covariance" in doc else np.diag(u ** 2)
factor = cho_factor(v, lower=True)
ones = np.ones(len(x))
w = cho_solve(factor, ones)
s = ones @ w
y = (w @ x) / s
r = x - y
chi2 = r @ cho_solve(factor, r)
cov_dy = (v @ w) / s  # Cov(x_i, y)
ud = np.sqrt(np.diag(v) - 2 * cov_dy + 1 / s)
print(f"y = {y:.15g}, u(y) = {1 / np.sqrt(s):.6g}, chi2 = {chi2:.6g}, max |d|/U = {np.max(np.abs(r) / (2 * ud)):.4g}")
