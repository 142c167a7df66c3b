#!/usr/bin/env python3
"""Reads what run.sh measured (Google Benchmark JSON of the library and the roofline probe, the
peers' MEAS lines) and prints one table of ratios against the targets of issue 9.

Every rate is trajectory-steps per second, the median over repetitions of the same run; `spread`
is (max - min) / median over those repetitions, the machine noise seen. A roofline bound is
(probe GFLOP/s) / (flops per step), with the flop counts of bench/flop_counts.hpp.
"""
import argparse
import json
import os
import re
import statistics
import sys

N, D = 40, 100
FLOPS = {"gd": 4 * N * D + 6 * D, "sgd": 8 * D, "sgf_em": 4 * N * D + 5 * N + 6 * D}


class Rate:
    def __init__(self, values):
        self.values = list(values)
        self.median = statistics.median(self.values)
        self.spread = (max(self.values) - min(self.values)) / self.median if self.median else 0.0

    def __str__(self):
        return f"{self.median:.3g} (±{100 * self.spread / 2:.0f}%)"


def read_gbench(path, field):
    """{run_name: Rate of `field`} over the repetitions of each benchmark."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        runs = json.load(f).get("benchmarks", [])
    values = {}
    for run in runs:
        if run.get("run_type", "iteration") != "iteration" or field not in run:
            continue
        name = re.sub(r"/(real_time|manual_time)$", "", run.get("run_name", run["name"]))
        values.setdefault(name, []).append(float(run[field]))
    return {name: Rate(v) for name, v in values.items()}


def read_peers(path):
    """{(impl, alg): Rate} from the MEAS lines."""
    peers = {}
    if not os.path.exists(path):
        return peers
    for line in open(path):
        if not line.startswith("MEAS "):
            continue
        fields = dict(tok.split("=", 1) for tok in line.split()[1:] if "=" in tok)
        peers[(fields["impl"], fields["alg"])] = Rate(float(r) for r in fields["rates"].split(","))
    return peers


def read_machine(path):
    """The CPU line run.sh wrote (model, family/model, vector width), or None."""
    if not os.path.exists(path):
        return None
    for line in open(path):
        if line.startswith("cpu="):
            return line[len("cpu="):].strip()
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, help="directory written by run.sh")
    args = parser.parse_args()
    library = read_gbench(os.path.join(args.out, "library.json"), "items_per_second")
    roofline = read_gbench(os.path.join(args.out, "roofline.json"), "GFLOPS")
    peers = read_peers(os.path.join(args.out, "peers.txt"))

    # The faster of Eigen's GEMV and the multiversioned kernel: the best this machine showed.
    gemv_runs = [roofline.get(f"BM_RooflineGemvPair{variant}/n:40/d:100") for variant in ("", "Multiversioned")]
    gemv = max([r for r in gemv_runs if r], key=lambda r: r.median, default=None)
    gemm_runs = [r for name, r in roofline.items()
                 if name.startswith(("BM_RooflineGemmPair/n:40/d:100/", "BM_RooflineGemmPairMultiversioned/n:40/d:100/"))]
    gemm = max(gemm_runs, key=lambda r: r.median) if gemm_runs else None
    peak = max([r for r in (gemv, gemm) if r], key=lambda r: r.median, default=None)

    def bound(probe, alg):
        return None if probe is None else Rate(v * 1e9 / FLOPS[alg] for v in probe.values)

    def lib(key):
        return library.get(f"SideBySide/{key}")

    def peer(impl, alg):
        return peers.get((impl, "sgf" if alg == "sgf_em" else alg))

    rows = []  # (alg, label, library Rate, reference name, reference Rate, target ratio)
    names = {"gd": "GD", "sgd": "SGD batch 1", "sgf_em": "SGF Euler-Maruyama"}
    targets = {  # issue 9
        ("gd", "single", "NumPy loop"): 20, ("gd", "single", "roofline"): 0.6,
        ("gd", "ensemble", "roofline"): 0.6,
        ("sgd", "single", "NumPy loop"): 200, ("sgd", "ensemble", "NumPy batched"): 5,
        ("sgf_em", "single", "NumPy loop"): 30, ("sgf_em", "single", "roofline"): 0.5,
        ("sgf_em", "ensemble", "NumPy batched"): 2.5, ("sgf_em", "ensemble", "PyTorch batched"): 3,
        ("sgf_em", "ensemble", "roofline"): 0.5,
    }
    for alg in ("gd", "sgd", "sgf_em"):
        single = lib(f"{alg}/single")
        single_probe = peak if alg == "sgd" else gemv
        probe_name = "roofline (peak GFLOP/s)" if alg == "sgd" else "roofline (GEMV pair)"
        rows.append((alg, f"{names[alg]}, 1 trajectory", single, "NumPy loop", peer("numpy_loop", alg),
                     targets.get((alg, "single", "NumPy loop"))))
        rows.append((alg, f"{names[alg]}, 1 trajectory", single, probe_name, bound(single_probe, alg),
                     targets.get((alg, "single", "roofline"))))
        one = lib(f"{alg}/ensemble/threads:1")
        label = f"{names[alg]}, ensemble K=1000, 1 core"
        rows.append((alg, label, one, "NumPy batched", peer("numpy_batched", alg),
                     targets.get((alg, "ensemble", "NumPy batched"))))
        rows.append((alg, label, one, "PyTorch batched", peer("torch_batched", alg),
                     targets.get((alg, "ensemble", "PyTorch batched"))))
        # An ensemble may step its paths one at a time (GEMV pairs) or together (GEMM pairs): its
        # bound is the faster of the two probes.
        rows.append((alg, label, one, "roofline (peak GFLOP/s)", bound(peak, alg), targets.get((alg, "ensemble", "roofline"))))
        rows.append((alg, f"{names[alg]}, ensemble, 2 cores", lib(f"{alg}/ensemble/threads:2"),
                     "same, 1 core", one, 1.85))
        if alg != "sgd":  # informational: the same ensemble stepped one path at a time (GEMV pairs)
            by_path = lib(f"{alg}/ensemble_path_by_path/threads:1")
            rows.append((alg, f"{names[alg]}, ensemble K=1000 path by path, 1 core", by_path, "NumPy batched",
                         peer("numpy_batched", alg), None))
            rows.append((alg, f"{names[alg]}, ensemble path by path, 2 cores",
                         lib(f"{alg}/ensemble_path_by_path/threads:2"), "same, 1 core", by_path, None))

    def ceiling(alg, ref_name, ref):
        """The largest ratio this machine allows: the flop-count bound at the best GFLOP/s measured
        here (the peak probe) over the reference; 2 for two cores; 1 against a roofline."""
        if ref_name == "same, 1 core":
            return 2.0
        if ref_name.startswith("roofline"):
            return 1.0
        top = bound(peak, alg)
        return top.median / ref.median if top and ref else None

    print("| algorithm | library tsps | versus | reference tsps | ratio | target | ceiling here | result |")
    print("|---|---|---|---|---|---|---|---|")
    passed = failed = unreachable = 0
    for alg, label, mine, ref_name, ref, target in rows:
        ratio = mine.median / ref.median if mine and ref else None
        limit = ceiling(alg, ref_name, ref)
        verdict = "n/a"
        if ratio is not None and target is not None:
            verdict = "pass" if ratio >= target else "FAIL"
            passed += verdict == "pass"
            failed += verdict == "FAIL"
            if verdict == "FAIL" and limit is not None and limit < target:
                verdict += " (target above the ceiling)"
                unreachable += 1
        elif target is not None:
            verdict = "not measured"
        print(f"| {label} | {mine or 'not built'} | {ref_name} | {ref or 'missing'} | "
              f"{'' if ratio is None else f'{ratio:.3g}x'} | {'' if target is None else f'>= {target}x'} | "
              f"{'' if limit is None else f'{limit:.3g}x'} | {verdict} |")
    print()
    machine = read_machine(os.path.join(args.out, "environment.txt"))
    if machine:
        print(f"Machine: {machine}.")
    if gemv and gemm:
        eigen_gemv = gemv_runs[0]
        print(f"Roofline probe (1 core, this build): GEMV pair n=40 d=100 {gemv} GFLOP/s (Eigen alone "
              f"{eigen_gemv}), GEMM pair n=40 d=100 best K {gemm} GFLOP/s (the faster of Eigen and the "
              "multiversioned panel kernel).")
    print(f"Targets: {passed} pass, {failed} fail ({unreachable} of them above this machine's ceiling). Medians over "
          "repetitions; (±x%) is half the max-min spread over the repetitions of this run. Ceiling: the flop-count "
          "bound at the peak GFLOP/s probed here over the reference (2x for two cores); SGD batch 1 is latency-bound, "
          "so its ceiling is far above what any implementation reaches.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
