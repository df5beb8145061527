"""Independent numpy implementation of NICOB's leave-one-out DoE for DerSimonian-Laird (NICOB manual A.5,
DoEUnilateralDerSimonianLaird.R as described in kc-methods.md 1.9), on CCQM-K25 PCB 28, K = 400 000,
numpy seed 1. Prints D*_j and U(D*_j) per lab, and U for three pairs; the figures are copied into
DerSimonianLairdBootstrapTests (tolerance 3 %, Monte Carlo)."""
import numpy as np
x = np.array([34.3, 32.9, 34.53, 32.42, 31.9, 35.8]); u = np.array([1.03, 0.69, 0.83, 0.29, 0.4, 0.38])
nu = np.array([60, 4, 18, 2, 13, 60.])
K = 400_000; rng = np.random.default_rng(1)

def dl(x, v):
    w = 1 / v; s1 = w.sum(); s2 = (w * w).sum(); yb = (w * x).sum() / s1; q = (w * (x - yb) ** 2).sum()
    t = max(0, (q - (len(x) - 1)) / (s1 - s2 / s1)); ws = 1 / (v + t)
    return (ws * x).sum() / ws.sum(), t, ws

def tau2_draws(x, v):  # Biggerstaff & Tweedie gamma approximation of Q at the untruncated moment estimate
    m = len(x); w = 1 / v; s1, s2, s3 = w.sum(), (w * w).sum(), (w ** 3).sum(); c = s1 - s2 / s1
    yb = (w * x).sum() / s1; q = (w * (x - yb) ** 2).sum(); t = (q - (m - 1)) / c
    e = (m - 1) + c * t; var = 2 * (m - 1) + 4 * c * t + 2 * (s2 - 2 * s3 / s1 + s2 * s2 / s1 / s1) * t * t
    return np.maximum(0, (rng.gamma(e * e / var, var / e, K) - (m - 1)) / c)

def phi(n):  # NICOB's scale of a t with n degrees of freedom
    if n > 2: return np.sqrt(n / (n - 2))
    a = 0.4668994; b = -0.3998882
    return 1.5 * ((1 - 0.75 * (a - 4 * b * (n ** -0.75 - 1) / 3)) ** (-4 / 3))

D = []; centre = []
for j in range(6):
    xj = np.delete(x, j); vj = np.delete(u * u, j)
    mu, t, ws = dl(xj, vj)
    q = max(1, (ws * (xj - mu) ** 2).sum() / (len(xj) - 1)); su = np.sqrt(q / ws.sum()); df = len(xj) - 1
    tau2 = tau2_draws(xj, vj)
    muk = mu + su * rng.standard_t(df, K) / phi(df)
    e = np.sqrt(tau2 + u[j] ** 2) * rng.standard_t(nu[j], K) / phi(nu[j])
    D.append(x[j] + e - muk); centre.append(x[j] - mu)
n95 = int(np.ceil(0.95 * K)) - 1
for j in range(6): print(j, round(centre[j], 4), round(np.partition(np.abs(D[j] - centre[j]), n95)[n95], 3))
for i, j in [(0, 1), (3, 4), (4, 5)]:
    b = D[i] - D[j]; print(i, j, round(np.partition(np.abs(b - (centre[i] - centre[j])), n95)[n95], 3))
