#!/usr/bin/python3
"""Write the scikit-learn reference values of the preprocessing tests.

The C++ tests in tests/preprocess/ read the files this script writes next
to it (tests/reference/preprocess/) and compare advad's scalers, PCA, mutual information and helper
functions against them. The committed files were made with Debian 12's
python3-sklearn: scikit-learn 1.2.1, NumPy 1.24.2, SciPy 1.10.1 (the
script records the versions it ran with in every JSON file).

Inputs:
  small_*.csv      written by this script from the literals below.
  kuka_like_*.csv  a subset of `advad synth --scale 0.01 --seed 0 --out DIR`,
                   cut by this script from DIR (--kuka DIR) and committed,
                   so the tests do not depend on the generator's bytes.
  SKAB             read from --shared (default ../shared/data beside the
                   checkout) and never copied here.

Run from the repository root:
  build/advad synth --scale 0.01 --seed 0 --out /tmp/kuka-like
  /usr/bin/python3 tests/reference/preprocess/make_reference.py \
      --kuka /tmp/kuka-like
"""

import argparse
import csv
import json
import os
import sys
import warnings

import numpy as np
import scipy
import scipy.optimize
import scipy.special
import scipy.stats
import sklearn
from sklearn.decomposition import PCA
from sklearn.feature_selection import mutual_info_classif
from sklearn.feature_selection._mutual_info import _compute_mi_cd
from sklearn.preprocessing import (MaxAbsScaler, MinMaxScaler, PowerTransformer,
                                   QuantileTransformer, RobustScaler,
                                   StandardScaler)

HERE = os.path.dirname(os.path.abspath(__file__))
VERSIONS = {"scikit-learn": sklearn.__version__, "numpy": np.__version__,
            "scipy": scipy.__version__}

# Channels of the KUKA-like subset: power meter, accelerometer, gyroscopes
# (sensor 7's saturates), a quaternion part, temperatures (sensors 2 and 5
# are constant) and the integer movement index.
KUKA_CHANNELS = [
    "action",
    "machine_nameKuka Robot_power",
    "machine_nameKuka Robot_voltage",
    "machine_nameKuka Robot_power_factor",
    "machine_nameKuka Robot_current",
    "sensor_id1_AccX",
    "sensor_id1_GyroZ",
    "sensor_id1_q1",
    "sensor_id1_temp",
    "sensor_id2_temp",
    "sensor_id3_q3",
    "sensor_id4_GyroY",
    "sensor_id5_temp",
    "sensor_id6_AccY",
    "sensor_id7_AccZ",
    "sensor_id7_GyroZ",
]

SKAB_CHANNELS = ["Accelerometer1RMS", "Accelerometer2RMS", "Current",
                 "Pressure", "Temperature", "Thermocouple", "Voltage",
                 "Volume Flow RateRMS"]


def small_inputs():
    """Return the hand-made training and test matrices and channel names.

    Columns: a ramp through negative values, a constant, repeated values,
    a skewed positive channel, an all-zero channel and a negative constant.
    """
    names = ["ramp", "constant", "ties", "skewed", "zero", "negative"]
    ramp = [-3.5, -2.0, -1.25, -0.5, 0.0, 0.75, 1.5, 2.0, 3.25, 4.0, 5.5, 7.0]
    ties = [1, 1, 1, 2, 2, 2, 2, 3, 3, 5, 5, 8]
    skewed = [0.1, 0.2, 0.2, 0.4, 0.7, 1.1, 1.8, 2.9, 4.7, 7.6, 12.3, 19.9]
    train = np.array([[r, 3.5, t, s, 0.0, -2.0]
                      for r, t, s in zip(ramp, ties, skewed)])
    test = np.array([
        [-5.0, 3.5, 0.0, 0.05, 0.0, -2.0],
        [0.3, 4.0, 1.0, 0.3, 1.0, -1.0],
        [2.6, 3.0, 2.5, 3.3, -1.0, -3.0],
        [7.0, 3.5, 8.0, 19.9, 0.0, -2.0],
        [9.5, 2.0, 12.0, 40.0, 0.5, 0.0],
        [-3.5, 3.5, 4.0, 0.1, 0.0, -2.0],
    ])
    return names, train.astype(np.float32), test.astype(np.float32)


