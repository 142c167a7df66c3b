// Implicit-bias analysis from Python (lib/analysis/, dln.md §4–§7): the interpolators (minimum
// hyperbolic entropy, ℓ1, ℓ2), the effective initialisation α∞ / κ∞ of SGF and label-noise runs,
// the predicted limits, and the sparsity metrics.
#include <cmath>
#include <optional>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "lib/analysis/effective_initialization.hpp"
#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/analysis/minimum_l1_interpolator.hpp"
#include "lib/analysis/minimum_norm_interpolator.hpp"
#include "lib/analysis/mirror_projection.hpp"
#include "lib/analysis/predicted_interpolator.hpp"
#include "lib/analysis/sparsity_metrics.hpp"
#include "notebooks/python/bindings/bindings.hpp"
#include "notebooks/python/bindings/numpy_arrays.hpp"

namespace sgdbias::python {
namespace {

InterpolationConstraint constraint(const py::handle& X, const py::handle& y) {
  const MatrixArgument features(X, "X");
  return InterpolationConstraint(features.matrix(), VectorArgument(y, "y", features.rows()).copy());
}

// ln κ from exactly one of kappa (> 0) and log_kappa, one value per feature.
Vector log_scale_argument(const py::handle& kappa, const py::handle& log_kappa, Index features) {
  if (kappa.is_none() == log_kappa.is_none()) throw py::value_error("give exactly one of 'kappa' and 'log_kappa'");
  if (!log_kappa.is_none()) return VectorArgument(log_kappa, "log_kappa", features).copy();
  const Vector scale = VectorArgument(kappa, "kappa", features).copy();
  if (!(scale.array() > 0.0).all()) throw py::value_error("argument 'kappa' must be > 0 everywhere (use log_kappa for tiny scales)");
  return scale.array().log();
}

MirrorProjectionOptions projection_options(double tolerance, Index max_iterations) {
  MirrorProjectionOptions options;
  options.feasibility_tolerance = tolerance;
  options.max_iterations = max_iterations;
  return options;
}

SgfPathIntegrals path_integrals(double step_size, double integrated_mse, double integrated_label_noise_variance) {
  SgfPathIntegrals integrals{step_size, integrated_mse, integrated_label_noise_variance};
  integrals.validate();
  return integrals;
}

}  // namespace

void bind_analysis(py::module_& module) {
  py::class_<MirrorProjectionResult>(module, "Interpolator",
                                     "A mirror projection's result: beta, dual λ, feasibility ‖Xβ − y‖/‖y‖, "
                                     "kkt_residual, iterations (lib/analysis/mirror_projection.hpp)")
      .def_property_readonly("beta", [](const MirrorProjectionResult& r) { return to_numpy(Vector(r.beta)); })
      .def_property_readonly("dual", [](const MirrorProjectionResult& r) { return to_numpy(Vector(r.dual)); })
      .def_readonly("feasibility", &MirrorProjectionResult::feasibility)
      .def_readonly("kkt_residual", &MirrorProjectionResult::kkt_residual)
      .def_readonly("iterations", &MirrorProjectionResult::iterations);

  module.def("minimum_entropy_interpolator",
             [](const py::handle& X, const py::handle& y, const py::handle& kappa, const py::handle& log_kappa,
                const py::handle& reference_mirror, double tolerance, Index max_iterations) {
               const InterpolationConstraint c = constraint(X, y);
               const Vector log_scale = log_scale_argument(kappa, log_kappa, c.num_features());
               const MirrorProjectionOptions options = projection_options(tolerance, max_iterations);
               if (reference_mirror.is_none()) return minimum_entropy_interpolator(c, log_scale, options);
               return bregman_projection(c, log_scale, VectorArgument(reference_mirror, "reference_mirror", c.num_features()).view(),
                                         options);
             },
             py::arg("X"), py::arg("y"), py::arg("kappa") = py::none(), py::arg("log_kappa") = py::none(),
             py::arg("reference_mirror") = py::none(), py::arg("tolerance") = 1e-10, py::arg("max_iterations") = 500,
             R"doc(argmin_{Xβ=y} H_κ(β), the hyperbolic-entropy interpolator of scale κ (dln.md §4–§5); with
reference_mirror θ̃ the Bregman projection argmin D_{H_κ}(β, β̃) of the discrete-time limit (§7).
Give kappa or log_kappa (one per feature). Raises ConvergenceFailure rather than return an inaccurate β.)doc");
  module.def("minimum_l1_interpolator", [](const py::handle& X, const py::handle& y) {
    return to_numpy(minimum_l1_interpolator(constraint(X, y)));
  }, py::arg("X"), py::arg("y"), "argmin_{Xβ=y} ‖β‖₁ (a linear program, GLPK): the κ → 0 limit");
  module.def("minimum_l2_interpolator", [](const py::handle& X, const py::handle& y) {
    return to_numpy(minimum_l2_interpolator(constraint(X, y)));
  }, py::arg("X"), py::arg("y"), "argmin_{Xβ=y} ‖β‖₂ = Xᵀ(XXᵀ)⁻¹y: the κ → ∞ limit");

  module.def("sgf_effective_alpha",
             [](const py::handle& alpha, const py::handle& feature_second_moments, double step_size,
                double integrated_mse, double integrated_label_noise_variance) {
               const VectorArgument moments(feature_second_moments, "feature_second_moments");
               return to_numpy(sgf_effective_alpha(VectorArgument(alpha, "alpha", moments.size()).view(), moments.view(),
                                                   path_integrals(step_size, integrated_mse, integrated_label_noise_variance)));
             },
             py::arg("alpha"), py::arg("feature_second_moments"), py::arg("step_size"), py::arg("integrated_mse"),
             py::arg("integrated_label_noise_variance") = 0.0,
             "α∞ = α ⊙ exp(−2γD(∫L dt + ∫δ² dt)), L = MSE/4 (dln.md §6.3–§6.4)");
  module.def("sgf_effective_log_scale",
             [](const py::handle& log_initial_scale, const py::handle& feature_second_moments, double step_size,
                double integrated_mse, double integrated_label_noise_variance) {
               const VectorArgument moments(feature_second_moments, "feature_second_moments");
               return to_numpy(sgf_effective_log_scale(
                   VectorArgument(log_initial_scale, "log_initial_scale", moments.size()).view(), moments.view(),
                   path_integrals(step_size, integrated_mse, integrated_label_noise_variance)));
             },
             py::arg("log_initial_scale"), py::arg("feature_second_moments"), py::arg("step_size"),
             py::arg("integrated_mse"), py::arg("integrated_label_noise_variance") = 0.0,
             "ln κ∞ = ln κ₀ − γD(∫MSE dt + 4∫δ² dt), any convention (dln.md §6.3)");
  module.def("predict_gradient_flow_limit", [](const py::handle& X, const py::handle& y, const py::handle& log_initial_scale) {
    const InterpolationConstraint c = constraint(X, y);
    return predict_gradient_flow_limit(c, VectorArgument(log_initial_scale, "log_initial_scale", c.num_features()).view());
  }, py::arg("X"), py::arg("y"), py::arg("log_initial_scale"), "argmin_{Xβ=y} H_{κ₀}: the gradient-flow limit (dln.md §4)");
  module.def("predict_sgf_limit",
             [](const py::handle& X, const py::handle& y, const py::handle& log_initial_scale, double step_size,
                double integrated_mse, double integrated_label_noise_variance) {
               const InterpolationConstraint c = constraint(X, y);
               return predict_stochastic_gradient_flow_limit(
                   c, VectorArgument(log_initial_scale, "log_initial_scale", c.num_features()).view(),
                   path_integrals(step_size, integrated_mse, integrated_label_noise_variance));
             },
             py::arg("X"), py::arg("y"), py::arg("log_initial_scale"), py::arg("step_size"), py::arg("integrated_mse"),
             py::arg("integrated_label_noise_variance") = 0.0,
             "argmin_{Xβ=y} H_{κ∞} with ln κ∞ from the SGF path integrals (dln.md §6.3)");

  module.def("predict_discrete_limit",
             [](const py::handle& X, const py::handle& y, const py::handle& log_initial_scale, const py::handle& q_plus,
                const py::handle& q_minus) {
               const InterpolationConstraint c = constraint(X, y);
               const Index d = c.num_features();
               return predict_discrete_limit(c, VectorArgument(log_initial_scale, "log_initial_scale", d).view(),
                                             VectorArgument(q_plus, "q_plus", d).view(),
                                             VectorArgument(q_minus, "q_minus", d).view());
             },
             py::arg("X"), py::arg("y"), py::arg("log_initial_scale"), py::arg("q_plus"), py::arg("q_minus"),
             "argmin_{Xβ=y} D_{H_κ∞}(β, β̃₀) from a run's Σq± (Trace.bookkeeping): the exact limit of GD / SGD / "
             "label-noise SGD at finite step size (dln.md §7)");
  module.def("l1_norm", [](const py::handle& beta) { return l1_norm(VectorArgument(beta, "beta").view()); },
             py::arg("beta"), "‖β‖₁");
  module.def("effective_sparsity", [](const py::handle& beta) { return effective_sparsity(VectorArgument(beta, "beta").view()); },
             py::arg("beta"), "‖β‖₁²/‖β‖₂² (1 for a 1-sparse vector, d for a flat one)");
  module.def("squared_distance", [](const py::handle& beta, const py::handle& teacher) {
    const VectorArgument b(beta, "beta");
    return squared_distance(b.view(), VectorArgument(teacher, "teacher", b.size()).view());
  }, py::arg("beta"), py::arg("teacher"), "‖β − β*‖² (the test loss of dln.md §1)");
  module.def("support_recovery",
             [](const py::handle& beta, const py::handle& teacher, double threshold) {
               const VectorArgument b(beta, "beta");
               const SupportRecovery r = support_recovery(b.view(), VectorArgument(teacher, "teacher", b.size()).view(), threshold);
               py::dict result;
               result["true_positives"] = r.true_positives;
               result["false_positives"] = r.false_positives;
               result["false_negatives"] = r.false_negatives;
               result["precision"] = r.precision;
               result["recall"] = r.recall;
               return result;
             },
             py::arg("beta"), py::arg("teacher"), py::arg("threshold") = 1e-3,
             "the support {|β_j| > threshold} against supp β*: counts, precision and recall (a dict)");
}

}  // namespace sgdbias::python
