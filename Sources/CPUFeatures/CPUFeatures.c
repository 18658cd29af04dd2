#include "CPUFeatures.h"

// Compiled with the default target (no AVX flags), so calling it is safe on
// any x86-64 CPU, including the ones it exists to turn away.
int tracker_cpu_supports_release_target(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 1;
#endif
}
