"""NumPy arrays in and out: contiguous float64 arrays are read in place, strided ones copied,
anything else refused with one exception naming the argument; results own their memory or view
the Trace's."""
import numpy as np
import pytest

import sgdbias
from sgdbias import _sgdbias


@pytest.fixture
def network():
    data = sgdbias.sparse_regression(samples=10, dimension=20, sparsity=3, seed=4)
    return sgdbias.DiagonalLinearNetwork(data.X, data.y, convention="ppf", alpha=0.3)


def test_a_contiguous_float64_vector_is_read_in_place_and_a_strided_one_is_copied():
    x = np.linspace(0.0, 1.0, 8)
    assert _sgdbias._buffer_address(x) == x.ctypes.data
    strided = np.linspace(0.0, 1.0, 16)[::2]
    assert _sgdbias._buffer_address(strided) != strided.ctypes.data


def test_out_is_written_in_place_and_returned(network):
    x = network.initial_state() * 1.7
    out = np.zeros(network.dimension)
    returned = network.gradient(x, out=out)
    assert returned is out
    np.testing.assert_array_equal(out, network.gradient(x))


def test_the_gradient_matches_central_differences(network):
    # Exact derivative vs O(h²) finite difference: relative error ~1e-8 at h = 1e-5.
    rng = np.random.default_rng(3)
    x = rng.normal(size=network.dimension)
    gradient = network.gradient(x)
    h = 1e-5
    numeric = np.array([(network.loss(x + h * e) - network.loss(x - h * e)) / (2 * h)
                        for e in np.eye(network.dimension)])
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-8)


def test_a_strided_view_gives_the_same_values_as_its_contiguous_copy(network):
    x = np.repeat(network.initial_state() * 1.3, 2)[::2]
    assert not x.flags.c_contiguous
    assert network.loss(x) == network.loss(np.ascontiguousarray(x))


def test_another_dtype_is_a_type_error_naming_the_argument(network):
    with pytest.raises(TypeError, match="'x'.*float64.*int64"):
        network.loss(np.ones(network.dimension, dtype=np.int64))
    with pytest.raises(TypeError, match="'x'.*float32"):
        network.loss(np.ones(network.dimension, dtype=np.float32))


def test_a_wrong_shape_or_size_is_a_value_error_naming_the_argument(network):
    with pytest.raises(ValueError, match=r"'x' must have 40 entries, got 39"):
        network.loss(np.ones(network.dimension - 1))
    with pytest.raises(ValueError, match=r"'x' must be a 1-D array, got shape \(2, 20\)"):
        network.loss(np.ones((2, 20)))
    with pytest.raises(ValueError, match=r"'y' must have 10 entries"):
        sgdbias.DiagonalLinearNetwork(np.ones((10, 3)), np.ones(9))


def test_an_out_that_cannot_be_written_in_place_is_refused(network):
    x = network.initial_state()
    with pytest.raises(ValueError, match="'out' must be contiguous"):
        network.gradient(x, out=np.zeros(2 * network.dimension)[::2])
    with pytest.raises(TypeError, match="'out' must be a float64 array"):
        network.gradient(x, out=np.zeros(network.dimension, dtype=np.float32))
    read_only = np.zeros(network.dimension)
    read_only.flags.writeable = False
    with pytest.raises(ValueError, match="'out' is read-only"):
        network.gradient(x, out=read_only)


def test_a_list_of_numbers_is_converted_and_text_is_refused():
    quadratic = sgdbias.Quadratic([[2.0, 0.0], [0.0, 1.0]])
    assert quadratic.loss([1, 2]) == pytest.approx(0.5 * (2 * 1 + 1 * 4))
    with pytest.raises(TypeError, match="'x'"):
        quadratic.loss(["a", "b"])


def test_trace_arrays_view_the_trace_without_copies(network):
    trace = sgdbias.gd(network, step_size=0.01, steps=50, record_every=10)
    assert trace.beta.shape == (6, network.num_features)
    assert np.shares_memory(trace.beta, trace.beta)  # two reads, one buffer: no copy per access
    assert not trace.loss.flags.writeable
    beta = trace.beta
    expected = beta.copy()
    del trace  # the view keeps its Trace alive
    np.testing.assert_array_equal(beta, expected)
