"""Peer timing for UncertaintyMonteCarloBenchmarks: JCGM 101 9.3 (mass calibration) by Monte Carlo
with suncal 1.7.1 (`pip install suncal`), M = 10^6: `Model.monte_carlo(samples=1e6)` plus both
95 % intervals (`expand(shortest=False)` and `expand(shortest=True)`). The model is built once;
each timed run repeats the Monte Carlo and the two intervals.

Usage: OPENBLAS_NUM_THREADS=1 python3 mc_mass_suncal.py [M]
"""
import sys
import time

from suncal import Model


def build():
    model = Model("dm = (m_Rc + dm_Rc)*(1 + (rho_a - 1.2)*(1/rho_W - 1/rho_R)) - 100000")
    model.var("m_Rc").measure(100000).typeb(dist="normal", std=0.050)
    model.var("dm_Rc").measure(1.234).typeb(dist="normal", std=0.020)
    model.var("rho_a").measure(1.2).typeb(dist="uniform", a=0.10)
    model.var("rho_W").measure(8000).typeb(dist="uniform", a=1000)
    model.var("rho_R").measure(8000).typeb(dist="uniform", a=50)
    return model


def run(model, m):
    result = model.monte_carlo(samples=m)
    return result, result.expand(conf=0.95, shortest=False), result.expand(conf=0.95, shortest=True)


def main():
    m = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    model = build()
    run(model, m)  # warm-up (sympy lambdify, imports)
    times, cpu = [], []
    for _ in range(7):
        t0, c0 = time.perf_counter(), time.process_time()
        result, symmetric, shortest = run(model, m)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    times.sort()
    cpu.sort()
    print(f"suncal JCGM 101 9.3 M={m}: median {1e3 * times[len(times) // 2]:.1f} ms "
          f"(min {1e3 * times[0]:.1f}, max {1e3 * times[-1]:.1f}), CPU median {1e3 * cpu[len(cpu) // 2]:.1f} ms; "
          f"y={result.expected['dm']:.5f} u={result.uncertainty['dm']:.5f} "
          f"symmetric=[{symmetric.low:.4f}, {symmetric.high:.4f}] shortest=[{shortest.low:.4f}, {shortest.high:.4f}]")


if __name__ == "__main__":
    main()
