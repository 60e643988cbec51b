#!/usr/bin/python3
"""Runs a command and records its peak resident memory as JSON.

The float32 size of the KUKA folder's channels goes beside it, so that
the peak can be compared with the data it trained on:

    /usr/bin/python3 bench/peak_memory.py --kuka DIR --out peak.json -- \\
        build-bench/advad experiment --kuka DIR ...
"""

import argparse
import json
import os
import resource
import subprocess
import sys

import numpy as np


def float32_channel_bytes(folder):
    """Returns 4 bytes per value of every channel advad trains on: all
    columns of both files except `action` and `anomaly`."""
    names = [str(n) for n in
             np.load(os.path.join(folder, "KukaColumnNames.npy"))]
    channels = len([n for n in names if n not in ("action", "anomaly")])
    rows = sum(np.load(os.path.join(folder, name), mmap_mode="r").shape[0]
               for name in ("KukaNormal.npy", "KukaSlow.npy"))
    return 4 * rows * channels


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kuka", required=True,
                        help="KUKA folder the command reads")
    parser.add_argument("--out", required=True, help="JSON file to write")
    parser.add_argument("command", nargs="+", help="command to run")
    args = parser.parse_args()
    completed = subprocess.run(args.command, check=False)
    if completed.returncode != 0:
        sys.exit(f"peak_memory.py: {' '.join(args.command)} failed with "
                 f"exit status {completed.returncode}")
    # Linux reports ru_maxrss in KiB: the largest child's peak.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"command": args.command,
                   "peak_resident_bytes": peak,
                   "float32_bytes": float32_channel_bytes(args.kuka)},
                  out, indent=2)


if __name__ == "__main__":
    main()
