// Problems from NumPy data: the diagonal linear network of the user's X, y under a named
// convention (dln.md §3.3), linear regression, sparse-regression data (dln.md §8.4), quadratics
// and the games of bea.md §6.8. Each binding only converts arguments and calls the library.
#include <optional>
#include <string>
#include <utility>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "notebooks/python/bindings/bindings.hpp"
#include "notebooks/python/bindings/choice.hpp"
#include "notebooks/python/bindings/numpy_arrays.hpp"
#include "problems/data/sparse_regression_data.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/games/bilinear_game.hpp"
#include "problems/games/dirac_gan.hpp"
#include "problems/games/quadratic_game.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "problems/quadratic/quadratic.hpp"

namespace sgdbias::python {
namespace {

using problems::DiagonalLinearNetwork;
using problems::DlnConvention;
using problems::DlnParametrisation;

problems::Dataset dataset(const py::handle& features, const py::handle& targets) {
  const MatrixArgument x(features, "X");
  const VectorArgument y(targets, "y", x.rows());
  return problems::Dataset{x.matrix(), y.copy()};
}

// α: a number (every coordinate) or one per feature.
DlnConvention named_convention(std::string_view name, const py::handle& alpha, Index features) {
  using Factory = DlnConvention (*)(const Vector&);
  const Factory factory = parse_choice<Factory>(name, "convention",
                                                {{"ppf", &DlnConvention::ppf},
                                                 {"product_equivalent_to_ppf", &DlnConvention::product_equivalent_to_ppf},
                                                 {"epgf", &DlnConvention::epgf},
                                                 {"slides_literal", &DlnConvention::slides_literal}});
  if (py::isinstance<py::float_>(alpha) || py::isinstance<py::int_>(alpha)) {
    return factory(Vector::Constant(1, alpha.cast<double>()));
  }
  return factory(VectorArgument(alpha, "alpha", features).copy());
}

DlnParametrisation parametrisation_named(std::string_view name) {
  return parse_choice<DlnParametrisation>(name, "parametrisation",
                                          {{"square_difference", DlnParametrisation::kSquareDifference},
                                           {"product", DlnParametrisation::kProduct}});
}

// The objective methods every problem with loss/gradient shares: loss(x), gradient(x, out=None),
// hessian_vector_product(x, v). `x` is read in place when it is a contiguous float64 array.
template <class Problem, class Class>
void bind_objective(Class& cls) {
  cls.def_property_readonly("dimension", &Problem::dimension, "size of the state x");
  cls.def("loss", [](const Problem& problem, const py::handle& x) {
    return problem.loss(VectorArgument(x, "x", problem.dimension()).view());
  }, py::arg("x"), "L(x)");
  cls.def("gradient", [](const Problem& problem, const py::handle& x, const py::handle& out) -> py::object {
    const VectorArgument state(x, "x", problem.dimension());
    if (out.is_none()) {
      Vector gradient(problem.dimension());
      problem.gradient(state.view(), gradient);
      return to_numpy(std::move(gradient));
    }
    problem.gradient(state.view(), output_vector(out, "out", problem.dimension()));
    return py::reinterpret_borrow<py::object>(out);
  }, py::arg("x"), py::arg("out") = py::none(),
     "∇L(x); with out= (a contiguous float64 array of the state's size) written into out, which is returned");
  cls.def("hessian_vector_product", [](const Problem& problem, const py::handle& x, const py::handle& v) {
    Vector product(problem.dimension());
    problem.hessian_vector_product(VectorArgument(x, "x", problem.dimension()).view(),
                                   VectorArgument(v, "v", problem.dimension()).view(), product);
    return to_numpy(std::move(product));
  }, py::arg("x"), py::arg("v"), "∇²L(x)·v");
}

// The finite-sum view shared by the regression-type problems.
template <class Problem, class Class>
void bind_finite_sum(Class& cls) {
  cls.def_property_readonly("num_samples", &Problem::num_samples, "n");
  cls.def_property_readonly("num_features", &Problem::num_features, "d");
  cls.def_property_readonly("X", [](const Problem& problem) { return to_numpy(Matrix(problem.features())); },
                            "the n × d design (a copy)");
  cls.def_property_readonly("y", [](const Problem& problem) { return to_numpy(Vector(problem.targets())); },
                            "the n labels (a copy)");
  cls.def("batch_loss", [](const Problem& problem, const py::handle& x, const std::vector<Index>& batch) {
    for (Index sample : batch) {
      if (sample < 0 || sample >= problem.num_samples()) {
        throw py::value_error(describe("argument 'batch': sample ", sample, " is not in [0, n = ",
                                       problem.num_samples(), ")"));
      }
    }
    return problem.batch_loss(VectorArgument(x, "x", problem.dimension()).view(), batch);
  }, py::arg("x"), py::arg("batch"), "L_B(x) = (c/b) Σ_{i∈B} r_i²");
}

void bind_diagonal_linear_network(py::module_& module) {
  py::class_<DiagonalLinearNetwork> cls(module, "DiagonalLinearNetwork", R"doc(
Two-layer diagonal linear network on the data (X, y) (dln.md §3): state x = [u; v] of size 2d,
β = u⊙u − v⊙v or β = u⊙v, loss L = c·MSE(β).

DiagonalLinearNetwork(X, y, convention="ppf", alpha=0.1)
  convention: "ppf" (β = u²−v², u₀ = v₀ = α, c = 1/4, κ₀ = 2α²), "product_equivalent_to_ppf"
  (β = u⊙v, u₀ = 2α, v₀ = 0, c = 1/2: the same dynamics as ppf), "epgf" (u⊙v, u₀ = √2α, κ₀ = α²),
  "slides_literal" (u⊙v, u₀ = α, κ₀ = α²/2); alpha a number or one value per feature.
DiagonalLinearNetwork.custom(X, y, parametrisation, u0, v0, loss_scale) for any initialisation.)doc");
  cls.def(py::init([](const py::handle& X, const py::handle& y, std::string_view convention, const py::handle& alpha) {
            problems::Dataset data = dataset(X, y);
            const Index features = data.features.cols();
            return DiagonalLinearNetwork(std::move(data), named_convention(convention, alpha, features));
          }),
          py::arg("X"), py::arg("y"), py::arg("convention") = "ppf", py::arg("alpha") = 0.1);
  cls.def_static("custom", [](const py::handle& X, const py::handle& y, std::string_view parametrisation,
                              const py::handle& u0, const py::handle& v0, double loss_scale) {
    problems::Dataset data = dataset(X, y);
    return DiagonalLinearNetwork(std::move(data), DlnConvention::custom(parametrisation_named(parametrisation),
                                                                        VectorArgument(u0, "u0").copy(),
                                                                        VectorArgument(v0, "v0").copy(), loss_scale));
  }, py::arg("X"), py::arg("y"), py::arg("parametrisation"), py::arg("u0"), py::arg("v0"), py::arg("loss_scale"));
  bind_objective<DiagonalLinearNetwork>(cls);
  bind_finite_sum<DiagonalLinearNetwork>(cls);
  cls.def_property_readonly("convention", [](const DiagonalLinearNetwork& network) { return network.convention().name(); });
  cls.def_property_readonly("parametrisation", [](const DiagonalLinearNetwork& network) {
    return network.parametrisation() == DlnParametrisation::kProduct ? "product" : "square_difference";
  });
  cls.def_property_readonly("loss_scale", &DiagonalLinearNetwork::loss_scale, "c in L = c·MSE");
  cls.def("initial_state", [](const DiagonalLinearNetwork& network) { return to_numpy(network.initial_state()); },
          "x₀ = [u₀; v₀] of the convention");
  cls.def_property_readonly("initial_scale", [](const DiagonalLinearNetwork& network) {
    return to_numpy(Vector(network.initial_scale()));
  }, "κ₀ (dln.md §3.3)");
  cls.def_property_readonly("feature_second_moments", [](const DiagonalLinearNetwork& network) {
    return to_numpy(Vector(network.feature_second_moments()));
  }, "D = diag(XᵀX/n) (dln.md §1)");
  const auto per_feature = [](void (DiagonalLinearNetwork::*method)(const ConstVectorRef&, VectorRef) const) {
    return [method](const DiagonalLinearNetwork& network, const py::handle& x) {
      Vector out(network.num_features());
      (network.*method)(VectorArgument(x, "x", network.dimension()).view(), out);
      return to_numpy(std::move(out));
    };
  };
  cls.def("beta", per_feature(&DiagonalLinearNetwork::beta), py::arg("x"), "β(x)");
  cls.def("scale", per_feature(&DiagonalLinearNetwork::scale), py::arg("x"), "κ(x) (2uv or (u²−v²)/2 in absolute value)");
  cls.def("log_scale", per_feature(&DiagonalLinearNetwork::log_scale), py::arg("x"), "ln κ(x), cancellation-free");
  cls.def("mirror_coordinate", per_feature(&DiagonalLinearNetwork::mirror_coordinate), py::arg("x"),
          "ζ = asinh(β/κ)");
  cls.def("mean_squared_error", [](const DiagonalLinearNetwork& network, const py::handle& x) {
    return network.mean_squared_error(VectorArgument(x, "x", network.dimension()).view());
  }, py::arg("x"), "‖Xβ − y‖²/n");
}

void bind_linear_regression(py::module_& module) {
  py::class_<problems::LinearRegression> cls(module, "LinearRegression",
                                             "Least squares on β: L(β) = c·‖Xβ − y‖²/n (default c = 1/2).");
  cls.def(py::init([](const py::handle& X, const py::handle& y, double loss_scale) {
            return problems::LinearRegression(dataset(X, y), loss_scale);
          }),
          py::arg("X"), py::arg("y"), py::arg("loss_scale") = 0.5);
  bind_objective<problems::LinearRegression>(cls);
  bind_finite_sum<problems::LinearRegression>(cls);
}

void bind_quadratic(py::module_& module) {
  py::class_<problems::Quadratic> cls(module, "Quadratic", "L(x) = ½xᵀAx − bᵀx + c, A symmetric.");
  cls.def(py::init([](const py::handle& hessian, const py::handle& linear, double constant) {
            const MatrixArgument a(hessian, "hessian");
            Vector b = linear.is_none() ? Vector() : VectorArgument(linear, "linear", a.rows()).copy();
            return problems::Quadratic(a.matrix(), std::move(b), constant);
          }),
          py::arg("hessian"), py::arg("linear") = py::none(), py::arg("constant") = 0.0);
  cls.def_static("centered", [](const py::handle& hessian, const py::handle& minimizer) {
    const MatrixArgument a(hessian, "hessian");
    return problems::Quadratic::centered(a.matrix(), VectorArgument(minimizer, "minimizer", a.rows()).copy());
  }, py::arg("hessian"), py::arg("minimizer"), "L(x) = ½(x − x*)ᵀA(x − x*)");
  bind_objective<problems::Quadratic>(cls);
  cls.def_property_readonly("hessian", [](const problems::Quadratic& q) { return to_numpy(Matrix(q.hessian())); });
}

template <class Game, class Class>
void bind_game_interface(Class& cls) {
  cls.def_property_readonly("dimension", &Game::dimension, "size of z = (φ, θ)");
  cls.def_property_readonly("first_player_dimension", &Game::first_player_dimension, "size of φ");
  cls.def_property_readonly("is_zero_sum", &Game::is_zero_sum);
  cls.def("first_loss", [](const Game& game, const py::handle& z) {
    return game.first_loss(VectorArgument(z, "z", game.dimension()).view());
  }, py::arg("z"), "E_φ(z)");
  cls.def("second_loss", [](const Game& game, const py::handle& z) {
    return game.second_loss(VectorArgument(z, "z", game.dimension()).view());
  }, py::arg("z"), "E_θ(z)");
  cls.def("field", [](const Game& game, const py::handle& z) {
    Vector out(game.dimension());
    game.field(VectorArgument(z, "z", game.dimension()).view(), out);
    return to_numpy(std::move(out));
  }, py::arg("z"), "the game's vector field v(z) = (f, g) = (−∇_φE_φ, −∇_θE_θ)");
}

void bind_games(py::module_& module) {
  py::class_<problems::BilinearGame> bilinear(module, "BilinearGame", "E(φ, θ) = φᵀAθ, zero-sum (bea.md §6.8(a)).");
  bilinear.def(py::init([](const py::handle& coupling) {
                 return problems::BilinearGame(MatrixArgument(coupling, "coupling").matrix());
               }),
               py::arg("coupling"));
  bind_game_interface<problems::BilinearGame>(bilinear);

  py::class_<problems::QuadraticGame> quadratic(module, "QuadraticGame",
                                                "E_φ = ½φᵀAφ + φᵀBθ, E_θ = ½θᵀCθ − φᵀDθ (bea.md §6.8(c)).");
  quadratic.def(py::init([](const py::handle& a, const py::handle& b, const py::handle& c, const py::handle& d) {
                  return problems::QuadraticGame(MatrixArgument(a, "A").matrix(), MatrixArgument(b, "B").matrix(),
                                                 MatrixArgument(c, "C").matrix(), MatrixArgument(d, "D").matrix());
                }),
                py::arg("A"), py::arg("B"), py::arg("C"), py::arg("D"));
  quadratic.def_static("scalar", &problems::QuadraticGame::scalar, py::arg("a"), py::arg("b"), py::arg("c"),
                       py::arg("d"), "the scalar game of bea.md §6.8(c)");
  quadratic.def("jacobian", [](const problems::QuadraticGame& game) { return to_numpy(game.jacobian()); });
  bind_game_interface<problems::QuadraticGame>(quadratic);

  py::class_<problems::DiracGan> gan(module, "DiracGan", "The Dirac-GAN, z = (ψ, θ) (bea.md §6.8(b)).");
  gan.def(py::init([](std::string_view generator_loss) {
            return problems::DiracGan(parse_choice<GanGeneratorLoss>(
                generator_loss, "generator_loss",
                {{"saturating", GanGeneratorLoss::kSaturating}, {"non_saturating", GanGeneratorLoss::kNonSaturating}}));
          }),
          py::arg("generator_loss") = "non_saturating");
  bind_game_interface<problems::DiracGan>(gan);
}

// The data of dln.md §8.4, from the streams (seed, 0, data) and (seed, 0, test-data): the same
// arrays as the program's studies draw with the same seed and shape.
struct SparseRegression {
  problems::SparseRegressionData data;
};

void bind_sparse_regression(py::module_& module) {
  py::class_<SparseRegression> cls(module, "SparseRegressionData", "X, y, teacher (β*), X_test, y_test");
  cls.def_property_readonly("X", [](const SparseRegression& s) { return to_numpy(Matrix(s.data.train.features)); });
  cls.def_property_readonly("y", [](const SparseRegression& s) { return to_numpy(Vector(s.data.train.targets)); });
  cls.def_property_readonly("teacher", [](const SparseRegression& s) { return to_numpy(Vector(s.data.teacher)); });
  cls.def_property_readonly("X_test", [](const SparseRegression& s) { return to_numpy(Matrix(s.data.test.features)); });
  cls.def_property_readonly("y_test", [](const SparseRegression& s) { return to_numpy(Vector(s.data.test.targets)); });
  module.def("sparse_regression",
             [](Index samples, Index dimension, Index sparsity, Index test_samples, std::string_view teacher_values,
                std::string_view teacher_support, double teacher_value, double label_noise,
                const py::handle& covariance, std::uint64_t seed) {
               problems::SparseRegressionOptions options;
               options.samples = samples;
               options.dimension = dimension;
               options.sparsity = sparsity;
               options.test_samples = test_samples;
               options.teacher_values = parse_choice<problems::TeacherValues>(
                   teacher_values, "teacher_values",
                   {{"gaussian", problems::TeacherValues::kGaussian},
                    {"signs", problems::TeacherValues::kSigns},
                    {"fixed", problems::TeacherValues::kFixed}});
               options.teacher_support = parse_choice<problems::TeacherSupport>(
                   teacher_support, "teacher_support",
                   {{"random", problems::TeacherSupport::kRandom}, {"first", problems::TeacherSupport::kFirst}});
               options.teacher_value = teacher_value;
               options.label_noise = label_noise;
               if (!covariance.is_none()) options.covariance = MatrixArgument(covariance, "covariance", dimension, dimension).matrix();
               return SparseRegression{problems::make_sparse_regression(options, seed)};
             },
             py::arg("samples") = 40, py::arg("dimension") = 100, py::arg("sparsity") = 5, py::arg("test_samples") = 0,
             py::arg("teacher_values") = "gaussian", py::arg("teacher_support") = "random",
             py::arg("teacher_value") = 1.0, py::arg("label_noise") = 0.0, py::arg("covariance") = py::none(),
             py::arg("seed") = 1,
             R"doc(Sparse regression data (dln.md §8.4): x_i ~ N(0, Σ), β* with `sparsity` nonzeros,
y = Xβ* + σε. Drawn from the streams (seed, trajectory 0, data / test-data), so the same seed and
shape give the arrays of the program's studies (which use teacher_support="first").)doc");
}

}  // namespace

void bind_problems(py::module_& module) {
  bind_diagonal_linear_network(module);
  bind_linear_regression(module);
  bind_quadratic(module);
  bind_games(module);
  bind_sparse_regression(module);
}

}  // namespace sgdbias::python
