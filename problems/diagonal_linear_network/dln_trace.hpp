#pragma once
// DlnTrace: an observer (lib/core/observer.hpp: iterate, SDE paths, flows) recording what a diagonal-network study needs at the record
// steps: training loss, ‖β‖₁, the test loss ‖β − β*‖² (dln.md §1, if a teacher is given) and,
// optionally, β itself (a d × records matrix). Storage is allocated in on_start only.
#include <optional>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::problems {

struct DlnTraceOptions {
  std::optional<Vector> teacher{};  // β*: records ‖β − β*‖²
  bool record_beta = false;       // store β at every record step
};

class DlnTrace {
 public:
  DlnTrace(const DiagonalLinearNetwork&& temporary, DlnTraceOptions options = {}) = delete;  // would dangle
  explicit DlnTrace(const DiagonalLinearNetwork& network, DlnTraceOptions options = {})
      : network_(network), options_(std::move(options)), beta_(network.num_features()) {
    if (options_.teacher) {
      require(options_.teacher->size() == network.num_features(), "DlnTrace", "teacher β* has size ",
              options_.teacher->size(), ", expected d = ", network.num_features());
    }
  }

  void on_start(const RecordGrid& grid, const ConstVectorRef& /*x0*/) {
    const auto records = static_cast<std::size_t>(grid.num_records());
    for (auto* column : {&losses_, &l1_norms_, &test_losses_}) {
      column->clear();
      column->reserve(records);
    }
    steps_.clear();
    steps_.reserve(records);
    if (options_.record_beta) betas_.resize(network_.num_features(), grid.num_records());
  }

  void on_record(const RecordPoint& point, const ConstVectorRef& x) {
    network_.beta(x, beta_);
    if (options_.record_beta) betas_.col(static_cast<Index>(steps_.size())) = beta_;
    steps_.push_back(point.step);
    losses_.push_back(network_.loss(x));
    l1_norms_.push_back(beta_.lpNorm<1>());
    if (options_.teacher) test_losses_.push_back((beta_ - *options_.teacher).squaredNorm());
  }

  // A run ended by the stop rule (IterationOptions::loss_tolerance) recorded fewer β columns.
  void on_finish(const RecordPoint& /*point*/, const ConstVectorRef& /*x*/) {
    if (options_.record_beta) betas_.conservativeResize(Eigen::NoChange, static_cast<Index>(steps_.size()));
  }

  const std::vector<Index>& steps() const { return steps_; }
  const std::vector<double>& losses() const { return losses_; }
  const std::vector<double>& l1_norms() const { return l1_norms_; }
  const std::vector<double>& test_losses() const { return test_losses_; }  // empty without a teacher
  const Matrix& betas() const { return betas_; }                          // empty unless record_beta

 private:
  const DiagonalLinearNetwork& network_;
  DlnTraceOptions options_;
  Vector beta_;
  std::vector<Index> steps_;
  std::vector<double> losses_, l1_norms_, test_losses_;
  Matrix betas_;
};

}  // namespace sgdbias::problems
