"""sgdbias.run_study: the program's studies returning pandas tables, checked options, results
independent of the thread count, and Ctrl-C stopping a run cleanly (resumable)."""
import json
import os
import signal
import threading
import time

import pandas
import pytest

import sgdbias

SMALL = dict(methods=["sgd"], alpha_points=2, time=5, trajectories=4, samples=10, dimension=20, sparsity=2)


def test_a_study_returns_its_tables_as_dataframes():
    run = sgdbias.run_study("alpha-sweep", seed=3, threads=2, **SMALL)
    assert {"summary", "trajectories", "gradient_flow"} <= set(run.tables)
    assert isinstance(run["summary"], pandas.DataFrame)
    assert len(run["trajectories"]) == 2 * 4 and list(run["summary"]["trajectories"]) == [4, 4]
    assert run.manifest["status"] == "complete" and run.manifest["options"]["alpha-points"] == 2
    assert run.folder is None  # a temporary folder, deleted after reading


def test_results_do_not_depend_on_the_thread_count():
    one = sgdbias.run_study("alpha-sweep", seed=3, threads=1, **SMALL)
    two = sgdbias.run_study("alpha-sweep", seed=3, threads=2, **SMALL)
    pandas.testing.assert_frame_equal(one["trajectories"], two["trajectories"])


def test_studies_and_their_options_are_listed():
    assert "alpha-sweep" in sgdbias.studies()
    options = sgdbias.study_options("alpha-sweep")
    assert "alpha-points" in set(options["name"])


def test_bad_names_and_values_are_value_errors_naming_them():
    with pytest.raises(ValueError, match="unknown study 'alpha-swep'.*alpha-sweep"):
        sgdbias.run_study("alpha-swep")
    with pytest.raises(ValueError, match="alpha-pints"):
        sgdbias.run_study("alpha-sweep", alpha_pints=3)
    with pytest.raises(ValueError, match="trajectories"):
        sgdbias.run_study("alpha-sweep", trajectories=0)


def test_ctrl_c_interrupts_a_run_cleanly_and_the_same_call_resumes_it(tmp_path):
    # SIGINT as soon as the run has started (its run.json says "running"): the call must raise
    # KeyboardInterrupt and leave the folder resumable, whatever the machine's speed.
    folder = tmp_path / "run"
    options = dict(methods=["sgd"], alpha_points=1, time=400, trajectories=64, seed=2, threads=2, out=folder)

    def interrupt_when_started():
        while not (folder / "run.json").is_file():
            time.sleep(0.001)
        os.kill(os.getpid(), signal.SIGINT)

    sender = threading.Thread(target=interrupt_when_started)
    sender.start()
    with pytest.raises(KeyboardInterrupt):
        sgdbias.run_study("alpha-sweep", **options)
    sender.join()
    assert json.loads((folder / "run.json").read_text())["status"] == "interrupted"
    run = sgdbias.run_study("alpha-sweep", **options)
    assert run.manifest["status"] == "complete"
    assert len(run["trajectories"]) == 64
