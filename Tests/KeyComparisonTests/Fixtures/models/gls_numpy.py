"""Independent numpy computation behind ComparisonModelCrossCheckTests (written for this project).

Reads the comparison-model files and comparison files beside it (and ../published/CCL-K1), builds
the design X, the covariance V and the reference-value constraint C with the semantics of the
DocC article "Comparison models", and solves the constrained generalized least-squares problem
through the bordered (KKT) normal equations with numpy.linalg — a different route from the
library's (Cholesky whitening, dgglse, QR on the null space of C):

    [ XᵀV⁻¹X  Cᵀ ] [β]   [XᵀV⁻¹y]            cov(β̂) = top-left p × p block of the inverse
    [   C     0  ] [λ] = [  0   ]

The linked comparison is computed twice: the linking correction (Delahaye; Elster, Link & Wöger)
as explicit matrix algebra over the joint covariance, and Sutton's joint GLS through the KKT
system. Writes expected-numpy.json. Run: python3 gls_numpy.py (numpy ≥ 1.20).
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def readings_covariance(model, readings):
    n = len(readings)
    index = {r["identifier"]: i for i, r in enumerate(readings)}
    u = np.array([r["u"] for r in readings])
    v = np.diag(u ** 2)
    for c in model.get("correlations", []):
        i, j = index[c["readings"][0]], index[c["readings"][1]]
        v[i, j] += c["coefficient"] * u[i] * u[j]
        v[j, i] += c["coefficient"] * u[i] * u[j]
    for s in model.get("sharedComponents", []):
        ids = [index[name] for name in s["readings"]]
        for i in ids:
            for j in ids:
                if i != j:
                    v[i, j] += s["standardUncertainty"] ** 2
    for b in model.get("covarianceBlocks", []):
        ids = [index[name] for name in b["readings"]]
        m = np.array(b["covariance"])
        for p, i in enumerate(ids):
            for q, j in enumerate(ids):
                if i != j:
                    v[i, j] += m[p, q]
    return v


def normalise(model):
    out = []
    for r in model["readings"]:
        r = dict(r)
        r["u"] = r["standardUncertainty"] if "standardUncertainty" in r else r["expandedUncertainty"] / r["coverageFactor"]
        out.append(r)
    return out


def evaluate(model):
    readings = normalise(model)
    per_point = model.get("laboratoryBias", "common") == "perPoint"
    drifts = {(d.get("comparison"), d.get("artefact")): d for d in model.get("drift", [])}
    unknowns, column = [], {}

    def add(key):
        if key not in column:
            column[key] = None
            unknowns.append(key)

    def keys(r):
        bias = ("bias", r["laboratory"], r.get("point") if per_point else None)
        if r.get("kind", "measurement") != "measurement":
            return None, None, bias
        d = drifts.get((r.get("comparison"), r.get("artefact")))
        loop = r.get("loop") if d and d.get("kind") == "linearPerLoop" else None
        value = ("value", r.get("comparison"), r.get("artefact"), r.get("point"), loop)
        drift = ("drift", r.get("comparison"), r.get("artefact"), r.get("point"), loop) if d else None
        return value, drift, bias

    values, drift_keys, biases = [], [], []
    for r in readings:
        a, b, c = keys(r)
        for key, bucket in ((a, values), (b, drift_keys), (c, biases)):
            if key is not None and key not in bucket:
                bucket.append(key)
    unknowns = values + drift_keys + biases
    column = {k: j for j, k in enumerate(unknowns)}
    n, p = len(readings), len(unknowns)
    x = np.zeros((n, p))
    for i, r in enumerate(readings):
        a, b, c = keys(r)
        if a is not None:
            x[i, column[a]] = 1
        if b is not None:
            d = drifts[(r.get("comparison"), r.get("artefact"))]
            x[i, column[b]] = r["time"] - d.get("referenceTime", 0)
        x[i, column[c]] = 1
    y = np.array([r["value"] for r in readings])
    v = readings_covariance(model, readings)

    ref = model.get("referenceValue", {"kind": "weightedMean"})
    groups = sorted({r.get("point") for r in readings}, key=[r.get("point") for r in readings].index) if per_point else [None]
    rows = []
    if ref["kind"] == "weightedMean":
        labs = ref.get("laboratories")
        comparison = ref.get("comparison")
        for g in groups:
            members = [i for i, r in enumerate(readings)
                       if r.get("kind", "measurement") == "measurement"
                       and (labs is None or r["laboratory"] in labs)
                       and (comparison is None or r.get("comparison") == comparison)
                       and (not per_point or r.get("point") == g)]
            s = np.linalg.solve(v[np.ix_(members, members)], np.ones(len(members)))
            row = np.zeros(p)
            for q, i in enumerate(members):
                row[column[("bias", readings[i]["laboratory"], g)]] += s[q] / s.sum()
            rows.append(row)
        reference_labs = {readings[i]["laboratory"] for i, r in enumerate(readings)
                          if r.get("kind", "measurement") == "measurement"
                          and (labs is None or r["laboratory"] in labs)
                          and (comparison is None or r.get("comparison") == comparison)}
    elif ref["kind"] == "pilot":
        for g in groups:
            row = np.zeros(p)
            row[column[("bias", ref["laboratory"], g)]] = 1
            rows.append(row)
        reference_labs = {ref["laboratory"]}
    else:
        reference_labs = {r["laboratory"] for r in readings if r.get("kind") == "degreeOfEquivalence"}
    c = np.array(rows).reshape(len(rows), p)
    vi = np.linalg.inv(v)
    a = x.T @ vi @ x
    q = c.shape[0]
    kkt = np.block([[a, c.T], [c, np.zeros((q, q))]])
    rhs = np.concatenate([x.T @ vi @ y, np.zeros(q)])
    kkt_inverse = np.linalg.inv(kkt)
    beta = (kkt_inverse @ rhs)[:p]
    cov = kkt_inverse[:p, :p]
    r = y - x @ beta
    chi2 = float(r @ vi @ r)
    result = {
        "estimates": [{"name": describe(k), "value": float(beta[j]), "standardUncertainty": float(np.sqrt(max(cov[j, j], 0)))}
                      for j, k in enumerate(unknowns)],
        "chiSquared": chi2,
        "degreesOfFreedom": n - (p - q),
        "degreesOfEquivalence": {},
    }
    if ref["kind"] == "weightedMean":
        kept = [j for j, k in enumerate(unknowns) if not (k[0] == "bias" and k[1] in reference_labs)]
        xs = x[:, kept]
        bs = np.linalg.solve(xs.T @ vi @ xs, xs.T @ vi @ y)
        rs = y - xs @ bs
        result["consistency"] = {"chiSquared": float(rs @ vi @ rs), "degreesOfFreedom": n - len(kept)}
    for j, k in enumerate(unknowns):
        if k[0] == "bias":
            result["degreesOfEquivalence"][k[1] + ("@" + k[2] if k[2] else "")] = {
                "difference": float(beta[j]), "standardUncertainty": float(np.sqrt(cov[j, j]))}
    bias_columns = [j for j, k in enumerate(unknowns) if k[0] == "bias"]
    pairs = {}
    for s_, i in enumerate(bias_columns):
        for j in bias_columns[s_ + 1:]:
            if unknowns[i][2] != unknowns[j][2]:
                continue
            name = f"{unknowns[i][1]}-{unknowns[j][1]}" + ("@" + unknowns[i][2] if unknowns[i][2] else "")
            pairs[name] = float(np.sqrt(cov[i, i] + cov[j, j] - 2 * cov[i, j]))
    result["pairwiseStandardUncertainty"] = pairs
    return result


def describe(key):
    kind = key[0]
    if kind == "bias":
        return f"bias of {key[1]}" + (f" at {key[2]}" if key[2] else "")
    comparison, artefact, point, loop = key[1], key[2], key[3], key[4]
    text = f"artefact {artefact}" if artefact else "the travelling standard"
    if point:
        text += f" at {point}"
    if loop:
        text += f" in loop {loop}"
    if comparison:
        text += f" of {comparison}"
    return ("value of " if kind == "value" else "drift of ") + text


def comparison(path):
    doc = json.load(open(path))
    out = []
    for r in doc["results"]:
        u = r["standardUncertainty"] if "standardUncertainty" in r else r["expandedUncertainty"] / r["coverageFactor"]
        out.append((r["laboratory"], r["value"], u, r.get("includedInReferenceValue", True)))
    return doc["identifier"], out


def linked(cipm_path, rmo_paths, correlations):
    cipm = comparison(cipm_path)
    rmos = [comparison(p) for p in rmo_paths]
    all_ = [cipm] + rmos
    offsets = np.cumsum([0] + [len(c[1]) for c in all_])[:-1]
    total = sum(len(c[1]) for c in all_)
    x = np.concatenate([[r[1] for r in c[1]] for c in all_])
    sigma = np.diag(np.concatenate([[r[2] ** 2 for r in c[1]] for c in all_]))
    cipm_index = {r[0]: i for i, r in enumerate(cipm[1])}
    for k, (name, results) in enumerate(rmos):
        for j, r in enumerate(results):
            if r[0] in cipm_index and r[0] in correlations:
                i = cipm_index[r[0]]
                c = correlations[r[0]] * cipm[1][i][2] * r[2]
                sigma[i, offsets[k + 1] + j] = sigma[offsets[k + 1] + j, i] = c
    w = np.array([1 / r[2] ** 2 if r[3] else 0 for r in cipm[1]])
    a = np.zeros(total)
    a[: len(cipm[1])] = w / w.sum()

    def e(i):
        v = np.zeros(total)
        v[i] = 1
        return v

    out = {"referenceValue": float(a @ x), "corrections": {}, "degreesOfEquivalence": {}}
    rows, names = [], []
    for i, r in enumerate(cipm[1]):
        rows.append(e(i) - a)
        names.append(r[0])
    for k, (name, results) in enumerate(rmos):
        deltas = [e(offsets[k + 1] + j) - (e(cipm_index[r[0]]) - a) for j, r in enumerate(results) if r[0] in cipm_index]
        jd = np.array(deltas)
        cd = jd @ sigma @ jd.T
        s = np.linalg.solve(cd, np.ones(len(deltas)))
        weights = s / s.sum()
        corr = weights @ jd
        out["corrections"][name] = {"value": float(corr @ x), "standardUncertainty": float(np.sqrt(corr @ sigma @ corr))}
        for j, r in enumerate(results):
            if r[0] not in cipm_index:
                rows.append(e(offsets[k + 1] + j) - corr)
                names.append(r[0])
    jm = np.array(rows)
    cov = jm @ sigma @ jm.T
    for q, name in enumerate(names):
        out["degreesOfEquivalence"][name] = {"difference": float(jm[q] @ x), "standardUncertainty": float(np.sqrt(cov[q, q]))}

    # Sutton's joint GLS: readings of every comparison, one artefact value per comparison, one bias
    # per laboratory, constraint Σ a_l b_l = 0 over the CIPM included laboratories.
    labs = []
    for c in all_:
        for r in c[1]:
            if r[0] not in labs:
                labs.append(r[0])
    p = len(all_) + len(labs)
    xm = np.zeros((total, p))
    for k, c in enumerate(all_):
        for j, r in enumerate(c[1]):
            xm[offsets[k] + j, k] = 1
            xm[offsets[k] + j, len(all_) + labs.index(r[0])] = 1
    included = [i for i, r in enumerate(cipm[1]) if r[3]]
    s = np.linalg.solve(sigma[np.ix_(included, included)], np.ones(len(included)))
    crow = np.zeros(p)
    for q, i in enumerate(included):
        crow[len(all_) + labs.index(cipm[1][i][0])] += s[q] / s.sum()
    vi = np.linalg.inv(sigma)
    kkt = np.block([[xm.T @ vi @ xm, crow[:, None]], [crow[None, :], np.zeros((1, 1))]])
    kinv = np.linalg.inv(kkt)
    beta = (kinv @ np.concatenate([xm.T @ vi @ x, [0]]))[:p]
    cov = kinv[:p, :p]
    out["joint"] = {lab: {"difference": float(beta[len(all_) + q]), "standardUncertainty": float(np.sqrt(cov[len(all_) + q, len(all_) + q]))}
                    for q, lab in enumerate(labs)}
    out["joint"]["(KCRV)"] = {"difference": float(beta[0]), "standardUncertainty": float(np.sqrt(cov[0, 0]))}
    return out


if __name__ == "__main__":
    cases = {}
    for name in ["correlated-five", "drift-multipoint"]:
        cases[name] = evaluate(json.load(open(os.path.join(HERE, name + ".comparison-model.json"))))
    cipm = os.path.join(HERE, "..", "published", "CCL-K1.comparison.json")
    rmo = [os.path.join(HERE, f) for f in ["rmo-a.comparison.json", "rmo-b.comparison.json"]]
    cases["linked"] = linked(cipm, rmo, {"NPL": 0.5, "LNE": 0.3, "KRISS": 0.6})
    cases["linked-one-lab"] = linked(cipm, rmo[1:], {"KRISS": 0.6})
    cases["linked-one-lab-uncorrelated"] = linked(cipm, rmo[1:], {})
    json.dump({"generator": "gls_numpy.py (numpy " + np.__version__ + ")", "cases": cases},
              open(os.path.join(HERE, "expected-numpy.json"), "w"), indent=2)
