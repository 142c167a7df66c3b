#pragma once
// The job this process was launched in. Built with SGDBIAS_WITH_MPI (mpi_job.cpp): when mpirun or
// srun started it (their environment variables say so), MPI is initialised and the MPI job of two
// or more ranks is returned; MPI is finalised when it is destroyed. A plain start, one rank, or a
// build without MPI (no_mpi_job.cpp): nullptr, and the program runs as one process.
// Nothing outside notebooks/cluster/mpi_*.cpp includes mpi.h.
#include <memory>

#include "notebooks/cluster/job.hpp"

namespace sgdbias::cluster {

class LaunchedJob {
 public:
  LaunchedJob(int& argc, char**& argv);
  ~LaunchedJob();
  LaunchedJob(const LaunchedJob&) = delete;
  LaunchedJob& operator=(const LaunchedJob&) = delete;
  Job* job() const { return job_.get(); }  // nullptr: this process runs alone

 private:
  std::unique_ptr<Job> job_;
  bool initialised_ = false;  // MPI was initialised here (finalised by the destructor)
};

}  // namespace sgdbias::cluster
