"""`make bench-compare`: whole processes of Equivalence's CLI against their peers on the same
workloads, on this machine, in one run. Each pair runs REPEATS times, alternating ours and the
peer, after one warm-up of each; the table gives the median wall and CPU (user + sys) seconds and
the ratio peer/ours (above 1: we are faster). OpenBLAS and the peers are kept to one thread unless
THREADS=all.

usage: python3 Benchmarks/compare.py [BIN] [--repeats N] [--quick]
A peer that is not installed (R metafor, GTC, …) is listed as missing; `make bench-peers` installs them.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
args = [a for a in sys.argv[1:] if not a.startswith("--")]
binary = os.path.abspath(args[0] if args else os.path.join(root, ".build/release/equivalence"))
repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 3
quick = "--quick" in sys.argv
threads = os.environ.get("THREADS", "1")
env = dict(os.environ)
if threads == "1":
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
peers = os.path.join(here, "peers")
work = tempfile.mkdtemp(prefix="equivalence-bench-")


def timed(command):
    """Wall and CPU seconds of one process (its children's rusage), output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0,):
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[-300:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def available(command):
    return shutil.which(command[0]) is not None and (
        command[0] != "Rscript" or subprocess.run(
            ["Rscript", "-e", "library(metafor); library(jsonlite)"], capture_output=True).returncode == 0)


rows = []


def compare(name, ours, peer=None, peer_name=""):
    timed(ours)
    if peer and available(peer):
        timed(peer)
    else:
        peer = None if peer is None else (peer_name + " (missing)")
    our_runs, peer_runs = [], []
    for _ in range(repeats):
        our_runs.append(timed(ours))
        if isinstance(peer, list):
            peer_runs.append(timed(peer))
    wall = statistics.median(r[0] for r in our_runs)
    cpu = statistics.median(r[1] for r in our_runs)
    if peer_runs:
        pwall = statistics.median(r[0] for r in peer_runs)
        pcpu = statistics.median(r[1] for r in peer_runs)
        rows.append((name, wall, cpu, peer_name, pwall, pcpu, pwall / wall, pcpu / cpu))
    else:
        rows.append((name, wall, cpu, peer if isinstance(peer, str) else "—", None, None, None, None))
    print(f"  measured {name}", file=sys.stderr)


py = sys.executable
sizes = [100, 400] if quick else [100, 400, 2000]
for n in sizes:
    path = os.path.join(work, f"dense-{n}.comparison.json")
    subprocess.run([py, os.path.join(peers, "make_dense_comparison.py"), str(n), path], check=True)
    compare(f"evaluate n={n} dense V, text", [binary, "evaluate", path],
            [py, os.path.join(peers, "dense_comparison_scipy.py"), path], "json.load + scipy cho_solve")
    compare(f"evaluate n={n} dense V, json", [binary, "evaluate", path, "--format", "json"])
batch = os.path.join(work, "batch")
count = 200 if quick else 1000
subprocess.run([py, os.path.join(peers, "make_batch_workload.py"), batch, str(count)], check=True)
compare(f"evaluate DIR, REML, {count} comparisons of 10 labs",
        [binary, "evaluate", batch, "--method", "reml", "--format", "csv", "--quiet"],
        ["Rscript", os.path.join(peers, "batch_reml_metafor.R"), batch], "metafor rma.uni, one R process")
if not quick:
    big = os.path.join(work, "batch-10k")
    subprocess.run([py, os.path.join(peers, "make_batch_workload.py"), big, "10000"], check=True)
    compare("evaluate DIR, REML, 10⁴ comparisons (KCDB scale)",
            [binary, "evaluate", big, "--method", "reml", "--format", "json", "--quiet"])
workloads = os.path.join(here, "Workloads")
trials = "100000" if quick else "1000000"
compare(f"Procedure B, 20 labs, {trials} trials",
        [binary, "evaluate", os.path.join(workloads, "procedure-b-20.comparison.json"), "--method", "median",
         "--trials", trials],
        [py, os.path.join(peers, "procedure_b_numpy.py"), trials], "numpy")
compare(f"JCGM 101 9.3 mass, {trials} trials",
        [binary, "propagate", os.path.join(root, "Examples/JCGM101-9.3-mass-calibration.model.json"), "--trials",
         trials],
        [py, os.path.join(peers, "mc_mass_numpy.py"), trials], "numpy")
replicates = "10000" if quick else "100000"
compare(f"DL bootstrap, CCT-K7, {replicates} replicates",
        [binary, "evaluate", os.path.join(workloads, "cct-k7.comparison.json"), "--method", "dersimonian-laird",
         "--bootstrap", "--trials", replicates],
        [py, os.path.join(peers, "dl_bootstrap_numpy.py"), os.path.join(workloads, "cct-k7.comparison.json"),
         replicates], "numpy")
compare("start-up floor: evaluate of 6 labs",
        [binary, "evaluate", os.path.join(root, "Examples/CCQM-K25-PCB28.comparison.json")],
        [py, "-c", "import numpy, scipy.linalg"], "python3 -c 'import numpy, scipy.linalg'")

print(f"\n{os.cpu_count()} cores, OPENBLAS_NUM_THREADS={env.get('OPENBLAS_NUM_THREADS', 'unset')}, "
      f"median of {repeats} alternating runs, whole processes\n")
print("| workload | Equivalence wall s | CPU s | peer | peer wall s | CPU s | ratio wall | ratio CPU |")
print("|---|---|---|---|---|---|---|---|")
for name, wall, cpu, peer, pwall, pcpu, rw, rc in rows:
    if pwall is None:
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {peer} | | | | |")
    else:
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {peer} | {pwall:.3f} | {pcpu:.3f} | {rw:.1f}× | {rc:.1f}× |")
shutil.rmtree(work, ignore_errors=True)
