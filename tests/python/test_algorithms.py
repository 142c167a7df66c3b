"""GD, SGD, label-noise SGD and momentum from Python: traces checked against closed forms and the
identities between the methods; the loss-tolerance stop; divergence; the GIL released."""
import os
import signal
import threading
import time

import numpy as np
import pytest

import sgdbias


@pytest.fixture(scope="module")
def data():
    return sgdbias.sparse_regression(samples=20, dimension=50, sparsity=3, seed=11)


@pytest.fixture(scope="module")
def network(data):
    return sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.1)


def test_gd_on_a_quadratic_follows_the_linear_recursion():
    # x_k − x* = (I − γA)^k (x₀ − x*) exactly (up to rounding) for L = ½(x − x*)ᵀA(x − x*).
    a = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.2], [0.0, 0.2, 0.5]])
    minimizer = np.array([1.0, -2.0, 0.5])
    quadratic = sgdbias.Quadratic.centered(a, minimizer)
    gamma, x0 = 0.3, np.array([3.0, 1.0, -1.0])
    trace = sgdbias.gd(quadratic, step_size=gamma, steps=40, x0=x0, record_every=7, record_state=True)
    np.testing.assert_array_equal(trace.steps, [0, 7, 14, 21, 28, 35, 40])
    iteration = np.eye(3) - gamma * a
    for step, state in zip(trace.steps, trace.state):
        expected = minimizer + np.linalg.matrix_power(iteration, step) @ (x0 - minimizer)
        np.testing.assert_allclose(state, expected, rtol=1e-12, atol=1e-13)
    np.testing.assert_array_equal(trace.x, trace.state[-1])


def test_momentum_without_momentum_is_gd_and_with_it_converges():
    quadratic = sgdbias.Quadratic.centered(np.diag([1.0, 0.01]), [1.0, 1.0])
    gd = sgdbias.gd(quadratic, step_size=0.5, steps=300, x0=[0.0, 0.0])
    plain = sgdbias.momentum(quadratic, step_size=0.5, momentum=0.0, steps=300, x0=[0.0, 0.0])
    np.testing.assert_allclose(plain.x, gd.x, rtol=1e-13)
    # Heavy ball on a quadratic is linear: per eigenvalue λ, (e, m) ← [[1 − γλ, μ], [−γλ, μ]](e, m)
    # with e = x − x*, m₀ = 0 (lib/algorithms/heavy_ball.hpp).
    gamma, mu, steps = 0.5, 0.8, 300
    heavy = sgdbias.momentum(quadratic, step_size=gamma, momentum=mu, steps=steps, x0=[0.0, 0.0])
    for coordinate, curvature in enumerate([1.0, 0.01]):
        iteration = np.array([[1 - gamma * curvature, mu], [-gamma * curvature, mu]])
        error, _ = np.linalg.matrix_power(iteration, steps) @ np.array([-1.0, 0.0])
        assert heavy.x[coordinate] - 1.0 == pytest.approx(error, rel=1e-9, abs=1e-15)
    assert abs(heavy.x[1] - 1.0) < 1e-2 * abs(gd.x[1] - 1.0)  # momentum is much faster on the flat direction


def test_full_batch_sgd_without_replacement_is_gd(data):
    regression = sgdbias.LinearRegression(data.X, data.y)
    gd = sgdbias.gd(regression, step_size=0.05, steps=200)
    sgd = sgdbias.sgd(regression, step_size=0.05, steps=200, batch_size=20, sampling="without_replacement")
    np.testing.assert_allclose(sgd.x, gd.x, rtol=1e-10, atol=1e-14)


