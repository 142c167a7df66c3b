"""What every study notebook does besides plotting: find the `sgdbias` program, run an
experiment into a data folder (or reuse a finished run with the same options), save figures
next to the data, and state the asserted result in a readable way.

Data flow (notebooks/STUDIES.md): `sgdbias run NAME --key value --out DIR` writes DIR/run.json
and tidy CSV tables; `table`/`manifest` read them through the shared common/sgdbias_data.py, and
the notebook only plots and compares. Nothing here computes what the C++ library should compute.

Environment:
  SGDBIAS_BINARY    path of the `sgdbias` program (default: <repo>/build/sgdbias)
  SGDBIAS_DATA_DIR  root for run folders (default: the study's own data/ folder, gitignored);
                    the CTest `notebook` tests point it at a fresh folder in the build tree
  SGDBIAS_THREADS   worker threads passed to --threads (default 0: all cores)
  SGDBIAS_PYTHON_PATH  folder holding the `sgdbias` Python package of a build (default
                    <repo>/build/python); run_study() imports it to run a study in this process
"""
import hashlib
import json
import os
import shlex
import subprocess
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def sgdbias_binary():
    binary = Path(os.environ.get("SGDBIAS_BINARY", REPOSITORY / "build" / "sgdbias"))
    if not binary.is_absolute():  # the kernel runs in the study folder: relative means repository-relative
        binary = REPOSITORY / binary
    if not binary.is_file():
        raise FileNotFoundError(
            f"sgdbias program not found at {binary}: build it (cmake --build build --target sgdbias) "
            "or set SGDBIAS_BINARY")
    return binary


def data_root(study):
    root = os.environ.get("SGDBIAS_DATA_DIR")
    return Path(root) / study if root else REPOSITORY / "notebooks" / study / "data"


def _option_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(_option_text(item) for item in value)
    return str(value)


def run_folder_name(experiment, options, seed):
    """A folder name determined by the experiment, its options and the seed, so equal requests
    share (and reuse) one finished run and different requests never overwrite each other."""
    text = json.dumps({"experiment": experiment, "options": {k: _option_text(v) for k, v in sorted(options.items())},
                       "seed": seed}, sort_keys=True)
    return f"{experiment}-seed{seed}-{hashlib.sha256(text.encode()).hexdigest()[:10]}"


def run_experiment(experiment, study, options=None, seed=1, reuse=True):
    """Runs `sgdbias run EXPERIMENT --key value ... --seed SEED --out FOLDER` and returns FOLDER.

    A folder whose run.json says "complete" is reused (prints so) unless reuse=False. The
    program's summary table is printed, so the notebook shows what the command line shows."""
    options = dict(options or {})
    folder = data_root(study) / run_folder_name(experiment, options, seed)
    manifest = folder / "run.json"
    if reuse and manifest.is_file() and json.loads(manifest.read_text()).get("status") == "complete":
        print(f"reusing the finished run in {folder}")
        return folder
    command = [str(sgdbias_binary()), "run", experiment]
    for key, value in options.items():
        command += [f"--{key}", _option_text(value)]
    command += ["--seed", str(seed), "--threads", os.environ.get("SGDBIAS_THREADS", "0"), "--out", str(folder)]
    print("$", " ".join(shlex.quote(part) for part in command))
    started = time.monotonic()
    finished = subprocess.run(command, capture_output=True, text=True)
    print(finished.stdout, end="")
    if finished.returncode != 0:
        raise RuntimeError(f"sgdbias exited with code {finished.returncode}:\n{finished.stderr}")
    print(f"[{time.monotonic() - started:.1f} s]")
    return folder


def sgdbias_module():
    """The `sgdbias` Python module of this build (notebooks/python/README.md), or None when it was not
    built (no pybind11): notebooks that use it then fall back to the program."""
    import importlib
    import sys
    path = Path(os.environ.get("SGDBIAS_PYTHON_PATH", REPOSITORY / "build" / "python"))
    if not path.is_absolute():
        path = REPOSITORY / path
    if not (path / "sgdbias" / "__init__.py").is_file():
        if "SGDBIAS_PYTHON_PATH" in os.environ:
            raise FileNotFoundError(f"SGDBIAS_PYTHON_PATH={path} holds no sgdbias package: build sgdbias_python")
        return None
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
    return importlib.import_module("sgdbias")


def run_study(experiment, study, options=None, seed=1, reuse=True):
    """run_experiment() in this process: sgdbias.run_study (the Python module) writes the same run
    folder as the program would, with the GIL released and Ctrl-C ("interrupt kernel") stopping it
    cleanly (running the cell again resumes). Without the module, runs the program instead."""
    module = sgdbias_module()
    if module is None:
        print("the sgdbias Python module is not built: running the program instead")
        return run_experiment(experiment, study, options, seed, reuse)
    options = dict(options or {})
    folder = data_root(study) / run_folder_name(experiment, options, seed)
    manifest = folder / "run.json"
    if reuse and manifest.is_file() and json.loads(manifest.read_text()).get("status") == "complete":
        print(f"reusing the finished run in {folder}")
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    print(f"sgdbias.run_study({experiment!r}, seed={seed}, out={str(folder)!r}, " +
          ", ".join(f"{key.replace('-', '_')}={value!r}" for key, value in options.items()) + ")")
    started = time.monotonic()
    run = module.run_study(experiment, seed=seed, threads=int(os.environ.get("SGDBIAS_THREADS", "0")), out=folder,
                           **{key.replace("-", "_"): value for key, value in options.items()})
    print(run.report, end="")
    print(f"[{time.monotonic() - started:.1f} s, in process]")
    return folder


def save_figure(figure, folder, name):
    """Saves `figure` as FOLDER/NAME.png (next to the data it shows) and returns the path."""
    path = Path(folder) / f"{name}.png"
    figure.savefig(path, dpi=110, bbox_inches="tight")
    print(f"figure saved to {path}")
    return path


def check(condition, statement):
    """The notebook's final assertions: prints PASS/FAIL with the statement (and its numbers),
    and raises AssertionError on failure so the notebook test fails."""
    print(("PASS  " if condition else "FAIL  ") + statement)
    if not condition:
        raise AssertionError(statement)


def _load(folder):
    # The shared reader of run folders (common/sgdbias_data.py): run.json + the tables it lists.
    import sys
    common = str(REPOSITORY / "notebooks" / "common")
    if common not in sys.path:
        sys.path.insert(0, common)
    import sgdbias_data
    return sgdbias_data.load_run(folder)


def manifest(folder):
    """run.json of a finished run folder as a dict (options after defaults, seed, results, tables)."""
    return _load(folder).manifest


def table(folder, name):
    """The tidy table NAME.csv of a finished run folder as a pandas DataFrame (via sgdbias_data)."""
    return _load(folder).tables[name]
