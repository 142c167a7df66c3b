"""Overhead of the Python module: one sgdbias.sgd call of 1e5 SGD steps against the C++ rate of the
same steps (Google Benchmark BM_StochasticGradientDescent/n:40/d:100/b:1, algorithm_step_cost_benchmark).

usage: PYTHONPATH=build/python /usr/bin/python3 bench/python/python_overhead.py [BUILD_DIR] [--rounds R]

Both sides step the peers' problem (../shared/peers/data/problem.txt, n = 40, d = 100) in the peers'
convention (β = u⊙v, u₀ = √2·0.1, v₀ = 0, c = 1/4) at γ = 0.01, batch 1 with replacement; the C++
benchmark times iterate() over 1000-step runs, the Python side one call of 1e5 steps (records at the
first and last step only), so the call's own cost (argument checks, the copy of the problem,
releasing the GIL, the Trace) is inside. Both sides count CPU time (Google Benchmark's rates are per
CPU second; the call runs on the calling thread, timed with time.thread_time), which a loaded, shared
machine inflates far less than wall time; the best of 5 calls per round. Rounds alternate C++ and
Python so load drifts hit both; the medians and the spread of the per-round ratios are printed.
"""
import argparse
import json
import math
import pathlib
import statistics
import subprocess
import time

import numpy as np

import sgdbias

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
STEPS = 100_000
FILTER = "BM_StochasticGradientDescent/n:40/d:100/b:1/without_replacement:0$"


def peers_problem(path):
    numbers = path.read_text().split()
    n, d = int(numbers[0]), int(numbers[1])
    values = np.array(numbers[3:], dtype=float)
    return values[:n * d].reshape(n, d), values[n * d:n * d + n]


def cxx_steps_per_second(build):
    binary = build / "bench" / "algorithm_step_cost_benchmark"
    output = subprocess.run([str(binary), f"--benchmark_filter={FILTER}", "--benchmark_format=json",
                             "--benchmark_min_time=0.5"], check=True, capture_output=True, text=True).stdout
    return json.loads(output)["benchmarks"][0]["items_per_second"]


def python_steps_per_second(network, calls=5):
    best = math.inf
    for _ in range(calls):
        started = time.thread_time()
        sgdbias.sgd(network, step_size=0.01, steps=STEPS, seed=1)
        best = min(best, time.thread_time() - started)
    return STEPS / best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=str(REPOSITORY / "build"))
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    X, y = peers_problem(REPOSITORY.parent / "shared" / "peers" / "data" / "problem.txt")
    network = sgdbias.DiagonalLinearNetwork.custom(X, y, "product", u0=[math.sqrt(2) * 0.1], v0=[0.0],
                                                   loss_scale=0.25)
    cxx, python, ratios = [], [], []
    for round_ in range(arguments.rounds):
        cxx.append(cxx_steps_per_second(pathlib.Path(arguments.build)))
        python.append(python_steps_per_second(network))
        ratios.append(python[-1] / cxx[-1])
        print(f"round {round_ + 1}: C++ {cxx[-1] / 1e6:.2f} M steps/s, Python call {python[-1] / 1e6:.2f} M steps/s, "
              f"ratio {ratios[-1]:.3f}", flush=True)
    print(f"median: C++ {statistics.median(cxx) / 1e6:.2f} M steps/s, Python {statistics.median(python) / 1e6:.2f} "
          f"M steps/s, Python/C++ = {statistics.median(ratios):.3f} (rounds: {min(ratios):.3f} .. {max(ratios):.3f})")


if __name__ == "__main__":
    main()
