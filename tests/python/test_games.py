"""Game gradient descent and the game flows from Python (notebooks/python/bindings/games.cpp,
bea.md §6): exact identities of the linear games, the local error orders of bea.md §8 check 9
(the game's own flow matches one iteration to O(h²), the modified flow of §6.3 to O(h³), for
every update order), and the argument errors. Deterministic: no randomness is involved."""
import numpy as np
import pytest

import sgdbias

ORDERS = [  # (order, α, λ, m, k): every update order, unequal rates and several updates per player
    ("simultaneous", 1.0, 1.0, 1, 1),
    ("first_player_first", 1.0, 0.5, 1, 2),
    ("second_player_first", 0.7, 1.0, 3, 1),
]


def linear_map(game):
    """M with field(z) = M z, read column by column from the game's own field (linear games)."""
    return np.column_stack([game.field(e) for e in np.eye(game.dimension)])


def test_simultaneous_gd_on_a_bilinear_game_is_the_linear_map_i_plus_h_m():
    rng = np.random.default_rng(5)
    game = sgdbias.BilinearGame(rng.standard_normal((3, 2)))
    z0, h, steps = rng.standard_normal(5), 0.05, 40
    trace = sgdbias.game_gd(game, z0, step_size=h, steps=steps, record_every=7)
    step = np.eye(5) + h * linear_map(game)
    recorded = [0, 7, 14, 21, 28, 35, 40]  # every 7th step and the last
    assert list(trace.time) == pytest.approx([h * k for k in recorded], rel=1e-15)
    for row, k in enumerate(recorded):
        expected = np.linalg.matrix_power(step, k) @ z0
        assert np.linalg.norm(trace.z[row] - expected) <= 1e-13 * np.linalg.norm(expected)


def test_simultaneous_gd_spirals_out_as_the_modified_flow_predicts():
    # E = φθ: each step multiplies |z|² by 1 + h² exactly; the modified flow's eigenvalues ±i + h/2
    # (bea.md §6.3) give |z(t)| = e^{ht/2}, the same to O(h²) per unit time.
    game, h, steps = sgdbias.BilinearGame(np.array([[1.0]])), 0.1, 50
    gd = sgdbias.game_gd(game, [1.0, 0.0], step_size=h, steps=steps)
    assert np.linalg.norm(gd.z, axis=1) == pytest.approx((1 + h * h) ** (np.arange(steps + 1) / 2), rel=1e-13)
    flow = sgdbias.game_flow(game, [1.0, 0.0], time=h * steps, kind="modified", step_size=h, records=steps + 1)
    assert np.linalg.norm(flow.z, axis=1) == pytest.approx(np.exp(h * flow.time / 2), rel=1e-9)
    assert abs(np.linalg.norm(flow.z[-1]) - np.linalg.norm(gd.z[-1])) < h * h * h * steps


def test_alternating_gd_updates_the_first_player_then_the_second_from_the_new_state():
    game = sgdbias.QuadraticGame.scalar(0.3, 1.0, 0.2, -0.8)
    z, h, alpha, lam, k = np.array([0.4, -1.1]), 0.2, 1.0, 0.5, 2
    trace = sgdbias.game_gd(game, z, step_size=h, steps=1, order="first_player_first", first_rate_factor=alpha,
                            second_rate_factor=lam, second_player_updates=k)
    expected = z.copy()
    expected[0] += alpha * h * game.field(expected)[0]
    for _ in range(k):  # k updates of θ with λh/k each, from the updated φ
        expected[1] += lam * h / k * game.field(expected)[1]
    assert trace.z[-1] == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("order, alpha, lam, m, k", ORDERS)
def test_local_error_orders_on_the_dirac_gan(order, alpha, lam, m, k):
    # One iteration against the time-h map of each flow, from the same point, for h halving: the
    # log-log slope of the error is the local order (bea.md §8 check 9): 2 for the game's own flow,
    # 3 for the modified flow. RK4's own error, (h/8)⁴·h per call, is far below both.
    gan, z0 = sgdbias.DiracGan("non_saturating"), np.array([0.5, 0.3])
    steps = [0.2, 0.1, 0.05, 0.025]
    errors = {"game": [], "modified": []}
    for h in steps:
        options = dict(step_size=h, order=order, first_rate_factor=alpha, second_rate_factor=lam,
                       first_player_updates=m, second_player_updates=k)
        iterate = sgdbias.game_gd(gan, z0, steps=1, **options).z[-1]
        for kind in errors:
            errors[kind].append(np.linalg.norm(iterate - sgdbias.game_flow(gan, z0, time=h, kind=kind, **options).z[-1]))
    slopes = {kind: np.polyfit(np.log(steps), np.log(e), 1)[0] for kind, e in errors.items()}
    assert slopes["game"] == pytest.approx(2.0, abs=0.1)
    assert slopes["modified"] == pytest.approx(3.0, abs=0.1)


def test_bad_arguments_are_refused_by_name():
    game = sgdbias.BilinearGame(np.eye(2))
    with pytest.raises(ValueError, match="'order'"):
        sgdbias.game_gd(game, np.zeros(4), step_size=0.1, steps=1, order="both")
    with pytest.raises(ValueError, match="z0"):
        sgdbias.game_gd(game, np.zeros(3), step_size=0.1, steps=1)
    with pytest.raises(ValueError, match="'kind'"):
        sgdbias.game_flow(game, np.zeros(4), time=1.0, kind="igr")
    with pytest.raises(ValueError, match="step_size"):
        sgdbias.game_gd(game, np.zeros(4), step_size=-1.0, steps=1)
    with pytest.raises(ValueError, match="simultaneous"):
        sgdbias.game_gd(game, np.zeros(4), step_size=0.1, steps=1, first_player_updates=2)
    with pytest.raises(ArithmeticError, match="diverged"):  # NumericalFailure: |z| grows by 1 + h² per step
        sgdbias.game_gd(game, np.ones(4), step_size=100.0, steps=1000)
