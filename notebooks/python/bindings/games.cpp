// Two-player games from Python (lib/games/, bea.md §6): game gradient descent, simultaneous or
// alternating (§6.1), and the flows that model it in joint time (§6.2): the game's own flow
// (φ̇ = αf, θ̇ = λg: one iteration to O(h²)) and the modified flow of §6.3 (to O(h³)), integrated
// by odeint's RK4 (lib/flows/integrate_flow.hpp). Both return a GameTrace of z = (φ, θ) at joint
// times t = k·h, so an iteration and the flow it is compared with share one clock.
#include <string_view>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include "lib/core/drive_on_grid.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"
#include "lib/core/time_grid.hpp"
#include "lib/flows/integrate_flow.hpp"
#include "lib/games/game_flow.hpp"
#include "lib/games/game_gradient_descent.hpp"
#include "lib/games/game_modified_flow.hpp"
#include "notebooks/python/bindings/bindings.hpp"
#include "notebooks/python/bindings/choice.hpp"
#include "notebooks/python/bindings/numpy_arrays.hpp"
#include "problems/games/bilinear_game.hpp"
#include "problems/games/dirac_gan.hpp"
#include "problems/games/quadratic_game.hpp"

namespace sgdbias::python {
namespace {

// z = (φ, θ) at recorded joint times: row r of `states` is z(times[r]).
struct GameTrace {
  std::vector<double> times;
  Matrix states;  // records × dimension

