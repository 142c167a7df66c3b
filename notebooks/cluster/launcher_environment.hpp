#pragma once
// How many processes the launcher that started this one started in all, read from the variables
// each launcher sets for its processes: Open MPI's mpirun (OMPI_COMM_WORLD_SIZE), Slurm's srun
// (SLURM_STEP_NUM_TASKS; a batch script itself has no step) and MPICH-style PMI (PMI_SIZE).
// 1 for a plain start. Read before MPI is initialised, so a plain start never touches MPI.
#include <cstdlib>
#include <string>

namespace sgdbias::cluster {

struct LauncherCount {
  int processes = 1;
  std::string variable;  // the variable that said so, for messages
};

inline LauncherCount launcher_process_count() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "SLURM_STEP_NUM_TASKS", "PMI_SIZE"}) {
    if (const char* value = std::getenv(variable)) {
      const int processes = std::atoi(value);
      if (processes >= 1) return {processes, variable};
    }
  }
  return {};
}

}  // namespace sgdbias::cluster
