"""Peer timing for TraceabilityBenchmarks: the same generated graph and the same checks written
with networkx (DiGraph, strongly_connected_components), in pure Python.

The graph is built with the formulas of SyntheticGraph.swift (no random numbers): 4 NMIs with kg
realizations, accredited laboratories per level, `n` calibrations in 8 levels, two references
per calibration below level 1 with sensitivity 1/2, odd laboratories in g. The checks mirror
Sources/Traceability/Checks: unresolved references, broken chains, date order and expiry, unit
dimensions and conversion (a factor table kg/g), uncertainty growth (T07), validity range of the
reference (T09), CMC coverage (status at date, range, u >= U_CMC/k), route (accreditation valid,
signatory, scope), circular traceability (SCCs of the calibration graph) and mutual traceability
(SCCs of the (issuer, quantity) projection).

Usage: python3 traceability_networkx.py [n ...]      (default 10000 100000 1000000)
Prints, per n: median wall time of build+check from the in-memory document, of json.loads +
build + check, the number of findings (0 expected), and the peak resident memory of the process.
"""
import datetime
import json
import resource
import sys
import time

import networkx as nx

START = datetime.date(2000, 1, 1)
UNITS = {"kg": 1.0, "g": 1e-3}  # factor to kg; dimension "M" for both


