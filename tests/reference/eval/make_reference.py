#!/usr/bin/python3
"""Writes the reference values that tests/eval compares advad against.

Run from this folder with Debian 12's packages (python3-sklearn 1.2.1,
python3-scipy 1.10.1, python3-numpy 1.24.2):

    /usr/bin/python3 make_reference.py

It writes three JSON files next to itself. The tests read them, so the
build and the tests never need Python.

- ranking.json: ROC-AUC and average precision from scikit-learn
  (roc_auc_score, average_precision_score) on scores with many ties.
- gpd_fit.json: generalized Pareto maximum-likelihood fits from SciPy
  (genpareto.fit with the location fixed at 0, refined by Nelder-Mead
  with tight tolerances) on samples of known shape.
- range_metrics.json: PA%K F1 and VUS from a direct NumPy transcription of
  the definitions (Kim et al., AAAI 2022; Paparrizos et al., VLDB 2022),
  written independently of the C++ code: a second implementation, not an
  outside authority.
"""

import json

import numpy as np
import scipy
import sklearn
from scipy import optimize, stats
from sklearn.metrics import average_precision_score, roc_auc_score


def versions():
    return {
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
    }


def tied_case(seed, size, levels, positive_rate):
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, levels, size) / 4.0
    labels = (rng.random(size) < positive_rate).astype(int)
    return scores, labels


def ranking_cases():
    cases = []
    for seed, size, levels, rate in [(1, 300, 20, 0.2), (2, 500, 7, 0.05),
                                     (3, 200, 200, 0.5)]:
        scores, labels = tied_case(seed, size, levels, rate)
        cases.append({
            "scores": scores.tolist(),
            "labels": labels.tolist(),
            "roc_auc": roc_auc_score(labels, scores),
            "average_precision": average_precision_score(labels, scores),
        })
    return cases


def gpd_log_likelihood(params, excesses):
    shape, scale = params
    if scale <= 0:
        return -np.inf
    return float(np.sum(stats.genpareto.logpdf(excesses, shape, 0, scale)))


def gpd_cases():
    cases = []
    for seed, shape, scale, size in [(11, 0.3, 2.0, 400), (12, 0.0, 0.5, 300),
                                     (13, -0.25, 1e-3, 500)]:
        rng = np.random.default_rng(seed)
        excesses = stats.genpareto.rvs(shape, 0, scale, size=size,
                                       random_state=rng)
        fit_shape, _, fit_scale = stats.genpareto.fit(excesses, floc=0)
        refined = optimize.minimize(
            lambda p: -gpd_log_likelihood(p, excesses),
            [fit_shape, fit_scale], method="Nelder-Mead",
            options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000})
        cases.append({
            "excesses": excesses.tolist(),
            "shape": float(refined.x[0]),
            "scale": float(refined.x[1]),
            "log_likelihood": gpd_log_likelihood(refined.x, excesses),
        })
    return cases


def runs(marks):
    """Maximal runs of 1 as (begin, end) with end exclusive."""
    result = []
    begin = None
    for i, mark in enumerate(list(marks) + [0]):
        if mark and begin is None:
            begin = i
        elif not mark and begin is not None:
            result.append((begin, i))
            begin = None
    return result


def f1_of(flags, labels):
    tp = int(np.sum(flags & labels))
    flagged = int(np.sum(flags))
    positives = int(np.sum(labels))
    if flagged == 0 or positives == 0:
        return None
    return 2 * tp / (flagged + positives)


def pak_f1(flags, labels, k):
    adjusted = flags.copy()
    for begin, end in runs(labels):
        if np.sum(flags[begin:end]) > k / 100 * (end - begin):
            adjusted[begin:end] = 1
    return f1_of(adjusted, labels)


def range_labels(labels, buffer):
    y = labels.astype(float)
    reach = buffer // 2
    for begin, end in runs(labels):
        for d in range(1, reach + 1):
            weight = np.sqrt(1 - d / buffer)
            if begin - d >= 0:
                y[begin - d] += weight
            if end - 1 + d < len(y):
                y[end - 1 + d] += weight
    return np.minimum(y, 1.0)


def range_auc(scores, labels, buffer):
    y = range_labels(labels, buffer)
    ranges = runs((y > 0).astype(int))
    p = (labels.sum() + y.sum()) / 2
    n = len(y) - p
    tpr, fpr, precision = [0.0], [0.0], [1.0]
    for threshold in sorted(set(scores.tolist()), reverse=True):
        flags = scores >= threshold
        tp = float(np.sum(y * flags))
        hit = sum(1 for b, e in ranges if flags[b:e].any())
        tpr.append(min(tp / p, 1.0) * hit / len(ranges))
        fpr.append((flags.sum() - tp) / n)
        precision.append(tp / flags.sum())
    pr = sum((tpr[k] - tpr[k - 1]) * (precision[k] + precision[k - 1]) / 2
             for k in range(1, len(tpr)))
    tpr.append(1.0)
    fpr.append(1.0)
    roc = sum((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2
              for k in range(1, len(tpr)))
    return roc, pr


def range_cases():
    cases = []
    for seed, size in [(21, 120), (22, 250)]:
        rng = np.random.default_rng(seed)
        labels = np.zeros(size, dtype=int)
        for start in rng.choice(size - 12, 4, replace=False):
            labels[start:start + rng.integers(1, 12)] = 1
        scores = rng.integers(0, 15, size) / 2.0 + 3.0 * labels
        flags = (scores > 6.0).astype(int)
        aucs = [range_auc(scores, labels, b) for b in range(0, 9)]
        cases.append({
            "scores": scores.tolist(),
            "labels": labels.tolist(),
            "threshold": 6.0,
            "pak_f1": [pak_f1(flags, labels, k) for k in range(101)],
            "max_buffer": 8,
            "range_auc_roc": [a[0] for a in aucs],
            "range_auc_pr": [a[1] for a in aucs],
            "vus_roc": float(np.mean([a[0] for a in aucs])),
            "vus_pr": float(np.mean([a[1] for a in aucs])),
        })
    return cases


def write(name, cases):
    with open(name, "w") as out:
        json.dump({"versions": versions(), "cases": cases}, out)
        out.write("\n")


if __name__ == "__main__":
    write("ranking.json", ranking_cases())
    write("gpd_fit.json", gpd_cases())
    write("range_metrics.json", range_cases())
