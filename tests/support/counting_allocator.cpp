// Counts heap allocations of the whole program. Eigen takes its heap blocks straight from
// malloc (16-byte aligned already, so no operator new), hence counting operator new alone would
// never see an Eigen temporary: outside sanitizer builds malloc/calloc/realloc themselves are
// interposed and forward to glibc's implementation (libstdc++'s operator new calls malloc, so
// `new` is counted too). AddressSanitizer owns malloc, so under it only operator new is counted.
#include "tests/support/counting_allocator.hpp"

#include <atomic>
#include <cstddef>
#include <new>

namespace {
std::atomic<long> allocation_count{0};
void count_one() { allocation_count.fetch_add(1, std::memory_order_relaxed); }
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
#define SGDBIAS_COUNTS_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SGDBIAS_COUNTS_MALLOC 0
#endif
#endif
#ifndef SGDBIAS_COUNTS_MALLOC
#define SGDBIAS_COUNTS_MALLOC 1
#endif

#if SGDBIAS_COUNTS_MALLOC
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* memory, std::size_t size);

void* malloc(std::size_t size) noexcept {
  count_one();
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
  count_one();
  return __libc_calloc(count, size);
}
void* realloc(void* memory, std::size_t size) noexcept {
  count_one();
  return __libc_realloc(memory, size);
}
}
#else
#include <cstdlib>

void* operator new(std::size_t size) {
  count_one();
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
// GCC's -Wmismatched-new-delete misfires on a replacement operator delete that frees memory its
// matching replacement operator new took from malloc (seen with -O2 -fsanitize=address).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
#pragma GCC diagnostic pop
#endif

namespace sgdbias::testing {

long allocations_so_far() { return allocation_count.load(std::memory_order_relaxed); }

bool allocation_counter_sees_malloc() { return SGDBIAS_COUNTS_MALLOC != 0; }

}  // namespace sgdbias::testing
