/// The engine's matrix multiply for callers outside the module (benchmarks,
/// cross-checks): C (m x n) = op(A) · op(B), row-major Float.
public enum MatrixMultiply {
    /// `transposeA`: A is stored k x m; `transposeB`: B is stored n x k.
    public static func multiply(
        _ a: [Float], _ b: [Float], into c: inout [Float], m: Int, n: Int, k: Int,
        transposeA: Bool = false, transposeB: Bool = false
    ) {
        precondition(a.count == m * k && b.count == k * n && c.count == m * n, "operand sizes must match m, n and k")
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Gemm.multiply(
                        m: m, n: n, k: k, a: a.baseAddress!, transposeA: transposeA, b: b.baseAddress!, transposeB: transposeB,
                        c: c.baseAddress!, accumulate: false)
                }
            }
        }
    }
}
