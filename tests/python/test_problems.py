"""Problems from NumPy data: the diagonal network's conventions (dln.md §3.3), sparse-regression
data (dln.md §8.4), quadratics and games (bea.md §6.8), each checked against its definition."""
import numpy as np
import pytest

import sgdbias


@pytest.fixture(scope="module")
def data():
    return sgdbias.sparse_regression(samples=12, dimension=30, sparsity=4, test_samples=5, seed=8)


def test_sparse_regression_is_noiseless_sparse_and_reproducible(data):
    assert data.X.shape == (12, 30) and data.X_test.shape == (5, 30)
    assert np.count_nonzero(data.teacher) == 4
    np.testing.assert_allclose(data.y, data.X @ data.teacher, rtol=0, atol=1e-12)
    again = sgdbias.sparse_regression(samples=12, dimension=30, sparsity=4, test_samples=5, seed=8)
    np.testing.assert_array_equal(again.X, data.X)
    other = sgdbias.sparse_regression(samples=12, dimension=30, sparsity=4, seed=9)
    assert not np.array_equal(other.X, data.X)
    # The training data does not move when the test set changes size (separate streams).
    np.testing.assert_array_equal(sgdbias.sparse_regression(samples=12, dimension=30, sparsity=4, seed=8).X, data.X)


def test_first_support_puts_the_teacher_on_the_first_coordinates():
    data = sgdbias.sparse_regression(samples=5, dimension=10, sparsity=3, teacher_support="first", seed=2)
    assert np.all(data.teacher[:3] != 0) and np.all(data.teacher[3:] == 0)


@pytest.mark.parametrize("convention, kappa0_over_alpha_squared", [
    ("ppf", 2.0), ("product_equivalent_to_ppf", 2.0), ("epgf", 1.0), ("slides_literal", 0.5)])
def test_each_convention_has_the_initial_scale_of_its_table(data, convention, kappa0_over_alpha_squared):
    network = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention=convention, alpha=0.2)
    np.testing.assert_allclose(network.initial_scale, kappa0_over_alpha_squared * 0.04, rtol=1e-14)
    np.testing.assert_allclose(network.scale(network.initial_state()), network.initial_scale, rtol=1e-14)
    np.testing.assert_array_equal(network.beta(network.initial_state()), np.zeros(30))


def test_the_loss_is_c_times_the_mean_squared_error(data):
    for convention, c in [("ppf", 0.25), ("product-equivalent-to-ppf", 0.5)]:
        network = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention=convention, alpha=0.5)
        x = np.random.default_rng(1).normal(size=network.dimension)
        beta = network.beta(x)
        assert network.loss(x) == pytest.approx(c * np.mean((data.X @ beta - data.y) ** 2), rel=1e-13)
        assert network.loss_scale == c


def test_ppf_and_its_product_equivalent_follow_the_same_path(data):
    # dln.md §3.2 "Exact equivalence": same β at every step, same step size.
    ppf = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.1)
    product = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="product_equivalent_to_ppf", alpha=0.1)
    a = sgdbias.sgd(ppf, step_size=0.05, steps=2000, seed=3, record_every=100)
    b = sgdbias.sgd(product, step_size=0.05, steps=2000, seed=3, record_every=100)
    np.testing.assert_allclose(a.beta, b.beta, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a.kappa, b.kappa, rtol=1e-9)


def test_a_vector_alpha_and_a_custom_initialisation(data):
    alpha = np.linspace(0.1, 0.4, 30)
    network = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=alpha)
    np.testing.assert_allclose(network.initial_scale, 2 * alpha ** 2, rtol=1e-14)
    custom = sgdbias.DiagonalLinearNetwork.custom(data.X, data.y, "product", u0=[0.3], v0=[0.1], loss_scale=0.5)
    np.testing.assert_allclose(custom.beta(custom.initial_state()), 0.03, rtol=1e-14)
    with pytest.raises(ValueError, match="'convention' must be one of ppf, product_equivalent_to_ppf"):
        sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="pff")
    with pytest.raises(ValueError, match="'alpha' must have 30 entries"):
        sgdbias.DiagonalLinearNetwork(data.X, data.y, alpha=np.ones(3))


def test_quadratic_gradient_and_hessian_product():
    a = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    quadratic = sgdbias.Quadratic(a, b, 0.5)
    x = np.array([0.3, -0.7])
    assert quadratic.loss(x) == pytest.approx(0.5 * x @ a @ x - b @ x + 0.5, rel=1e-15)
    np.testing.assert_allclose(quadratic.gradient(x), a @ x - b, rtol=1e-15)
    np.testing.assert_allclose(quadratic.hessian_vector_product(x, [1.0, 2.0]), a @ [1.0, 2.0], rtol=1e-15)
    centered = sgdbias.Quadratic.centered(a, [1.0, 2.0])
    assert centered.loss([1.0, 2.0]) == pytest.approx(0.0, abs=1e-14)
    with pytest.raises(ValueError, match="symmetric"):
        sgdbias.Quadratic([[1.0, 2.0], [0.0, 1.0]])


def test_games_have_the_fields_of_their_definitions():
    coupling = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
    bilinear = sgdbias.BilinearGame(coupling)
    phi, theta = np.array([0.3, -0.2]), np.array([1.0, 0.5, -0.4])
    z = np.concatenate([phi, theta])
    np.testing.assert_allclose(bilinear.field(z), np.concatenate([coupling @ theta, -coupling.T @ phi]), rtol=1e-15)
    assert bilinear.is_zero_sum and bilinear.first_player_dimension == 2
    scalar = sgdbias.QuadraticGame.scalar(0.1, 1.0, 0.05, 0.6)
    np.testing.assert_allclose(scalar.jacobian(), [[-0.1, -1.0], [0.6, -0.05]], rtol=1e-15)
    np.testing.assert_allclose(scalar.field([1.0, 2.0]), scalar.jacobian() @ [1.0, 2.0], rtol=1e-15)
    gan = sgdbias.DiracGan("saturating")
    psi, th = 0.7, -0.4
    sigmoid = 1 / (1 + np.exp(-psi * th))
    np.testing.assert_allclose(gan.field([psi, th]), [-th * sigmoid, psi * sigmoid], rtol=1e-14)
    assert gan.first_loss([psi, th]) == pytest.approx(np.log1p(np.exp(psi * th)), rel=1e-14)
