"""Peer timing for UncertaintyFirstOrderBenchmarks: GUM Tree Calculator (pip install GTC) on the
same workload, y = sum of n inputs x_i = 1 +- 1 with r = 0.5 among the first n/10, as in the
uncertainty reference notes section 3(a).

  setup     ureal for every input (independent=False for the correlated block) + set_correlation
  propagate y by n - 1 additions, then uncertainty(y)      (Swift: "sum n=N: propagate")
  total     setup + propagate                              (Swift: "sum n=N: setup + propagate")
  fsum      function.sum(inputs) + uncertainty             (Swift: "UncertainReal.sum + u")
  budget    u, dof and reporting.budget(y)                 (Swift: "budget")

Usage: python3 gtc_linear_sum.py [n ...]   (default 100 1000); prints medians of 7 runs after a warm-up.
Every run checks u(y) against the closed form sqrt(n + 0.5 m (m - 1)), m = n/10."""
import math, sys, time
from GTC import ureal, set_correlation, uncertainty, dof, function, reporting

def setup(n):
    m = n // 10
    xs = [ureal(1.0, 1.0, independent=(i >= m)) for i in range(n)]
    for i in range(m):
        for j in range(i + 1, m):
            set_correlation(0.5, xs[i], xs[j])
    return xs

def propagate(xs):
    y = xs[0]
    for x in xs[1:]:
        y = y + x
    return uncertainty(y), y

def median_ms(f, runs=7):
    f()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter(); f(); times.append(time.perf_counter() - t0)
    return 1e3 * sorted(times)[len(times) // 2]

for n in [int(a) for a in sys.argv[1:]] or [100, 1000]:
    m = n // 10
    expected = math.sqrt(n + 0.5 * m * (m - 1))
    xs = setup(n)
    u, y = propagate(xs)
    assert abs(u - expected) <= 1e-12 * expected, (u, expected)
    t_setup = median_ms(lambda: setup(n))
    t_prop = median_ms(lambda: propagate(xs))
    t_total = median_ms(lambda: propagate(setup(n)))
    t_fsum = median_ms(lambda: uncertainty(function.sum(xs)))
    t_budget = median_ms(lambda: (uncertainty(y), dof(y), list(reporting.budget(y))))
    print(f"GTC sum n={n}: setup {t_setup:.2f} ms, propagate {t_prop:.2f} ms, total {t_total:.2f} ms, "
          f"function.sum {t_fsum:.2f} ms, budget {t_budget:.2f} ms (u = {u:.6f})")