def write_csv(path, names, values, labels=None):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names + (["anomaly"] if labels is not None else []))
        for i, row in enumerate(values):
            cells = ["%.9g" % v for v in row]
            if labels is not None:
                cells.append(str(int(labels[i])))
            writer.writerow(cells)


def read_csv(path, label_column=None, delimiter=",", drop=()):
    """Read a delimited file as advad does: float32 channels, 0/1 labels."""
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    header = [name.strip() for name in rows[0]]
    keep = [i for i, name in enumerate(header)
            if name != label_column and name not in drop]
    values = np.array([[np.float32(float(row[i])) for i in keep]
                       for row in rows[1:]], dtype=np.float32)
    labels = None
    if label_column is not None and label_column in header:
        column = header.index(label_column)
        labels = np.array([int(float(row[column])) for row in rows[1:]])
    return [header[i] for i in keep], values, labels


def kuka_inputs(folder):
    """Cut the committed KUKA-like subset from generated files."""
    names = [str(n) for n in np.load(os.path.join(folder,
                                                  "KukaColumnNames.npy"))]
    normal = np.load(os.path.join(folder, "KukaNormal.npy"))
    slow = np.load(os.path.join(folder, "KukaSlow.npy"))
    columns = [names.index(c) for c in KUKA_CHANNELS]
    train = normal[0:2000:5, columns].astype(np.float32)
    test_normal = normal[2000::17, columns].astype(np.float32)
    test_slow = slow[0::10, columns].astype(np.float32)
    test = np.vstack([test_normal, test_slow])
    labels = np.r_[np.zeros(len(test_normal), int), np.ones(len(test_slow),
                                                             int)]
    return train, test, labels


def scaler_configs():
    """Return (advad name, options, scikit-learn estimator) triples."""
    def quantile(output, count):
        return QuantileTransformer(n_quantiles=count,
                                   output_distribution=output,
                                   subsample=10**9)
    return [
        ("minmax", {}, MinMaxScaler()),
        ("minmax-clip", {}, MinMaxScaler(clip=True)),
        ("standard", {}, StandardScaler()),
        ("robust", {}, RobustScaler()),
        ("maxabs", {}, MaxAbsScaler()),
        ("power", {}, PowerTransformer(method="yeo-johnson",
                                       standardize=True)),
        ("quantile-uniform", {"quantiles": 1000}, quantile("uniform", 1000)),
        ("quantile-normal", {"quantiles": 1000}, quantile("normal", 1000)),
        ("quantile-uniform", {"quantiles": 7}, quantile("uniform", 7)),
        ("quantile-normal", {"quantiles": 7}, quantile("normal", 7)),
    ]


def fitted_parameters(name, estimator):
    """Return the fitted statistics advad exposes, by advad's names."""
    if name.startswith("minmax"):
        return {"minimum": estimator.data_min_, "maximum": estimator.data_max_}
    if name == "standard":
        return {"offset": estimator.mean_, "divisor": estimator.scale_,
                "variance": estimator.var_}
    if name == "robust":
        return {"offset": estimator.center_, "divisor": estimator.scale_}
    if name == "maxabs":
        return {"divisor": estimator.scale_}
    if name == "power":
        return {"lambdas": estimator.lambdas_,
                "mean": estimator._scaler.mean_,
                "scale": estimator._scaler.scale_}
    if estimator.n_quantiles_ <= 50:
        return {"references": estimator.references_,
                "quantiles": estimator.quantiles_.T}
    return {}


def as_lists(mapping):
    return {k: np.asarray(v, dtype=float).tolist() for k, v in mapping.items()}


def rounded(values):
    """Return nested lists of floats rounded to 12 significant digits,
    enough for the tests' tolerances and a third of the file size."""
    return [[float("%.12g" % v) for v in row] for row in np.asarray(values)]


def constant_channels(train):
    return [int(c) for c in range(train.shape[1])
            if np.all(train[:, c] == train[0, c])]