def test_label_noise_zero_is_sgd_with_the_same_draws(network):
    # The label-noise signs have their own stream: δ = 0 leaves SGD's minibatches, bit for bit.
    sgd = sgdbias.sgd(network, step_size=0.05, steps=3000, seed=7, trajectory=2, record_every=500)
    quiet = sgdbias.label_noise_sgd(network, step_size=0.05, steps=3000, label_noise=0.0, seed=7, trajectory=2,
                                    record_every=500)
    np.testing.assert_array_equal(quiet.beta, sgd.beta)
    noisy = sgdbias.label_noise_sgd(network, step_size=0.05, steps=3000, label_noise=0.5, label_noise_steps=1000,
                                    seed=7, trajectory=2, record_every=500)
    assert not np.array_equal(noisy.beta, sgd.beta)


def test_sgd_shrinks_kappa_at_every_step(network):
    # dln.md §7: one step multiplies κ by |1 − γ²m²| ≤ 1 while γ|m| ≤ √2.
    trace = sgdbias.sgd(network, step_size=0.05, steps=2000, seed=1, record_every=1)
    assert np.all(np.diff(trace.kappa, axis=0) <= 1e-15 * trace.kappa[:-1])
    assert np.all(trace.kappa[-1] < trace.kappa[0])
    np.testing.assert_allclose(trace.kappa[0], network.initial_scale, rtol=1e-15)


def test_seeds_and_trajectories_select_the_minibatch_stream(network):
    a = sgdbias.sgd(network, step_size=0.05, steps=500, seed=1, trajectory=0)
    np.testing.assert_array_equal(a.x, sgdbias.sgd(network, step_size=0.05, steps=500, seed=1, trajectory=0).x)
    assert not np.array_equal(a.x, sgdbias.sgd(network, step_size=0.05, steps=500, seed=1, trajectory=1).x)
    assert not np.array_equal(a.x, sgdbias.sgd(network, step_size=0.05, steps=500, seed=2, trajectory=0).x)


def test_the_run_stops_at_the_first_record_below_the_loss_tolerance(network):
    full = sgdbias.gd(network, step_size=0.1, steps=20000, record_every=100)
    tolerance = 1e-3
    first = int(np.argmax(full.loss <= tolerance))
    assert 0 < first < len(full.loss) - 1
    stopped = sgdbias.gd(network, step_size=0.1, steps=20000, record_every=100, loss_tolerance=tolerance)
    assert stopped.reached_tolerance and not full.reached_tolerance
    np.testing.assert_array_equal(stopped.steps, full.steps[:first + 1])
    np.testing.assert_array_equal(stopped.loss, full.loss[:first + 1])
    assert network.loss(stopped.x) == stopped.loss[-1]


def test_a_diverging_run_raises_numerical_failure_with_the_stability_bound(network):
    with pytest.raises(sgdbias.NumericalFailure, match="diverged.*step size < "):
        sgdbias.gd(network, step_size=50.0, steps=1000, x0=network.initial_state() * 30)
    with pytest.raises(ValueError, match="'sampling' must be one of with_replacement"):
        sgdbias.sgd(network, step_size=0.1, steps=10, sampling="shuffled")
    with pytest.raises(sgdbias.InvalidArgument, match="batch size 21 must be in"):
        sgdbias.sgd(network, step_size=0.1, steps=10, batch_size=21)


def test_python_threads_run_while_a_long_sgd_call_works(network):
    # The call releases the GIL: the main thread keeps counting while the C++ loop runs. Were the
    # GIL held, the main thread would not run at all until the call returned.
    started = threading.Event()

    def work():
        started.set()
        sgdbias.sgd(network, step_size=0.01, steps=3_000_000, seed=1)

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    count = 0
    while worker.is_alive():
        count += 1
    worker.join()
    assert count > 10_000


def test_ctrl_c_stops_a_long_run_at_its_next_record(network):
    # SIGINT 0.2 s into a run of 2e9 steps (minutes): the recorder looks at Python's signals at
    # every record (at most every 100 ms), so KeyboardInterrupt arrives within a record interval.
    timer = threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        sgdbias.sgd(network, step_size=0.01, steps=2_000_000_000, record_every=100_000)
    timer.join()
    assert time.monotonic() - started < 30  # the run itself would take minutes
