"""sgdbias.run_study: the program's studies from Python, with the program's run folders.

    run = sgdbias.run_study("alpha-sweep", alpha_points=3, trajectories=8, seed=2, threads=2)
    run.tables["summary"], run["trajectories"]   # pandas DataFrames (the folder's CSV tables)
    run.manifest["options"], run.report          # run.json as a dict, the program's printed summary

Keyword arguments are the study's options (`sgdbias.study_options(name)`, or `sgdbias help NAME`)
with '_' for '-': alpha_points=3 is --alpha-points 3; a list is written comma-separated
(methods=["gd", "sgd"]), a bool as true/false. Values are checked by the program's own option
table, so a bad one raises InvalidArgument (a ValueError) naming the option.

The run happens in C++ with the GIL released and the study's thread pool (threads=0: all cores;
results do not depend on it). Ctrl-C (a notebook's "interrupt kernel") stops it cleanly and raises
KeyboardInterrupt; with out= a folder, the finished chunks are kept there and calling run_study
again with the same arguments resumes. Without out= the run goes to a temporary folder that is
deleted once its tables are read.
"""
from __future__ import annotations

import dataclasses
import json
import pathlib
import shutil
import tempfile

import pandas

from . import _sgdbias


@dataclasses.dataclass
class StudyRun:
    """A finished study: its run.json, its tables (name without .csv -> DataFrame), the report
    the program prints, and the folder (None when it was temporary and is gone)."""
    name: str
    manifest: dict
    tables: dict[str, pandas.DataFrame]
    report: str
    folder: pathlib.Path | None

    def __getitem__(self, table: str) -> pandas.DataFrame:
        return self.tables[table]


def _option_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(_option_text(item) for item in value)
    return str(value)


def studies() -> dict[str, str]:
    """Every study of the program: name -> one-line summary (as `sgdbias list`)."""
    return dict(_sgdbias._studies())


def study_options(name: str) -> pandas.DataFrame:
    """A study's options: name, type, default, allowed values, description (as `sgdbias help NAME`)."""
    return pandas.DataFrame(_sgdbias._study_options(name),
                            columns=["name", "type", "default", "allowed", "description"])


def _read_run(name: str, folder: pathlib.Path, report: str, keep: bool) -> StudyRun:
    # round_trip: the exact doubles the program wrote (pandas' default parser is off by ulps).
    manifest = json.loads((folder / "run.json").read_text())
    tables = {pathlib.Path(t["file"]).stem: pandas.read_csv(folder / t["file"], float_precision="round_trip")
              for t in manifest["tables"]}
    return StudyRun(name, manifest, tables, report, folder if keep else None)


def run_study(name: str | None = None, *, seed: int = 1, threads: int = 0, out=None, **options) -> StudyRun:
    """Runs study `name` (default: the program's default study) with `options`; returns a StudyRun.

    seed: base seed of every random stream (trajectory k of a study uses (seed, k, purpose), as in
    the program). threads: worker threads, 0 = all cores. out: the run folder (new, empty, or an
    unfinished run of the same request, which is resumed); None = a temporary folder."""
    name = name or _sgdbias._default_study
    assignments = [(key.replace("_", "-"), _option_text(value)) for key, value in options.items()]
    keep = out is not None
    folder = pathlib.Path(out) if keep else pathlib.Path(tempfile.mkdtemp(prefix=f"sgdbias-{name}-")) / "run"
    try:
        outcome = _sgdbias._run_study(name, assignments, int(seed), int(threads), str(folder))
        if outcome.exit_code != 0:
            raise RuntimeError(f"study {name} failed (exit code {outcome.exit_code}): {outcome.errors.strip()}")
        return _read_run(name, folder, outcome.report, keep)
    finally:
        if not keep:
            shutil.rmtree(folder.parent, ignore_errors=True)
