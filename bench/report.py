#!/usr/bin/python3
"""Prints the benchmark's ratios and targets as Markdown tables.

Reads the JSON files of 'advad_bench train', 'advad_bench load',
bench/reference.py and bench/peak_memory.py from one run:

    /usr/bin/python3 bench/report.py advad.json load.json reference.json \\
        experiment_memory.json
"""

import json
import math
import sys

VARIANTS = ["basic", "basic-adv", "deep", "deep-adv"]
MB = 1e6

# Targets of the product.
BOUND_RATIO = 1.3  # epoch seconds over the matrix-product bound
STUDY_SPEEDUP = 3.0  # PyTorch study seconds over advad's
WINDOWS_PER_SECOND_PER_CORE = 700_000
SINGLE_WINDOW_SECONDS = 5e-6
LOAD_SECONDS = 0.3
MEMORY_DATA_FACTOR = 1.5  # peak <= factor x float32 data + overhead
MEMORY_OVERHEAD_BYTES = 200 * MB


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |"
              for row in rows]
    return "\n".join(lines)


def verdict(met):
    return "met" if met else "NOT met"


def training_table(advad, reference, batches):
    rows = []
    train_windows = advad["windows"]["train"]
    for name in VARIANTS:
        for batch in batches:
            ours = advad["training"][name][batch]
            theirs = reference["training"][name][batch]
            epoch = ours["best_epoch_seconds"]
            steps = math.ceil(train_windows / int(batch))
            # Time outside the matrix products, spread over the steps.
            other = (epoch - ours["bound_seconds"]) / steps
            rows.append([
                name, batch, f"{epoch:.3f}",
                f"{theirs['best_epoch_seconds']:.3f}",
                f"{epoch / theirs['best_epoch_seconds']:.2f}",
                f"{ours['bound_seconds']:.3f}",
                f"{epoch / ours['bound_seconds']:.2f}",
                f"{ours['peak_bound_seconds']:.3f}",
                f"{ours['gemm_flops'] / epoch / 1e9:.1f}",
                f"{other * 1e6:.0f}"])
    return table(["variant", "batch", "advad s/epoch", "PyTorch s/epoch",
                  "advad/PyTorch", "bound s", "advad/bound",
                  "peak-rate bound s", "advad GFLOP/s",
                  "other µs/step"], rows)


def study_seconds(training, batch):
    return sum(training[name][batch]["best_epoch_seconds"]
               for name in VARIANTS)


def study_table(advad, reference, batches):
    rows = []
    for batch in batches:
        ours = study_seconds(advad["training"], batch)
        theirs = study_seconds(reference["training"], batch)
        rows.append([batch, f"{ours:.3f}", f"{theirs:.3f}",
                     f"{ours / theirs:.2f}", f"{theirs / ours:.2f}x"])
    return table(["batch", "advad s/epoch (4 variants)",
                  "PyTorch s/epoch (4 variants)", "advad/PyTorch",
                  "speed-up"], rows)


def scoring_table(advad):
    rows = []
    for name in VARIANTS:
        scoring = advad["scoring"][name]
        for path in ("engine", "detector"):
            rate = scoring[path]["windows_per_second"]
            latency = scoring[path]["single_window_seconds"]
            rows.append([
                name, path, f"{rate:,.0f}",
                f"{rate / WINDOWS_PER_SECOND_PER_CORE:.2f}",
                f"{latency * 1e6:.1f}",
                f"{latency / SINGLE_WINDOW_SECONDS:.1f}"])
    return table(["variant", "path", "windows/s/core",
                  "vs 700,000", "1 window µs", "vs 5 µs"], rows)


def scoring_batch_table(advad):
    rows = []
    for name in VARIANTS:
        batches = advad["scoring"][name]["engine"]["batches"]
        for batch in sorted(batches, key=int, reverse=True):
            run = batches[batch]
            rows.append([name, batch, f"{run['windows_per_second']:,.0f}",
                         f"{run['bound_windows_per_second']:,.0f}"])
    return table(["variant", "scoring batch", "windows/s/core",
                  "matrix-product bound windows/s"], rows)


def memory_limit(float32_bytes):
    return MEMORY_DATA_FACTOR * float32_bytes + MEMORY_OVERHEAD_BYTES


def target_rows(advad, load, reference, experiment, batches):
    training = advad["training"]
    rows = []
    for name in VARIANTS:
        for batch in batches:
            run = training[name][batch]
            ratio = run["best_epoch_seconds"] / run["bound_seconds"]
            rows.append([
                f"{name} epoch ≤ {BOUND_RATIO}x bound, batch {batch}",
                f"{ratio:.2f}x", verdict(ratio <= BOUND_RATIO)])
    for batch in batches:
        speedup = (study_seconds(reference["training"], batch)
                   / study_seconds(training, batch))
        rows.append([f"study ≥ {STUDY_SPEEDUP}x faster than PyTorch, "
                     f"batch {batch}", f"{speedup:.2f}x",
                     verdict(speedup >= STUDY_SPEEDUP)])
    for path in ("engine", "detector"):
        rate = min(advad["scoring"][n][path]["windows_per_second"]
                   for n in VARIANTS)
        latency = max(advad["scoring"][n][path]["single_window_seconds"]
                      for n in VARIANTS)
        rows.append([f"scoring ≥ 700,000 windows/s/core ({path}, slowest "
                     "variant)", f"{rate:,.0f}",
                     verdict(rate >= WINDOWS_PER_SECOND_PER_CORE)])
        rows.append([f"single window ≤ 5 µs ({path}, slowest variant)",
                     f"{latency * 1e6:.1f} µs",
                     verdict(latency <= SINGLE_WINDOW_SECONDS)])
    seconds = load["best_load_seconds"]
    rows.append([f"{load['file_bytes'] / MB:.0f} MB float64 .npy load ≤ "
                 f"{LOAD_SECONDS} s", f"{seconds:.3f} s",
                 verdict(seconds <= LOAD_SECONDS)])
    rows += memory_rows(advad, load, experiment)
    rows += thread_rows(advad)
    return table(["target", "measured", "verdict"], rows)


