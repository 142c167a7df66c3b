#!/usr/bin/env python3
"""Reads what run.sh measured (Google Benchmark JSON of the library and the roofline probe, the
peers' MEAS lines) and prints one table of ratios against the targets of issue 9.

run.sh measures in rounds (out/round1, out/round2, ...: probe, library, peers in each). Every rate
is trajectory-steps per second, the median over all repetitions of all rounds; `spread` is
(max - min) / median over them, the machine noise seen. Each ratio is formed within a round and
the median over rounds reported, so library and reference are measured less than a minute apart. A
roofline bound is (probe GFLOP/s) / (flops per step), with the flop counts of bench/flop_counts.hpp.
"""
import argparse
import json
import math
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


def read_program(directory):
    """The program end to end (run.sh: `sgdbias run sparsity-bias --methods sgf-euler-maruyama`):
    path-steps = trajectories x ceil(time / step size) x sgf substeps from run.json's options, over
    the process's wall time ("end_to_end") and over the ensemble time run.json reports ("ensemble")."""
    manifest_path = os.path.join(directory, "program", "run.json")
    wall_path = os.path.join(directory, "program.txt")
    if not (os.path.exists(manifest_path) and os.path.exists(wall_path)):
        return {}
    with open(manifest_path) as f:
        manifest = json.load(f)
    options = dict(manifest["options"]) if isinstance(manifest["options"], list) else manifest["options"]
    steps = math.ceil(options["time"] / options["step-size"] - 1e-9)
    path_steps = options["trajectories"] * steps * options["sgf-substeps"]
    text = open(wall_path).read()
    wall = float(re.search(r"wall_seconds=([0-9.]+)", text).group(1))
    cpu = re.search(r"cpu_seconds=([0-9.]+)", text)
    results = manifest.get("results", {})
    results = dict(results) if isinstance(results, list) else results
    rates = {"SideBySide/program/end_to_end": Rate([path_steps / wall])}
    if cpu:
        rates["SideBySide/program/end_to_end_cpu"] = Rate([path_steps / float(cpu.group(1))])
    if "path_steps_per_second" in results:
        rates["SideBySide/program/ensemble"] = Rate([float(results["path_steps_per_second"])])
    return rates


def read_machine(path):
    """The CPU line run.sh wrote (model, family/model, vector width), or None."""
    if not os.path.exists(path):
        return None
    for line in open(path):
        if line.startswith("cpu="):
            return line[len("cpu="):].strip()
    return None


class Measurements:
    """What one round measured (or all rounds pooled): library, roofline probe and peers, as Rates."""

    def __init__(self, library, roofline, peers):
        self.library, self.roofline, self.peers = library, roofline, peers
        # The program rows (issue 22) are kept in `library` under "SideBySide/program/...".
        # The faster of Eigen's GEMV and the multiversioned kernel: the best this machine showed.
        self.gemv_runs = [roofline.get(f"BM_RooflineGemvPair{variant}/n:40/d:100")
                          for variant in ("", "Multiversioned")]
        self.gemv = max([r for r in self.gemv_runs if r], key=lambda r: r.median, default=None)
        gemm_runs = [r for name, r in roofline.items()
                     if name.startswith(("BM_RooflineGemmPair/n:40/d:100/",
                                         "BM_RooflineGemmPairMultiversioned/n:40/d:100/"))]
        self.gemm = max(gemm_runs, key=lambda r: r.median) if gemm_runs else None
        self.peak = max([r for r in (self.gemv, self.gemm) if r], key=lambda r: r.median, default=None)

    @classmethod
    def read(cls, directory):
        library = read_gbench(os.path.join(directory, "library.json"), "items_per_second")
        for name, rate in read_gbench(os.path.join(directory, "library.json"), "items_per_cpu_second").items():
            library[name + "/cpu"] = rate  # ensembles: trajectory-steps per process CPU second
        library.update(read_program(directory))
        return cls(library,
                   read_gbench(os.path.join(directory, "roofline.json"), "GFLOPS"),
                   read_peers(os.path.join(directory, "peers.txt")))

    @classmethod
    def pooled(cls, rounds):
        """Every repetition of every round in one Rate per quantity."""
        def merge(part):
            values = {}
            for measured in rounds:
                for key, rate in getattr(measured, part).items():
                    values.setdefault(key, []).extend(rate.values)
            return {key: Rate(v) for key, v in values.items()}
        return cls(merge("library"), merge("roofline"), merge("peers"))

    def lib(self, key):
        return self.library.get(f"SideBySide/{key}")

    def peer(self, impl, alg):
        return self.peers.get((impl, "sgf" if alg == "sgf_em" else alg))

    def bound(self, probe, alg):
        probe = getattr(self, probe)
        return None if probe is None else Rate(v * 1e9 / FLOPS[alg] for v in probe.values)


