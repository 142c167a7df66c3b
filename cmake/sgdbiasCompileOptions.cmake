# Warnings and sanitizers for OUR targets only; third-party headers come in as SYSTEM includes
# through imported targets, so their warnings never reach us.
add_library(sgdbias_compile_options INTERFACE)
target_compile_features(sgdbias_compile_options INTERFACE cxx_std_20)
target_compile_options(sgdbias_compile_options INTERFACE
  $<BUILD_INTERFACE:-Wall -Wextra -Wpedantic>
  $<BUILD_INTERFACE:$<$<BOOL:${SGDBIAS_WARNINGS_AS_ERRORS}>:-Werror>>)
# No fused multiply-add contraction in our own code: a loop gives the same bits whatever instruction
# set compiled it (baseline, the AVX2/AVX-512 versions of lib/core/multiversioned.hpp, -march=native),
# so a result does not depend on the CPU that ran it. Kernels that fuse say so explicitly
# (lib/core/fused_multiply_add.hpp: fma with one rounding in every version). (Eigen's packet kernels still use explicit FMA
# under -march=native.)
target_compile_options(sgdbias_compile_options INTERFACE $<BUILD_INTERFACE:-ffp-contract=off>)
if(SGDBIAS_SANITIZE)
  target_compile_options(sgdbias_compile_options INTERFACE
    $<BUILD_INTERFACE:-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer>)
  target_link_options(sgdbias_compile_options INTERFACE
    $<BUILD_INTERFACE:-fsanitize=address,undefined>)
endif()

# Apply the project defaults to a target we build (library, executable, test, benchmark).
function(sgdbias_target_defaults target)
  target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:sgdbias_compile_options>)
endfunction()
