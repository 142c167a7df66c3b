"""The SDE layer from Python: the log-Euler SGF keeps the α∞ formula exactly (dln.md §6.3), the
Euler–Maruyama SGF agrees with it at small h, Langevin has the Ornstein–Uhlenbeck moments, and a
user SDE written as Python callables gives the numbers of the same SDE in C++ (same streams)."""
import numpy as np
import pytest

import sgdbias


@pytest.fixture(scope="module")
def network():
    data = sgdbias.sparse_regression(samples=15, dimension=30, sparsity=3, seed=6)
    return sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.2)


def test_log_euler_sgf_kappa_follows_the_alpha_infinity_formula_exactly(network):
    # dln.md §6.3: each log-Euler step moves ln κ by exactly −γ·D·MSE(x_k)·h, so ln κ_T equals the
    # left Riemann sum of the formula to round-off, whatever h.
    gamma, time, steps = 0.05, 5.0, 500
    h = time / steps
    trace = sgdbias.sgf(network, step_size=gamma, time=time, steps=steps, scheme="log_euler", seed=3, record_every=1)
    assert len(trace.t) == steps + 1 and trace.t[-1] == time
    integrated_mse = h * np.sum(trace.loss[:-1]) / network.loss_scale
    predicted = sgdbias.sgf_effective_log_scale(np.log(network.initial_scale), network.feature_second_moments,
                                                step_size=gamma, integrated_mse=integrated_mse)
    np.testing.assert_allclose(np.log(trace.kappa[-1]), predicted, rtol=1e-9, atol=1e-9)
    assert np.all(trace.kappa[-1] < network.initial_scale)


def test_euler_maruyama_and_log_euler_sgf_agree_as_h_shrinks(network):
    # Same Brownian path (same stream), two discretisations of the same SDE: their end points
    # differ by O(h^{1/2}) at worst; at h = 1e-3 they are within a few percent.
    common = dict(step_size=0.05, time=2.0, steps=2000, seed=9)
    log_euler = sgdbias.sgf(network, scheme="log_euler", **common)
    euler = sgdbias.sgf(network, scheme="euler_maruyama", **common)
    assert np.linalg.norm(euler.beta[-1] - log_euler.beta[-1]) < 0.05 * np.linalg.norm(log_euler.beta[-1])


def test_langevin_on_a_quadratic_has_the_ornstein_uhlenbeck_moments():
    # dx = −a x dt + √(2/η) dB: E x_T = x₀e^{−aT}, Var x_T = (1 − e^{−2aT})/(ηa). 400 paths: the
    # sample mean is within 4 standard errors; the variance within 4 of its standard errors
    # (√(2/(N−1))·Var for Gaussian data), with the O(h) bias of the schemes far below that.
    a, eta, x0, time = 2.0, 4.0, 1.5, 1.0
    quadratic = sgdbias.Quadratic([[a]])
    mean, variance = x0 * np.exp(-a * time), (1 - np.exp(-2 * a * time)) / (eta * a)
    for integrator in ["euler_maruyama", "sra1"]:
        ends = np.array([sgdbias.langevin(quadratic, eta, time=time, steps=200, integrator=integrator, x0=[x0],
                                          trajectory=k).x[0] for k in range(400)])
        assert abs(ends.mean() - mean) < 4 * np.sqrt(variance / len(ends)), integrator
        assert abs(ends.var(ddof=1) - variance) < 4 * np.sqrt(2 / (len(ends) - 1)) * variance, integrator


def test_a_python_sde_gives_the_numbers_of_the_same_sde_in_cxx():
    a, eta = 2.0, 4.0
    quadratic = sgdbias.Quadratic([[a, 0.0], [0.0, 0.5]])
    scale = np.sqrt(2 / eta)
    cxx = sgdbias.langevin(quadratic, eta, time=1.0, steps=100, x0=[1.0, -1.0], seed=4, trajectory=3,
                           record_every=10, record_state=True)
    python = sgdbias.integrate_sde(lambda t, x: -np.array([a, 0.5]) * x, lambda t, x: scale * np.eye(2),
                                   x0=[1.0, -1.0], time=1.0, steps=100, noise_dimension=2, seed=4, trajectory=3,
                                   record_every=10)
    np.testing.assert_allclose(python.state, cxx.state, rtol=1e-13, atol=1e-15)
    np.testing.assert_array_equal(python.t, cxx.t)


def test_an_integrator_that_does_not_fit_the_noise_is_refused_by_name():
    with pytest.raises(ValueError, match="integrator 'sra1' does not apply to general noise"):
        sgdbias.integrate_sde(lambda t, x: x, lambda t, x: np.eye(1), x0=[1.0], time=1.0, steps=10,
                              noise_dimension=1, integrator="sra1")
    with pytest.raises(ValueError, match=r"noise\(t, x\) must return an array of shape \(1, 2\)"):
        sgdbias.integrate_sde(lambda t, x: x, lambda t, x: np.eye(1), x0=[1.0], time=1.0, steps=10,
                              noise_dimension=2)
