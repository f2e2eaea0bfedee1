#!/usr/bin/env python3
"""Raw Philox4x64-10 outputs from numpy, for RandomTests.swift.

RandomStream(seed: s, stream: k) is numpy's Philox(key=s, counter=k << 128): key = (s, 0), counter
words (block low, block high, k, 0), and numpy increments the counter before each block, so the
first block is generated at block index 1. Outputs are written as 16-digit hex strings (JSON numbers
cannot hold 64-bit integers exactly), with the uniforms of Generator(Philox(...)).random(), which
are (raw >> 11) * 2**-53, written as the hex of their IEEE-754 bit patterns.

Run from this folder:  python3 make_philox_fixture.py
"""
import json

import numpy as np

CASES = [(0, 0), (1, 0), (12345, 0), (12345, 1), (12345, 7), (2**64 - 1, 2**64 - 1), (20260101, 3)]
COUNT = 13  # more than three blocks of four, to cross block boundaries


def main():
    cases = []
    for seed, stream in CASES:
        raw = np.random.Philox(key=seed, counter=stream << 128).random_raw(COUNT)
        uniform = np.random.Generator(np.random.Philox(key=seed, counter=stream << 128)).random(COUNT)
        cases.append({
            "seed": f"{seed:016x}",
            "stream": f"{stream:016x}",
            "raw": [f"{int(v):016x}" for v in raw],
            "uniform_bits": [f"{int(u):016x}" for u in uniform.view(np.uint64)],
        })
    out = {"generator": "make_philox_fixture.py", "numpy_version": np.__version__, "cases": cases}
    with open("philox.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote philox.json with numpy", np.__version__)


if __name__ == "__main__":
    main()
