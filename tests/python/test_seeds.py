"""Seeds behave as in C++: the same (seed, trajectory) gives the same numbers from Python as from
the `sgdbias` program. The program's alpha-sweep runs SGD on the seed-setting data (drawn from
(seed, 0, data)) with trajectory k's minibatches from (seed, k, minibatch); the module, given the
same seed, data shape and trajectory, must reproduce its per-trajectory results exactly (the CSV
holds doubles in shortest round-trip form, so equality is exact)."""
import subprocess

import numpy as np
import pandas
import pytest

import sgdbias

SEED = 5
ALPHA = 0.1
OPTIONS = {"methods": "sgd,label-noise-sgd", "alpha-min": ALPHA, "alpha-max": ALPHA, "alpha-points": 1,
           "time": 10, "trajectories": 3, "samples": 20, "dimension": 40, "sparsity": 3, "label-noise-steps": 100}


@pytest.fixture(scope="module")
def program_run(program, tmp_path_factory):
    folder = tmp_path_factory.mktemp("alpha-sweep") / "run"
    command = [str(program), "run", "alpha-sweep", "--seed", str(SEED), "--threads", "2", "--out", str(folder)]
    for key, value in OPTIONS.items():
        command += [f"--{key}", str(value)]
    subprocess.run(command, check=True, capture_output=True)
    # round_trip: the exact doubles written (pandas' default parser can be off by a few ulps).
    return pandas.read_csv(folder / "trajectories.csv", float_precision="round_trip")


def test_sgd_and_label_noise_sgd_reproduce_the_program_trajectory_by_trajectory(program_run):
    data = sgdbias.sparse_regression(samples=20, dimension=40, sparsity=3, teacher_support="first", seed=SEED)
    network = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="product_equivalent_to_ppf", alpha=ALPHA)
    assert len(program_run) == 6
    for row in program_run.itertuples():
        common = dict(step_size=row.step_size, steps=int(row.steps), seed=SEED, trajectory=int(row.trajectory))
        if row.method == "sgd":
            trace = sgdbias.sgd(network, **common)
        else:
            trace = sgdbias.label_noise_sgd(network, label_noise=1.0, label_noise_steps=100, **common)
        # The training loss is the library's own function of the final state: equal bits mean the
        # same state after every step. The sums over β are NumPy's here and Eigen's there (another
        # summation order): equal to within 40 roundings.
        assert trace.loss[-1] == row.train_loss, (row.method, row.trajectory)
        beta = trace.beta[-1]
        assert np.sum((beta - data.teacher) ** 2) == pytest.approx(row.test_loss, rel=1e-13)
        assert np.sum(np.abs(beta)) == pytest.approx(row.l1_norm, rel=1e-13)


def test_run_study_writes_the_programs_tables(program_run):
    run = sgdbias.run_study("alpha-sweep", seed=SEED, threads=1, **{k.replace("-", "_"): v for k, v in OPTIONS.items()})
    pandas.testing.assert_frame_equal(run.tables["trajectories"], program_run)
