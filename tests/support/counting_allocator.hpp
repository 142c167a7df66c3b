#pragma once
// Heap-allocation counting for the "no allocation per step" tests. A test binary that links the
// object library sgdbias_counting_allocator (tests/CMakeLists.txt) counts every malloc/calloc/
// realloc (Eigen's blocks and, through libstdc++, operator new); under AddressSanitizer only
// operator new (StochasticDiffEq's alloc tests do the same per step). Replacing allocation
// functions is per program, so such a test needs its own executable.
namespace sgdbias::testing {

// Calls of operator new in this process so far (any thread).
long allocations_so_far();

// False under AddressSanitizer: Eigen's heap blocks (malloc) are then not counted.
bool allocation_counter_sees_malloc();

}  // namespace sgdbias::testing
