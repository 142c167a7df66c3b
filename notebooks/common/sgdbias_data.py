"""Read an sgdbias run folder (run.json + tidy CSV tables) into pandas.

    import sgdbias_data
    run = sgdbias_data.load_run("notebooks/sparsity_bias/data/20261123T101500Z-seed1")
    run.manifest["options"]["alpha"], run.tables["summary"]        # dict, pandas.DataFrame
    run = sgdbias_data.latest_run("notebooks/sparsity_bias/data")    # newest complete run

Tables are the files listed in run.json's "tables" (key = file name without ".csv"). Doubles were
written in shortest round-trip form; read with float_precision="round_trip" pandas gets the exact
values back (nan/inf included). Its default parser does not (pandas 1.5: "0.012979669844513705"
is read as 0.0129796698445137, one ulp off), so results compared bit for bit would differ.
"""
from __future__ import annotations

import dataclasses
import json
import pathlib

import pandas


@dataclasses.dataclass
class Run:
    folder: pathlib.Path
    manifest: dict
    tables: dict[str, pandas.DataFrame]


def load_run(folder) -> Run:
    folder = pathlib.Path(folder)
    manifest = json.loads((folder / "run.json").read_text())
    if manifest.get("status") != "complete":
        raise ValueError(f"{folder}: run status is {manifest.get('status')!r}, not 'complete' "
                         f"(resume it with: sgdbias resume {folder})")
    tables = {pathlib.Path(t["file"]).stem: pandas.read_csv(folder / t["file"], float_precision="round_trip") for t in manifest["tables"]}
    return Run(folder, manifest, tables)


def latest_run(data_folder) -> Run:
    """The most recent complete run in a study's data folder (folder names start with UTC time)."""
    candidates = sorted(pathlib.Path(data_folder).glob("*/run.json"), reverse=True)
    for run_json in candidates:
        if json.loads(run_json.read_text()).get("status") == "complete":
            return load_run(run_json.parent)
    raise FileNotFoundError(f"no complete run in {data_folder}: run `sgdbias run <experiment>` first")
