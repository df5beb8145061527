"""Peer timing for UncertaintyMonteCarloBenchmarks: JCGM 101 9.3 (mass calibration) by Monte Carlo
with numpy, vectorised, M = 10^6 trials, estimate, standard uncertainty and both 95 % coverage
intervals (probabilistically symmetric and shortest, JCGM 101 7.7, from the sorted sample).

Same model, distributions and M as the Swift benchmark (not the same random numbers).
Usage: OPENBLAS_NUM_THREADS=1 python3 mc_mass_numpy.py [M]
"""
import sys
import time

import numpy as np


def mass_calibration(m, rng):
    m_rc = rng.normal(100_000.0, 0.050, m)
    dm_rc = rng.normal(1.234, 0.020, m)
    rho_a = rng.uniform(1.10, 1.30, m)
    rho_w = rng.uniform(7_000.0, 9_000.0, m)
    rho_r = rng.uniform(7_950.0, 8_050.0, m)
    return (m_rc + dm_rc) * (1 + (rho_a - 1.2) * (1 / rho_w - 1 / rho_r)) - 100_000.0


def summary(y, p=0.95):
    m = len(y)
    mean, u = y.mean(), y.std(ddof=1)
    s = np.sort(y)
    q = int(p * m) if float(p * m).is_integer() else int(p * m + 0.5)
    r = (m - q) // 2 if (m - q) % 2 == 0 else (m - q + 1) // 2
    symmetric = (s[r - 1], s[r + q - 1])
    widths = s[q:] - s[: m - q]
    best = int(np.argmin(widths))
    shortest = (s[best], s[best + q])
    return mean, u, symmetric, shortest


def main():
    m = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = np.random.default_rng(2008)
    summary(mass_calibration(m, rng))  # warm-up
    times, cpu = [], []
    for _ in range(9):
        t0, c0 = time.perf_counter(), time.process_time()
        result = summary(mass_calibration(m, rng))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    times.sort()
    cpu.sort()
    mean, u, sym, short = result
    print(f"numpy JCGM 101 9.3 M={m}: median {1e3 * times[len(times) // 2]:.1f} ms "
          f"(min {1e3 * times[0]:.1f}, max {1e3 * times[-1]:.1f}), CPU median {1e3 * cpu[len(cpu) // 2]:.1f} ms; "
          f"y={mean:.5f} u={u:.5f} symmetric=[{sym[0]:.4f}, {sym[1]:.4f}] shortest=[{short[0]:.4f}, {short[1]:.4f}]")


if __name__ == "__main__":
    main()