def table_rows():
    """(label, library quantity, reference name, reference quantity, target, alg): a quantity is a
    function of Measurements, so that every ratio can be formed round by round."""
    rows = []
    names = {"gd": "GD", "sgd": "SGD batch 1", "sgf_em": "SGF Euler-Maruyama"}
    targets = {  # issue 9
        ("gd", "single", "NumPy loop"): 20, ("gd", "single", "roofline"): 0.6,
        ("gd", "ensemble", "roofline"): 0.6,
        ("sgd", "single", "NumPy loop"): 200, ("sgd", "ensemble", "NumPy batched"): 5,
        ("sgf_em", "single", "NumPy loop"): 30, ("sgf_em", "single", "roofline"): 0.5,
        ("sgf_em", "ensemble", "NumPy batched"): 2.5, ("sgf_em", "ensemble", "PyTorch batched"): 3,
        ("sgf_em", "ensemble", "roofline"): 0.5,
    }
    lib = lambda key: lambda m: m.lib(key)  # noqa: E731
    peer = lambda impl, alg: lambda m: m.peer(impl, alg)  # noqa: E731
    bound = lambda probe, alg: lambda m: m.bound(probe, alg)  # noqa: E731
    for alg in ("gd", "sgd", "sgf_em"):
        single = lib(f"{alg}/single")
        single_probe = "peak" if alg == "sgd" else "gemv"
        probe_name = "roofline (peak GFLOP/s)" if alg == "sgd" else "roofline (GEMV pair)"
        rows.append((f"{names[alg]}, 1 trajectory", single, "NumPy loop", peer("numpy_loop", alg),
                     targets.get((alg, "single", "NumPy loop")), alg))
        rows.append((f"{names[alg]}, 1 trajectory", single, probe_name, bound(single_probe, alg),
                     targets.get((alg, "single", "roofline")), alg))
        one = lib(f"{alg}/ensemble/threads:1")
        label = f"{names[alg]}, ensemble K=1000, 1 core"
        rows.append((label, one, "NumPy batched", peer("numpy_batched", alg),
                     targets.get((alg, "ensemble", "NumPy batched")), alg))
        rows.append((label, one, "PyTorch batched", peer("torch_batched", alg),
                     targets.get((alg, "ensemble", "PyTorch batched")), alg))
        # An ensemble may step its paths one at a time (GEMV pairs) or together (GEMM pairs): its
        # bound is the faster of the two probes.
        rows.append((label, one, "roofline (peak GFLOP/s)", bound("peak", alg),
                     targets.get((alg, "ensemble", "roofline")), alg))
        rows.append((f"{names[alg]}, ensemble, 2 cores", lib(f"{alg}/ensemble/threads:2"), "same, 1 core", one,
                     1.85, alg))
        if alg != "sgd":  # informational: the same ensemble stepped one path at a time (GEMV pairs)
            by_path = lib(f"{alg}/ensemble_path_by_path/threads:1")
            rows.append((f"{names[alg]}, ensemble K=1000 path by path, 1 core", by_path, "NumPy batched",
                         peer("numpy_batched", alg), None, alg))
            rows.append((f"{names[alg]}, ensemble path by path, 2 cores",
                         lib(f"{alg}/ensemble_path_by_path/threads:2"), "same, 1 core", by_path, None, alg))
    # The program end to end (issue 22): `sgdbias run sparsity-bias --methods sgf-euler-maruyama
    # --trajectories 256 --threads 1`, timed as a process, against the peers and the library's own
    # ensemble benchmark of the same round (the panel rate must reach the user: >= 0.8 of it).
    program = lib("program/end_to_end")
    label = "SGF EM, the PROGRAM end to end (sparsity-bias, 256 paths), 1 core"
    rows.append((label, program, "NumPy batched", peer("numpy_batched", "sgf_em"), 2, "sgf_em"))
    rows.append((label, program, "library ensemble benchmark", lib("sgf_em/ensemble/threads:1"), 0.8, "sgf_em"))
    # Per CPU second (the process's user + system time): what the comparison is on a shared machine,
    # where wall-clock rates move with the other processes' load.
    rows.append(("SGF EM, the PROGRAM end to end, per CPU second", lib("program/end_to_end_cpu"),
                 "library ensemble benchmark", lib("sgf_em/ensemble/threads:1/cpu"), 0.8, "sgf_em"))
    rows.append(("SGF EM, the program's ensembles only (run.json rate), 1 core", lib("program/ensemble"),
                 "library ensemble benchmark", lib("sgf_em/ensemble/threads:1"), None, "sgf_em"))
    return rows


