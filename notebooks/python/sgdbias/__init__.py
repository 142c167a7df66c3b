"""sgdbias: the C++ library from Python (notebooks/python/README.md).

    import numpy as np, sgdbias
    data = sgdbias.sparse_regression(samples=40, dimension=100, sparsity=5, seed=1)
    net = sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.1)
    trace = sgdbias.sgd(net, step_size=0.05, steps=100_000, seed=1, record_every=1000)
    trace.loss, trace.beta, trace.kappa          # arrays at the recorded steps
    run = sgdbias.run_study("alpha-sweep", trajectories=4, threads=2)
    run.tables["summary"]                         # pandas.DataFrame, as in the run folder

Arrays: float64 NumPy arrays are read in place (no copy) when contiguous; another dtype raises a
TypeError naming the argument, a wrong shape a ValueError. Library errors: InvalidArgument
(a ValueError), NumericalFailure (an ArithmeticError: a run diverged), ConvergenceFailure.
"""
from ._sgdbias import (  # noqa: F401  (the compiled module: problems, algorithms, errors)
    __version__,
    BilinearGame,
    ConvergenceFailure,
    DiagonalLinearNetwork,
    DiracGan,
    InvalidArgument,
    LinearRegression,
    NumericalFailure,
    Quadratic,
    QuadraticGame,
    SparseRegressionData,
    Interpolator,
    Trace,
    # algorithms
    gd,
    label_noise_sgd,
    momentum,
    sgd,
    sparse_regression,
    # the SDE layer
    exact_covariance_sgf,
    integrate_sde,
    langevin,
    sgf,
    wrong_sde,
    # analysis
    effective_sparsity,
    l1_norm,
    minimum_entropy_interpolator,
    minimum_l1_interpolator,
    minimum_l2_interpolator,
    predict_discrete_limit,
    predict_gradient_flow_limit,
    predict_sgf_limit,
    sgf_effective_alpha,
    sgf_effective_log_scale,
    squared_distance,
    support_recovery,
    # flows
    alignment_flow,
    dal,
    flow,
    # games
    GameTrace,
    game_flow,
    game_gd,
)
from .studies import StudyRun, run_study, studies, study_options  # noqa: F401