def memory_rows(advad, load, experiment):
    rows = []
    for label, peak, data in (
            ("advad_bench training", advad["peak_resident_bytes_training"],
             advad["data_float32_bytes"]),
            ("advad_bench load", load["peak_resident_bytes"],
             load["float32_bytes"]),
            ("'advad experiment', scale 1.0, basic, 1 epoch",
             experiment["peak_resident_bytes"],
             experiment["float32_bytes"])):
        limit = memory_limit(data)
        rows.append([f"peak memory ({label}) ≤ 1.5 x {data / MB:.1f} MB + "
                     f"200 MB = {limit / MB:.0f} MB",
                     f"{peak / MB:.0f} MB", verdict(peak <= limit)])
    return rows


def thread_settings_table(advad):
    rows = [[run["torch_intra_op"], run["openblas"],
             f"{run['best_epoch_seconds']:.3f}",
             f"{run['mean_epoch_seconds']:.3f}"]
            for run in advad["thread_settings"]]
    return table(["torch intra-op threads", "OpenBLAS threads",
                  "best s/epoch", "mean s/epoch"], rows)


def thread_rows(advad):
    threads = advad["threads"]
    worker = threads["worker_thread"]
    # With all four variants, 'advad experiment' trains one variant per
    # core at once, each in a training thread with these thread counts.
    workers = min(threads["cores"], len(VARIANTS))
    busy = max(worker["torch_intra_op"], worker["openblas"])
    rows = [["no thread oversubscription, four-variant study (training "
             "thread: torch intra-op, OpenBLAS)",
             f"{workers} x ({worker['torch_intra_op']}, "
             f"{worker['openblas']}) threads on {threads['cores']} cores",
             verdict(workers * busy <= threads["cores"])]]
    # A single variant gets all cores for both; more threads must not be
    # slower than one.
    settings = {(run["torch_intra_op"], run["openblas"]):
                run["best_epoch_seconds"] for run in advad["thread_settings"]}
    cores = threads["cores"]
    single_thread = settings[(1, 1)]
    all_cores = settings[(cores, cores)]
    rows.append(["no thread oversubscription, single variant (basic, "
                 f"batch 256, {cores} intra-op + {cores} OpenBLAS threads "
                 "vs 1 + 1)",
                 f"{all_cores / single_thread:.2f}x the 1-thread epoch",
                 verdict(all_cores <= single_thread)])
    return rows


def machine_lines(advad, load, reference):
    threads = advad["threads"]
    windows = advad["windows"]
    return [
        f"LibTorch {advad['torch_version']}, BLAS {advad['blas']}; "
        f"PyTorch {reference['torch_version']} with "
        f"{reference['torch_intra_op']} intra-op thread, "
        f"OPENBLAS_NUM_THREADS={reference['OPENBLAS_NUM_THREADS'] or 'unset'}",
        f"{threads['cores']} cores; windows of width {windows['width']}: "
        f"{windows['train']} training, {windows['validation']} validation, "
        f"{windows['test']} test",
        f"best GEMM rate (square {advad['gemm']['square_size']}): "
        f"{advad['gemm']['square_gflops']:.1f} GFLOP/s on one thread",
        f"process resident memory after LibTorch starts: "
        f"{advad['baseline_resident_bytes'] / MB:.0f} MB (train), "
        f"{load['baseline_resident_bytes'] / MB:.0f} MB (load)",
    ]


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: report.py ADVAD_JSON LOAD_JSON REFERENCE_JSON "
                 "EXPERIMENT_MEMORY_JSON")
    documents = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as file:
            documents.append(json.load(file))
    advad, load, reference, experiment = documents
    batches = list(advad["training"]["basic"])
    print("\n".join(machine_lines(advad, load, reference)))
    print("\n### Training, one core per variant (best epoch)\n")
    print(training_table(advad, reference, batches))
    print("\n### Whole study, one epoch of each variant\n")
    print(study_table(advad, reference, batches))
    print("\n### Scoring, one core\n")
    print(scoring_table(advad))
    print("\n### Engine scoring by batch size, one core\n")
    print(scoring_batch_table(advad))
    print("\n### Thread settings, basic at batch 256\n")
    print(thread_settings_table(advad))
    print("\n### Targets\n")
    print(target_rows(advad, load, reference, experiment, batches))


if __name__ == "__main__":
    main()
