#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Lane-wise operations the standard library leaves scalar. `SIMD8.squareRoot()`
/// compiles to eight scalar square roots with spills; the SSE intrinsic
/// compiles to vector square roots on every x86-64 CPU.
enum VectorMath {
    @inline(__always)
    static func squareRoot(_ value: SIMD8<Float>) -> SIMD8<Float> {
        #if arch(x86_64)
        SIMD8(lowHalf: _mm_sqrt_ps(value.lowHalf), highHalf: _mm_sqrt_ps(value.highHalf))
        #else
        value.squareRoot()
        #endif
    }
}