def level_sizes(n, depth=8):
    weights = [float(1 << l) for l in range(1, depth + 1)]
    total = sum(weights)
    sizes = [max(4, int(n * w / total)) for w in weights]
    sizes[-1] += max(0, n - sum(sizes))
    return sizes


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def document(n, depth=8):
    start = START.isoformat()
    labs = max(2, n // 8000)
    orgs, cmcs, anchors = [], [], []
    for k in range(4):
        orgs.append({"id": f"NMI-{k}", "kind": "nmi", "qualitySystem": [{"status": "accepted", "from": start}]})
        anchors.append({"id": f"SI-kg-{k}", "kind": "si-realization", "quantity": "mass", "unit": "kg",
                        "holder": f"NMI-{k}", "value": 1, "standardUncertainty": 1e-9})
        cmcs.append({"id": f"CMC-NMI-{k}", "organization": f"NMI-{k}", "quantity": "mass", "unit": "kg",
                     "range": {"lower": 0.001, "upper": 100}, "uncertainty": {"absolute": 2e-9},
                     "coverageFactor": 2, "status": [{"status": "published", "from": start}]})
    for level in range(2, max(2, depth) + 1):
        for l in range(labs):
            orgs.append({"id": f"Lab-{level}-{l}", "kind": "accredited-laboratory",
                         "accreditations": [{"body": "AB", "signatory": True, "from": start,
                                             "scope": [f"CMC-Lab-{level}-{l}"]}]})
            cmcs.append({"id": f"CMC-Lab-{level}-{l}", "organization": f"Lab-{level}-{l}", "quantity": "mass",
                         "unit": "kg", "range": {"lower": 0.001, "upper": 100}, "uncertainty": {"absolute": 2e-9},
                         "coverageFactor": 2, "status": [{"status": "published", "from": start}]})
    sizes = level_sizes(n, depth)
    cals = []
    for index, size in enumerate(sizes):
        level = index + 1
        u = (level + 1) * 1e-9
        for i in range(size):
            date = (START + datetime.timedelta(days=30 * level + i % 20)).isoformat()
            value = 1 + (i % 1000) * 1e-10
            if level == 1:
                cals.append({"id": f"c{level}-{i}", "issuer": f"NMI-{i % 4}", "item": f"item{level}-{i}",
                             "date": date, "recalibrationInterval": "P5Y", "quantity": "mass", "unit": "kg",
                             "value": value, "standardUncertainty": u,
                             "references": [{"anchor": f"SI-kg-{i % 4}"}],
                             "validityRange": {"lower": 0.5, "upper": 2}})
                continue
            above = sizes[index - 1]
            first = (i * 7919) % above
            second = (i * 104729 + 1) % above
            if second == first:
                second = (first + 1) % above
            lab = i % labs
            grams = lab % 2 == 1
            scale = 1000.0 if grams else 1.0
            cals.append({"id": f"c{level}-{i}", "issuer": f"Lab-{level}-{lab}", "item": f"item{level}-{i}",
                         "date": date, "recalibrationInterval": "P5Y", "quantity": "mass",
                         "unit": "g" if grams else "kg", "value": value * scale, "standardUncertainty": u * scale,
                         "references": [{"calibration": f"c{level - 1}-{first}", "sensitivity": 0.5},
                                        {"calibration": f"c{level - 1}-{second}", "sensitivity": 0.5}],
                         "validityRange": {"lower": 0.5 * scale, "upper": 2 * scale}})
    return {"anchors": anchors, "organizations": orgs, "cmcs": cmcs, "calibrations": cals}


def parse_date(text):
    return datetime.date.fromisoformat(text[:10])


def check(doc):
    findings = []
    orgs = {o["id"]: o for o in doc["organizations"]}
    cmcs_by_org = {}
    for c in doc["cmcs"]:
        cmcs_by_org.setdefault(c["organization"], []).append(c)
    anchors = {a["id"]: a for a in doc["anchors"]}
    g = nx.DiGraph()
    calibrations = nx.DiGraph()  # the calibration-to-calibration edges only, for the cycle checks
    for a in doc["anchors"]:
        g.add_node(a["id"], kind="anchor", unit=a["unit"], u=a["standardUncertainty"])
    for c in doc["calibrations"]:
        date = parse_date(c["date"])
        expiry = add_years(date, int(c["recalibrationInterval"][1:-1])) if "recalibrationInterval" in c else None
        g.add_node(c["id"], kind="calibration", issuer=c["issuer"], date=date, expiry=expiry, unit=c["unit"],
                   value=c["value"], u=c["standardUncertainty"], quantity=c["quantity"], range=c.get("validityRange"))
    for c in doc["calibrations"]:
        for r in c["references"]:
            target = r.get("calibration") or r.get("anchor")
            if target not in g:
                findings.append(("UNRESOLVED_REFERENCE", c["id"]))
                continue
            g.add_edge(c["id"], target, sensitivity=r.get("sensitivity", 1.0), usedAt=r.get("usedAt"))
            if "calibration" in r:
                calibrations.add_edge(c["id"], target)
    # T01/T02/T04/T05a/T07/T08/T09 over the edges
    for node, data in g.nodes(data=True):
        if data["kind"] != "calibration":
            continue
        succ = g.succ[node]
        if not succ:
            findings.append(("CHAIN_BROKEN", node))
            continue
        inherited = 0.0
        factor_to = UNITS.get(data["unit"])
        if factor_to is None:
            findings.append(("INVALID_UNIT", node))
            continue
        for target, edge in succ.items():
            t = g.nodes[target]
            if t["kind"] == "calibration":
                if t["date"] > data["date"]:
                    findings.append(("REFERENCE_FROM_FUTURE", node))
                elif t["expiry"] is None:
                    findings.append(("NO_RECALIBRATION_INTERVAL", target))
                elif t["expiry"] < data["date"]:
                    findings.append(("REFERENCE_EXPIRED", node))
                x = edge["usedAt"] if edge["usedAt"] is not None else t["value"]
                rng = t["range"]
                if rng and not (rng["lower"] <= x <= rng["upper"]):
                    findings.append(("OUT_OF_CALIBRATED_RANGE", node))
            factor_from = UNITS.get(t["unit"])
            if factor_from is None:
                findings.append(("UNIT_MISMATCH", node))
                continue
            c = edge["sensitivity"] * factor_from / factor_to
            inherited += (c * t["u"]) ** 2
        added = data["u"] ** 2 - inherited
        if added < -1e-9 * data["u"] ** 2:
            findings.append(("UNCERTAINTY_DECREASES", node))
        elif added <= 1e-9 * data["u"] ** 2:
            findings.append(("NO_ADDED_UNCERTAINTY", node))
    # T05b / T06 per calibration
    for c in doc["calibrations"]:
        org = orgs[c["issuer"]]
        date = parse_date(c["date"])
        matched = None
        candidates = [m for m in cmcs_by_org.get(org["id"], []) if m["quantity"].lower() == c["quantity"].lower()]
        if not candidates:
            findings.append(("NO_MATCHING_CMC", c["id"]))
        else:
            m = candidates[0]
            matched = m["id"]
            status = None
            best = None
            for s in m["status"]:
                f = parse_date(s["from"])
                if f <= date and (best is None or f >= best):
                    best, status = f, s["status"]
            if status != "published":
                findings.append(("CMC_NOT_PUBLISHED_AT_DATE", c["id"]))
            x = c["value"] * UNITS[c["unit"]] / UNITS[m["unit"]]
            u = c["standardUncertainty"] * UNITS[c["unit"]] / UNITS[m["unit"]]
            if not (m["range"]["lower"] <= x <= m["range"]["upper"]):
                findings.append(("OUTSIDE_CMC_RANGE", c["id"]))
            elif u < m["uncertainty"]["absolute"] / m["coverageFactor"] * (1 - 1e-9):
                findings.append(("UNCERTAINTY_BELOW_CMC", c["id"]))
        if org["kind"] == "accredited-laboratory":
            valid = [a for a in org.get("accreditations", [])
                     if parse_date(a["from"]) <= date and a["signatory"]
                     and ("until" not in a or date <= parse_date(a["until"]))]
            if not valid:
                findings.append(("ROUTE_NOT_RECOGNISED", c["id"]))
            elif matched and all("scope" in a for a in valid) and not any(matched in a["scope"] for a in valid):
                findings.append(("ROUTE_NOT_RECOGNISED", c["id"]))
    # T03 circular traceability
    for scc in nx.strongly_connected_components(calibrations):
        if len(scc) > 1:
            findings.append(("CIRCULAR_TRACEABILITY", sorted(scc)[0]))
    for a, _ in nx.selfloop_edges(calibrations):
        findings.append(("CIRCULAR_TRACEABILITY", a))
    # T03 mutual traceability on the (issuer, quantity) projection
    holders = {(a["holder"], a["quantity"].lower()) for a in doc["anchors"]}
    projection = nx.DiGraph()
    for a, b in calibrations.edges():
        ka = (g.nodes[a]["issuer"], g.nodes[a]["quantity"].lower())
        kb = (g.nodes[b]["issuer"], g.nodes[b]["quantity"].lower())
        if ka[0] != kb[0]:
            projection.add_edge(ka, kb)
    for scc in nx.strongly_connected_components(projection):
        if len(scc) > 1 and not (scc & holders):
            findings.append(("MUTUAL_TRACEABILITY", sorted(scc)[0]))
    return findings


def median(times):
    return sorted(times)[len(times) // 2]


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    for n in sizes:
        doc = document(n)
        runs = 5 if n <= 100_000 else 3
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            findings = check(doc)
            times.append(time.perf_counter() - t0)
        text = json.dumps(doc)
        read_times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            check(json.loads(text))
            read_times.append(time.perf_counter() - t0)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"networkx check n={n}: median {1e3 * median(times):.0f} ms; read JSON + check: median "
              f"{1e3 * median(read_times):.0f} ms; findings {len(findings)}; peak RSS {peak:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