def scaler_reference(names, train, test, train_rows, sources):
    """Fit every scaler on float64 copies of the float32 training values
    and transform the given training rows and float32 test values."""
    train64 = train.astype(np.float64)
    test64 = test.astype(np.float64)
    results = []
    for name, options, estimator in scaler_configs():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            estimator.fit(train64)
            train_out = (estimator.transform(train64[train_rows])
                         if len(train_rows) else np.zeros((0, 0)))
            test_out = estimator.transform(test64)
        results.append({
            "name": name,
            "options": options,
            "parameters": as_lists(fitted_parameters(name, estimator)),
            "train_transformed": rounded(train_out),
            "test_transformed": rounded(test_out),
        })
    return {"versions": VERSIONS, "sources": sources, "channels": names,
            "constant_channels": constant_channels(train),
            "train_rows": [int(r) for r in train_rows],
            "test_values": test64.tolist(),
            "scalers": results}


def probe_values(train):
    """Return test values made from statistics of `train`, not its rows, so
    that no row of third-party data is committed: per channel, 21 steps
    from 10% below the minimum to 10% above the maximum, then the quartiles
    and extremes themselves (knots of the quantile scalers)."""
    low = train.min(axis=0).astype(np.float64)
    high = train.max(axis=0).astype(np.float64)
    margin = 0.1 * (high - low)
    steps = np.linspace(low - margin, high + margin, 21)
    quartiles = np.percentile(train.astype(np.float64), [25, 50, 75], axis=0)
    probes = np.vstack([steps, quartiles, low, high])
    return probes.astype(np.float32)


def windows(values, length):
    """Return the flattened windows of `length` rows, stride 1."""
    return np.array([values[r:r + length].ravel()
                     for r in range(len(values) - length + 1)])


def minmax_as_advad(train, values):
    """Scale as advad's MinMaxScaler: (x - min) / range in float64, to
    float32, so that PCA sees the same float32 inputs."""
    train64 = train.astype(np.float64)
    low = train64.min(axis=0)
    spread = train64.max(axis=0) - low
    spread[spread < 10 * np.finfo(np.float64).eps] = 1.0
    return ((values.astype(np.float64) - low) / spread).astype(np.float32)


def pca_reference(train, window_length, sources):
    samples = windows(minmax_as_advad(train, train), window_length)
    samples64 = samples.astype(np.float64)
    fits = []
    for options in ({"variance_fraction": 0.95}, {"components": 3}):
        count = options.get("components", options.get("variance_fraction"))
        pca = PCA(n_components=count, svd_solver="full").fit(samples64)
        fits.append({
            "options": options,
            "component_count": int(pca.n_components_),
            "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
            "all_explained_variance_ratio":
                PCA(svd_solver="full").fit(samples64)
                .explained_variance_ratio_.tolist(),
            "mean": pca.mean_.tolist(),
            "components": pca.components_.tolist(),
            "first_projections": rounded(pca.transform(samples64[:5])),
        })
    return {"versions": VERSIONS, "sources": sources,
            "scaling": "minmax fitted on the training rows, as advad",
            "window_length": window_length, "window_count": len(samples),
            "fits": fits}


def mutual_information_reference(names, values, labels, sources):
    x = values.astype(np.float64)
    seeded = {str(seed): mutual_info_classif(x, labels, n_neighbors=3,
                                             random_state=seed).tolist()
              for seed in (0, 7)}
    # Without the tie-breaking noise: the estimator on the columns scaled
    # by their standard deviation, as mutual_info_classif scales them.
    spread = x.std(axis=0)
    spread[spread < 10 * np.finfo(np.float64).eps] = 1.0
    scaled = x / spread
    noiseless = [float(_compute_mi_cd(scaled[:, c], labels, 3))
                 for c in range(x.shape[1])]
    return {"versions": VERSIONS, "sources": sources, "channels": names,
            "n_neighbors": 3, "with_noise": seeded, "without_noise": noiseless}


