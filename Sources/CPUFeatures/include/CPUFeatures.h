#ifndef TRACKER_CPU_FEATURES_H
#define TRACKER_CPU_FEATURES_H

/// 1 when this CPU can run code built for x86-64-v3 (AVX2 and FMA), the
/// target of release builds of the training engine; always 1 off x86.
/// Call it before any code of the Training module runs, e.g.:
///
///     #if !DEBUG
///     guard tracker_cpu_supports_release_target() == 1 else { exit with a message }
///     #endif
int tracker_cpu_supports_release_target(void);

#endif