def paired_ratios(rounds, mine, ref):
    """The ratio in each round that measured both sides: within a round library and reference run less
    than a minute apart, so a slow drift of the shared machine cancels in the ratio."""
    ratios = []
    for measured in rounds:
        a, b = mine(measured), ref(measured)
        if a and b and b.median:
            ratios.append(a.median / b.median)
    return ratios


def round_directories(out):
    """out/round1, out/round2, ... as run.sh writes them; out itself for a single-round layout."""
    found = [d for d in os.listdir(out) if re.fullmatch(r"round[0-9]+", d)]
    found.sort(key=lambda d: int(d[len("round"):]))
    return [os.path.join(out, d) for d in found] or [out]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, help="directory written by run.sh")
    args = parser.parse_args()
    rounds = [Measurements.read(d) for d in round_directories(args.out)]
    pooled = Measurements.pooled(rounds)

    def ceiling(alg, ref_name, ref):
        """The largest ratio this machine allows: the flop-count bound at the best GFLOP/s measured
        here (the peak probe) over the reference; 2 for two cores; 1 against a roofline."""
        if ref_name == "same, 1 core":
            return 2.0
        if ref_name == "library ensemble benchmark":
            return 1.0
        if ref_name.startswith("roofline"):
            return 1.0
        top = pooled.bound("peak", alg)
        return top.median / ref.median if top and ref else None

    print("| algorithm | library tsps | versus | reference tsps | ratio | ratio by round | target | ceiling here | result |")
    print("|---|---|---|---|---|---|---|---|---|")
    passed = failed = unreachable = 0
    for label, mine_of, ref_name, ref_of, target, alg in table_rows():
        mine, ref = mine_of(pooled), ref_of(pooled)
        by_round = paired_ratios(rounds, mine_of, ref_of)
        ratio = statistics.median(by_round) if by_round else None
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
        spread = f"{min(by_round):.3g}–{max(by_round):.3g}x" if len(by_round) > 1 else ""
        print(f"| {label} | {mine or 'not built'} | {ref_name} | {ref or 'missing'} | "
              f"{'' if ratio is None else f'{ratio:.3g}x'} | {spread} | {'' if target is None else f'>= {target}x'} | "
              f"{'' if limit is None else f'{limit:.3g}x'} | {verdict} |")
    print()
    machine = read_machine(os.path.join(args.out, "environment.txt"))
    if machine:
        print(f"Machine: {machine}.")
    if pooled.gemv and pooled.gemm:
        eigen_gemv = pooled.gemv_runs[0]
        print(f"Roofline probe (1 core, this build): GEMV pair n=40 d=100 {pooled.gemv} GFLOP/s (Eigen alone "
              f"{eigen_gemv}), GEMM pair n=40 d=100 best K {pooled.gemm} GFLOP/s (the faster of Eigen and the "
              "multiversioned panel kernel).")
    print(f"Targets: {passed} pass, {failed} fail ({unreachable} of them above this machine's ceiling), over "
          f"{len(rounds)} round(s). Rates: medians over every repetition of every round, (±x%) half their max-min "
          "spread. Ratio: the median over rounds of the ratio within each round (library and reference "
          "measured less than a minute apart, so a drift of the shared machine cancels); 'ratio by round' gives "
          "their range. Ceiling: the flop-count bound at the peak GFLOP/s probed here over the reference (2x "
          "for two cores); SGD batch 1 is latency-bound, so its ceiling is far above what any implementation reaches.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
