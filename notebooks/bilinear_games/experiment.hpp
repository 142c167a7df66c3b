#pragma once
// Experiment `bilinear-games` (notebooks/bilinear_games/bilinear_games.ipynb).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_bilinear_games_experiment();
}
