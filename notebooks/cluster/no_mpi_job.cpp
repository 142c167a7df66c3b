// A build without MPI (SGDBIAS_WITH_MPI=OFF): every process runs alone. Started as several
// processes by mpirun or srun anyway, each would run the whole study into the same folder, so
// that is refused with the remedy.
#include <cstdlib>
#include <iostream>

#include "notebooks/cluster/launched_job.hpp"
#include "notebooks/cluster/launcher_environment.hpp"

namespace sgdbias::cluster {

LaunchedJob::LaunchedJob(int& /*argc*/, char**& /*argv*/) {
  const LauncherCount launcher = launcher_process_count();
  if (launcher.processes > 1) {
    std::cerr << "sgdbias: started as one of " << launcher.processes << " processes (" << launcher.variable
              << "), but this sgdbias was built without MPI: each would run the whole study into the same "
                 "folder. Rebuild it with MPI (apt-get install libopenmpi-dev openmpi-bin; cmake "
                 "-DSGDBIAS_WITH_MPI=ON), or start one process.\n";
    std::exit(2);
  }
}

LaunchedJob::~LaunchedJob() = default;

}  // namespace sgdbias::cluster
