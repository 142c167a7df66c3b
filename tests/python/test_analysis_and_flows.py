"""Analysis and flows from Python, each against its theory: the interpolators' limits in κ
(dln.md §4), the gradient-flow limit argmin H_κ₀, the local orders of the modified flows against one
GD step (bea.md §2.4, §3.1, §4.4), the Theorem-4 flow tracking SGD (§2.2), DAL-p's step (§5)."""
import numpy as np
import pytest

import sgdbias


@pytest.fixture(scope="module")
def data():
    return sgdbias.sparse_regression(samples=10, dimension=25, sparsity=2, seed=21)


def test_the_interpolators_and_the_limits_of_the_entropy_in_kappa(data):
    l2 = sgdbias.minimum_l2_interpolator(data.X, data.y)
    np.testing.assert_allclose(l2, data.X.T @ np.linalg.solve(data.X @ data.X.T, data.y), rtol=1e-10)
    l1 = sgdbias.minimum_l1_interpolator(data.X, data.y)
    np.testing.assert_allclose(data.X @ l1, data.y, atol=1e-8)
    assert sgdbias.l1_norm(l1) <= sgdbias.l1_norm(l2)
    # κ → ∞: H_κ ≈ ‖β‖²/(2κ) + const, so the interpolator tends to ℓ2 (relative gap O(‖β‖²/κ²)).
    large = sgdbias.minimum_entropy_interpolator(data.X, data.y, log_kappa=np.full(25, np.log(1e3)))
    np.testing.assert_allclose(large.beta, l2, rtol=0, atol=1e-4 * np.abs(l2).max())
    # κ → 0: H_κ ≈ ln(1/κ)·‖β‖₁, so the ℓ1 norm tends to the minimum one.
    small = sgdbias.minimum_entropy_interpolator(data.X, data.y, log_kappa=np.full(25, -40.0))
    assert sgdbias.l1_norm(small.beta) == pytest.approx(sgdbias.l1_norm(l1), rel=1e-2)
    assert small.feasibility <= 1e-10


def test_the_gradient_flow_reaches_argmin_of_the_entropy_at_the_initial_scale(data):
    network = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.3)
    flow = sgdbias.flow(network, kind="gradient", time=400.0, substeps=8000)
    assert flow.loss[-1] < 1e-12
    predicted = sgdbias.predict_gradient_flow_limit(data.X, data.y, np.log(network.initial_scale))
    np.testing.assert_allclose(flow.beta[-1], predicted.beta, rtol=0, atol=1e-5 * np.abs(predicted.beta).max())


def local_error_slope(network, kind, x0):
    # ‖flow over time h − one GD step‖ for h, h/2, h/4: the log-log slope is the local order + 1.
    steps = np.array([0.02, 0.01, 0.005])
    errors = []
    for h in steps:
        gd = sgdbias.gd(network, step_size=h, steps=1, x0=x0).x
        flow = sgdbias.flow(network, kind=kind, step_size=h, time=h, x0=x0, substeps=16).x
        errors.append(np.linalg.norm(flow - gd))
    return np.polyfit(np.log(steps), np.log(errors), 1)[0]


@pytest.mark.parametrize("kind, order", [("gradient", 2), ("igr", 3), ("principal", 3)])
def test_each_modified_flow_has_its_local_order(data, kind, order):
    # Local error against one GD step: O(h²) for the gradient flow, O(h³) for IGR and for the
    # principal flow on a non-quadratic loss (bea.md §2.4, §3.1, §4.4): slopes 2, 3, 3.
    network = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.5)
    x0 = network.initial_state() + 0.1 * np.random.default_rng(2).normal(size=network.dimension)
    slope = local_error_slope(network, kind, x0)
    assert abs(slope - order) < 0.3, slope


def test_the_theorem_4_flow_follows_sgd_to_second_order(data):
    # Over the same 40 SGD steps (same seed: the same batches whatever h), the piecewise Theorem-4
    # flow's distance to the SGD iterate falls like h² or faster (bea.md §2.2, §3.2), while the
    # gradient flow, blind to the batches, stays O(1) away at these step counts.
    network = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.5)
    steps, sizes = 40, np.array([0.02, 0.01, 0.005])
    aligned, gradient = [], []
    for h in sizes:
        sgd = sgdbias.sgd(network, step_size=h, steps=steps, seed=5)
        flow = sgdbias.alignment_flow(network, step_size=h, steps=steps, window=4, seed=5, substeps=8)
        assert flow.t[-1] == pytest.approx(h * steps)
        aligned.append(np.linalg.norm(flow.x - sgd.x))
        gradient.append(np.linalg.norm(sgdbias.flow(network, kind="gradient", time=h * steps, substeps=400).x - sgd.x))
    slope = np.polyfit(np.log(sizes), np.log(aligned), 1)[0]
    assert 1.7 < slope < 3.5, slope
    assert aligned[-1] < 0.05 * gradient[-1]


def test_dal_steps_at_the_edge_of_stability_of_a_quadratic():
    # One dimension, L = ½λx²: h = 2/‖Hĝ‖ = 2/λ, so x ← x − 2x = −x: the iterate flips sign.
    quadratic = sgdbias.Quadratic([[4.0]])
    trace = sgdbias.dal(quadratic, steps=6, x0=[1.0], record_every=1)
    np.testing.assert_allclose(trace.x, [1.0])
    np.testing.assert_allclose(trace.t, 0.5 * np.arange(7))


def test_gd_at_a_finite_step_size_reaches_the_limit_its_bookkeeping_predicts(data):
    # dln.md §7: with κ∞ and β̃₀ from the exact per-step accounting Σq±(γm_k), the limit of GD is
    # argmin_{Xβ=y} D_{H_κ∞}(β, β̃₀) exactly; the gradient-flow prediction argmin H_κ₀ misses it
    # by the effect of the step size. PPF stores w± directly, so ln κ read off the state agrees
    # with the bookkeeping to round-off.
    network = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.3)
    trace = sgdbias.gd(network, step_size=0.3, steps=20000, bookkeeping=True, loss_tolerance=1e-26, record_every=100)
    assert trace.loss[-1] <= 1e-26
    books = trace.bookkeeping
    np.testing.assert_allclose(books["log_kappa"], np.log(trace.kappa[-1]), rtol=0, atol=1e-9)
    discrete = sgdbias.predict_discrete_limit(data.X, data.y, np.log(network.initial_scale), books["q_plus"],
                                              books["q_minus"])
    flow = sgdbias.predict_gradient_flow_limit(data.X, data.y, np.log(network.initial_scale))
    miss = np.linalg.norm(trace.beta[-1] - discrete.beta)
    assert miss < 1e-7 * np.linalg.norm(discrete.beta)
    assert np.linalg.norm(trace.beta[-1] - flow.beta) > 100 * miss
    with pytest.raises(ValueError, match="'bookkeeping'.*DiagonalLinearNetwork only"):
        sgdbias.gd(sgdbias.Quadratic([[1.0]]), step_size=0.1, steps=1, bookkeeping=True)