  // An observer (lib/core/observer.hpp) of game GD and of the game flows: one row per record.
  void on_record(const RecordPoint& point, const ConstVectorRef& z) {
    states.row(static_cast<Index>(times.size())) = z.transpose();
    times.push_back(point.time);
  }
};

GameStepOptions step_options(double step_size, std::string_view order, double first_rate_factor,
                             double second_rate_factor, Index first_player_updates, Index second_player_updates) {
  GameStepOptions options;
  options.step_size = step_size;
  options.order = parse_choice<UpdateOrder>(order, "order",
                                            {{"simultaneous", UpdateOrder::kSimultaneous},
                                             {"first_player_first", UpdateOrder::kFirstPlayerFirst},
                                             {"second_player_first", UpdateOrder::kSecondPlayerFirst}});
  options.first_rate_factor = first_rate_factor;
  options.second_rate_factor = second_rate_factor;
  options.first_player_updates = first_player_updates;
  options.second_player_updates = second_player_updates;
  options.validate("game options");
  return options;
}

void require_positive(Index value, std::string_view argument) {
  if (value < 1) throw py::value_error(describe("argument '", argument, "' must be >= 1, got ", value));
}

template <class Game>
GameTrace run_game_gd(const Game& game, const py::handle& z0, Index steps, Index record_every,
                      const GameStepOptions& options) {
  require_positive(steps, "steps");
  require_positive(record_every, "record_every");
  Vector z = VectorArgument(z0, "z0", game.dimension()).copy();
  GameGradientDescent<Game> descent(game, options);
  GameTrace trace;
  const RecordGrid records{steps, record_every};
  trace.states.resize(records.num_records(), game.dimension());
  {
    py::gil_scoped_release release;
    drive_steps(
        records, z, [&options](Index k) { return static_cast<double>(k) * options.step_size; },
        [&](Index) { descent.step(z); }, trace);
  }
  return trace;
}

template <class Game>
GameTrace run_game_flow(const Game& game, const py::handle& z0, std::string_view kind, double time, Index records,
                        Index substeps, const GameStepOptions& options) {
  enum class Kind { kGame, kModified };
  const Kind chosen = parse_choice<Kind>(kind, "kind", {{"game", Kind::kGame}, {"modified", Kind::kModified}});
  if (records < 2) throw py::value_error(describe("argument 'records' must be >= 2 (the start and the end), got ", records));
  if (!(time > 0.0)) throw py::value_error(describe("argument 'time' must be > 0, got ", time));
  FlowIntegrationOptions integration;
  integration.substeps = substeps;
  integration.validate("game_flow");
  Vector z = VectorArgument(z0, "z0", game.dimension()).copy();
  GameTrace trace;
  trace.states.resize(records, game.dimension());
  const auto integrate = [&](auto& system) {
    py::gil_scoped_release release;
    integrate_flow_on_grid(system, z, TimeGrid{0.0, time, records - 1}, integration, trace);
  };
  if (chosen == Kind::kGame) {
    GameFlow<Game> flow(game, options);
    integrate(flow);
  } else {
    GameModifiedFlow<Game> flow(game, options);
    integrate(flow);
  }
  return trace;
}

template <class Game>
void bind_game_functions(py::module_& module) {
  module.def(
      "game_gd",
      [](const Game& game, const py::handle& z0, double step_size, Index steps, std::string_view order,
         double first_rate_factor, double second_rate_factor, Index first_player_updates, Index second_player_updates,
         Index record_every) {
        return run_game_gd(game, z0, steps, record_every,
                           step_options(step_size, order, first_rate_factor, second_rate_factor, first_player_updates,
                                        second_player_updates));
      },
      py::arg("game"), py::arg("z0"), py::arg("step_size"), py::arg("steps"), py::arg("order") = "simultaneous",
      py::arg("first_rate_factor") = 1.0, py::arg("second_rate_factor") = 1.0, py::arg("first_player_updates") = 1,
      py::arg("second_player_updates") = 1, py::arg("record_every") = 1,
      "Game gradient descent from z0 = (φ, θ) (bea.md §6.1): learning rates α·h and λ·h "
      "(first/second_rate_factor α, λ; step_size h); order 'simultaneous', 'first_player_first' or "
      "'second_player_first'; alternating orders take first/second_player_updates updates of each player. "
      "Returns a GameTrace at steps 0, r, 2r, ... and the last (time = step·h).");
  module.def(
      "game_flow",
      [](const Game& game, const py::handle& z0, double time, std::string_view kind, double step_size,
         std::string_view order, double first_rate_factor, double second_rate_factor, Index first_player_updates,
         Index second_player_updates, Index records, Index substeps) {
        return run_game_flow(game, z0, kind, time, records, substeps,
                             step_options(step_size, order, first_rate_factor, second_rate_factor,
                                          first_player_updates, second_player_updates));
      },
      py::arg("game"), py::arg("z0"), py::arg("time"), py::arg("kind") = "modified", py::arg("step_size") = 0.1,
      py::arg("order") = "simultaneous", py::arg("first_rate_factor") = 1.0, py::arg("second_rate_factor") = 1.0,
      py::arg("first_player_updates") = 1, py::arg("second_player_updates") = 1, py::arg("records") = 2,
      py::arg("substeps") = 8,
      "The flow modelling game_gd with the same options, in joint time (bea.md §6.2): kind 'game' "
      "(φ̇ = αf, θ̇ = λg; one iteration to O(h²)) or 'modified' (the modified flow of §6.3; to O(h³)). "
      "Integrated by RK4 with `substeps` steps per record interval; returns a GameTrace at `records` "
      "equally spaced times of [0, time].");
}

}  // namespace

void bind_game_dynamics(py::module_& module) {
  py::class_<GameTrace>(module, "GameTrace", "z = (φ, θ) of a game run or flow at recorded joint times")
      .def_property_readonly("time", [](const GameTrace& trace) { return to_numpy(std::vector<double>(trace.times)); },
                             "joint time of each record (step · h for game_gd)")
      .def_property_readonly("z", [](const GameTrace& trace) { return to_numpy(Matrix(trace.states)); },
                             "records × dimension: row r is z at time[r]; z[:, :m] is φ (m = first_player_dimension)");
  bind_game_functions<problems::BilinearGame>(module);
  bind_game_functions<problems::QuadraticGame>(module);
  bind_game_functions<problems::DiracGan>(module);
}

}  // namespace sgdbias::python