def helper_reference():
    probabilities = [1e-300, 1e-7 - np.spacing(1), 1e-3, 0.025, 0.3, 0.5,
                     0.7, 0.975, 1 - 1e-3, 1 - (1e-7 - np.spacing(1))]
    arguments = [0.5, 1, 2, 3, 7.3, 10, 100, 401, 1147, 123456]
    normals = {str(seed): np.random.RandomState(seed)
               .standard_normal(12).tolist() for seed in (0, 42)}
    uniforms = np.random.RandomState(0).random_sample(4).tolist()
    def infinite(_):
        return np.inf

    def nan_outside(x):
        return (x - 0.3) ** 2 if abs(x) < 5 else np.nan

    functions = {
        "quadratic": lambda x: (x - 1.5) ** 2 + 0.25,
        "multimodal": lambda x: np.sin(3 * x) + 0.1 * x * x,
        "infinite": infinite,
        "nan_outside": nan_outside,
    }
    minimizers = {name: float(scipy.optimize.brent(f, brack=(-2, 2)))
                  for name, f in functions.items()}
    return {"versions": VERSIONS,
            "brent_from_bracket_minus_2_2": minimizers,
            "normal_quantile": {"p": probabilities,
                                "x": scipy.stats.norm.ppf(probabilities)
                                .tolist()},
            "digamma": {"x": arguments,
                        "psi": scipy.special.digamma(arguments).tolist()},
            "random_state_standard_normal": normals,
            "random_state_random_sample_seed_0": uniforms}


def write_json(name, content):
    with open(os.path.join(HERE, name), "w") as handle:
        json.dump(content, handle, separators=(",", ":"))
        handle.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kuka", required=True,
                        help="folder written by advad synth --scale 0.01 "
                             "--seed 0")
    parser.add_argument("--shared", default=os.path.join(
        HERE, "..", "..", "..", "..", "shared", "data"))
    args = parser.parse_args()

    names, train, test = small_inputs()
    write_csv(os.path.join(HERE, "small_train.csv"), names, train)
    write_csv(os.path.join(HERE, "small_test.csv"), names, test)
    write_json("scalers_small.json", scaler_reference(
        names, train, test, np.arange(len(train)),
        {"train": "small_train.csv", "test": "small_test.csv"}))

    train, test, labels = kuka_inputs(args.kuka)
    write_csv(os.path.join(HERE, "kuka_like_train.csv"), KUKA_CHANNELS,
              train)
    write_csv(os.path.join(HERE, "kuka_like_test.csv"), KUKA_CHANNELS, test,
              labels)
    _, reread, _ = read_csv(os.path.join(HERE, "kuka_like_train.csv"))
    assert np.array_equal(reread, train), "CSV does not round-trip float32"
    kuka_sources = {"train": "kuka_like_train.csv",
                    "test": "kuka_like_test.csv (label column anomaly)"}
    write_json("scalers_kuka_like.json", scaler_reference(
        KUKA_CHANNELS, train, test[::2], np.arange(0, len(train), 50),
        dict(kuka_sources, test="every second row of kuka_like_test.csv")))
    write_json("pca_kuka_like.json", pca_reference(train, 5, kuka_sources))
    both = np.vstack([train, test])
    both_labels = np.r_[np.zeros(len(train), int), labels]
    write_json("mutual_information_kuka_like.json",
               mutual_information_reference(
                   KUKA_CHANNELS, both, both_labels,
                   {"values": "kuka_like_train.csv (label 0) then "
                              "kuka_like_test.csv"}))

    skab = os.path.join(args.shared, "skab")
    if not os.path.isdir(skab):
        sys.exit(f"SKAB not found at {skab}; pass --shared")
    skab_train_path = os.path.join(skab, "anomaly-free", "anomaly-free.csv")
    skab_test_path = os.path.join(skab, "valve1", "0.csv")
    drop = ("datetime", "changepoint")
    names, skab_train, _ = read_csv(skab_train_path, delimiter=";",
                                    drop=drop)
    names_test, skab_test, skab_labels = read_csv(
        skab_test_path, label_column="anomaly", delimiter=";", drop=drop)
    assert names == SKAB_CHANNELS and names_test == SKAB_CHANNELS
    skab_sources = {"train": "skab/anomaly-free/anomaly-free.csv",
                    "test": "probe values, see probe_values()"}
    write_json("scalers_skab.json", scaler_reference(
        names, skab_train, probe_values(skab_train), np.arange(0),
        skab_sources))
    write_json("mutual_information_skab.json", mutual_information_reference(
        names, skab_test, skab_labels,
        {"values": "skab/valve1/0.csv", "labels": "its anomaly column"}))

    write_json("helpers.json", helper_reference())


if __name__ == "__main__":
    main()
